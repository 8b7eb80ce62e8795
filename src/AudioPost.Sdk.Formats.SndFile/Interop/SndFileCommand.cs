namespace AudioPost.Sdk.Formats.SndFile.Interop;

/// <summary>The sf_command codes used here (values from sndfile.h of libsndfile 1.2).</summary>
internal static class SndFileCommand
{
    /// <summary>SFC_SET_CLIPPING: saturate float-to-integer conversion (and scale by 2^(n-1), not 2^(n-1) - 1).</summary>
    public const int SetClipping = 0x10C0;

    /// <summary>SFC_SET_COMPRESSION_LEVEL: a double from 0 (best quality, least compression) to 1.</summary>
    public const int SetCompressionLevel = 0x1301;

    /// <summary>SFC_SET_BITRATE_MODE: an int, SF_BITRATE_MODE_CONSTANT/AVERAGE/VARIABLE.</summary>
    public const int SetBitrateMode = 0x1305;
}
