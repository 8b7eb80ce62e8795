using AudioPost.Sdk.Automation;

namespace AudioPost.Sdk.Processing.Dynamics;

/// <summary>
/// The parameters of one band of a <see cref="MultibandCompressorProcessor"/>: the same meaning, units and ranges as
/// the <see cref="CompressorProcessor"/> parameters of the same names. Any thread may set them.
/// </summary>
public sealed class CompressorBand
{
    internal CompressorBand(int index)
    {
        Index = index;
        Threshold = new AudioParameter($"band {index} threshold", -20f, -80f, 0f);
        Ratio = new AudioParameter($"band {index} ratio", 1f, 1f, 100f);
        Knee = new AudioParameter($"band {index} knee", 6f, 0f, 24f);
        Attack = new AudioParameter($"band {index} attack", 10f, 0.01f, 1_000f);
        Release = new AudioParameter($"band {index} release", 100f, 1f, 5_000f);
        Makeup = new AudioParameter($"band {index} makeup", 0f, -24f, 24f);
    }

    /// <summary>Gets the band's index, 0 (lowest) upwards.</summary>
    public int Index { get; }

    /// <summary>Gets the threshold parameter, in dB (−80 to 0; default −20), compared with the band's level.</summary>
    public AudioParameter Threshold { get; }

    /// <summary>Gets the ratio parameter (1 to 100; default 1, which leaves the band untouched).</summary>
    public AudioParameter Ratio { get; }

    /// <summary>Gets the soft-knee width parameter, in dB (0 to 24; default 6).</summary>
    public AudioParameter Knee { get; }

    /// <summary>Gets the attack time constant parameter, in ms (0.01 to 1 000; default 10).</summary>
    public AudioParameter Attack { get; }

    /// <summary>Gets the release time constant parameter, in ms (1 to 5 000; default 100).</summary>
    public AudioParameter Release { get; }

    /// <summary>Gets the band's make-up gain parameter, in dB (−24 to +24; default 0).</summary>
    public AudioParameter Makeup { get; }

    internal AudioParameter[] All => [Threshold, Ratio, Knee, Attack, Release, Makeup];
}
