using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Processing.Restoration;

namespace AudioPost.Sdk.Mastering;

/// <summary>
/// Settings of <see cref="PodcastChain"/>: immutable, every value with a documented default tuned for spoken voice.
/// </summary>
public sealed record PodcastChainOptions
{
    /// <summary>Gets the integrated loudness delivered, in LUFS (−70 to 0); default −16 (podcast platforms).</summary>
    public double TargetLufs { get; init; } = -16;

    /// <summary>Gets the true-peak ceiling, in dBTP (−60 to 0); default −1.</summary>
    public double TruePeakDbtp { get; init; } = -1;

    /// <summary>Gets the high-pass corner, in Hz (rumble, handling noise, plosives); default 80; 0 skips the stage.</summary>
    public float HighPassHz { get; init; } = 80f;

    /// <summary>Gets the mains frequency for de-hum (default <see cref="HumFrequency.Auto"/>), or null to skip the stage.</summary>
    public HumFrequency? Hum { get; init; } = HumFrequency.Auto;

    /// <summary>Gets the number of hum harmonics cancelled, including the fundamental; default 8.</summary>
    public int HumHarmonics { get; init; } = 8;

    /// <summary>
    /// Gets a factory for the noise-reduction stage (run after de-hum), or null to skip it; default a
    /// <see cref="NoiseReductionProcessor"/> with its default reduction. A factory, not an instance, because every call to
    /// <see cref="PodcastChain.Process"/> prepares fresh processors.
    /// </summary>
    public Func<IAudioProcessor>? NoiseReduction { get; init; } = static () => new NoiseReductionProcessor();

    /// <summary>Gets the de-esser threshold on the band above 5 kHz, in dBFS; default −30; null skips the stage.</summary>
    public float? DeEsserThresholdDb { get; init; } = -30f;

    /// <summary>Gets the presence boost of the EQ stage (a peak at 3 kHz, Q 1), in dB; default 2; 0 skips the stage.</summary>
    public float PresenceDb { get; init; } = 2f;

    /// <summary>Gets the compressor threshold, in dBFS; default −24 (ratio 3, 6 dB knee, 10 ms / 150 ms); null skips the stage.</summary>
    public float? CompressorThresholdDb { get; init; } = -24f;

    /// <summary>Gets the leveler's speech target before normalisation, in LUFS; default −20; null skips the stage.</summary>
    public float? LevelerTargetLufs { get; init; } = -20f;

    /// <summary>Gets the leveler's largest boost and cut, in dB; default 12.</summary>
    public float LevelerRangeDb { get; init; } = 12f;
}
