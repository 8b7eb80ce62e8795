namespace AudioPost.Sdk.Formats.SndFile;

/// <summary>How a lossy encoder spends bits (libsndfile's SF_BITRATE_MODE_*). Only MP3 has one in libsndfile 1.2.</summary>
public enum SndFileBitrateMode
{
    /// <summary>The same bitrate throughout (SF_BITRATE_MODE_CONSTANT).</summary>
    Constant = 0,

    /// <summary>A target average bitrate (SF_BITRATE_MODE_AVERAGE).</summary>
    Average = 1,

    /// <summary>Bits follow the signal's complexity at a target quality (SF_BITRATE_MODE_VARIABLE).</summary>
    Variable = 2,
}
