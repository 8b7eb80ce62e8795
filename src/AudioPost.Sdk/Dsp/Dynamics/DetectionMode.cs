namespace AudioPost.Sdk.Dsp.Dynamics;

/// <summary>How a dynamics processor measures the level that drives its gain.</summary>
public enum DetectionMode
{
    /// <summary>
    /// The absolute sample value (optionally held by a decaying peak envelope): a sine of amplitude A reads
    /// 20 log10(A) dBFS. Reacts to transients; what limiters and de-essers want.
    /// </summary>
    Peak,

    /// <summary>
    /// The root of an exponentially averaged mean square: a sine of amplitude A reads 20 log10(A / √2) dBFS (3.01 dB
    /// under its peak). Follows perceived loudness more closely; what programme levelling wants.
    /// </summary>
    Rms,
}
