namespace AudioPost.Sdk.Formats.SndFile;

/// <summary>libsndfile format codes (sndfile.h, libsndfile 1.2) and the codecs' own limits.</summary>
internal static class SndFileConstants
{
    public const int TypeMask = 0x0FFF0000;
    public const int SubMask = 0x0000FFFF;

    public const int TypeFlac = 0x170000;
    public const int TypeOgg = 0x200000;
    public const int TypeMpeg = 0x230000;

    public const int PcmS8 = 0x0001;
    public const int Pcm16 = 0x0002;
    public const int Pcm24 = 0x0003;
    public const int Vorbis = 0x0060;
    public const int Opus = 0x0064;
    public const int MpegLayerIII = 0x0082;

    /// <summary>The most channels libFLAC encodes.</summary>
    public const int FlacMaxChannels = 8;

    /// <summary>The most channels an MPEG audio stream carries.</summary>
    public const int Mp3MaxChannels = 2;

    /// <summary>The channel orders defined by Vorbis I §4.3.9 (also Opus mapping family 1) stop at 8 channels.</summary>
    public const int VorbisOrderMaxChannels = 8;

    /// <summary>The rates the Opus encoder runs at; libsndfile does not resample.</summary>
    public static ReadOnlySpan<int> OpusSampleRates => [8000, 12000, 16000, 24000, 48000];

    /// <summary>The MPEG-1, -2 and -2.5 Layer III rates.</summary>
    public static ReadOnlySpan<int> Mp3SampleRates => [8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000];
}
