using AudioPost.Sdk.Dsp.Loudness;

namespace AudioPost.Sdk.Mastering;

/// <summary>What <see cref="LoudnessNormalizer.Normalize"/> did and measured. Immutable and thread-safe.</summary>
public sealed record NormalizationResult
{
    /// <summary>Gets the target normalised to.</summary>
    public required NormalizationTarget Target { get; init; }

    /// <summary>Gets the input's loudness (LUFS, LU, dBTP, dBFS) as measured by the first pass.</summary>
    public required LoudnessSnapshot Input { get; init; }

    /// <summary>Gets the output's loudness, measured on the rendered output (the values written to the <c>bext</c> chunk).</summary>
    public required LoudnessSnapshot Output { get; init; }

    /// <summary>Gets the gain applied before the limiter, in dB (positive raises the level).</summary>
    public required double GainDb { get; init; }

    /// <summary>Gets whether the true-peak limiter was in the chain (the gain alone would have broken the ceiling).</summary>
    public required bool Limited { get; init; }

    /// <summary>Gets the largest gain reduction of the limiter, in dB (0 when it was not needed).</summary>
    public required double MaxLimiterGainReductionDb { get; init; }

    /// <summary>Gets the number of passes over the input: one measurement, the dry runs, and the write.</summary>
    public required int Passes { get; init; }

    /// <summary>Gets whether the output is within <see cref="LoudnessNormalizer.ToleranceLu"/> of the target and at or
    /// below the ceiling.</summary>
    public bool IsWithinTolerance =>
        Math.Abs(Output.Integrated - Target.IntegratedLufs) <= LoudnessNormalizer.ToleranceLu
        && Output.TruePeak <= Target.TruePeakCeilingDbtp;
}
