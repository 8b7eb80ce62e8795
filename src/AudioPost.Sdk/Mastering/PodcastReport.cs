using AudioPost.Sdk.Processing.Restoration;

namespace AudioPost.Sdk.Mastering;

/// <summary>What <see cref="PodcastChain.Process"/> measured and applied.</summary>
public sealed record PodcastReport
{
    /// <summary>Gets the final loudness normalisation: loudness and true peak of the chain's output before it
    /// (<see cref="NormalizationResult.Input"/>) and of the delivered file (<see cref="NormalizationResult.Output"/>).</summary>
    public required NormalizationResult Normalization { get; init; }

    /// <summary>Gets the input file's integrated loudness, in LUFS.</summary>
    public required double InputLoudnessLufs { get; init; }

    /// <summary>Gets the input file's true peak, in dBTP.</summary>
    public required double InputTruePeakDbtp { get; init; }

    /// <summary>Gets the input's noise floor: the 10th percentile of its 50 ms RMS frames, in dBFS.</summary>
    public required double NoiseFloorBeforeDbfs { get; init; }

    /// <summary>Gets the delivered file's noise floor (same definition), in dBFS: measured on the chain's output and
    /// moved by the normalisation gain (the limiter only touches peaks, far above the floor).</summary>
    public required double NoiseFloorAfterDbfs { get; init; }

    /// <summary>Gets the leveler's lowest gain, in dB (0 without the stage).</summary>
    public required double LevelerMinGainDb { get; init; }

    /// <summary>Gets the leveler's highest gain, in dB (0 without the stage).</summary>
    public required double LevelerMaxGainDb { get; init; }

    /// <summary>Gets the leveler's mean gain over the programme, in dB (0 without the stage).</summary>
    public required double LevelerMeanGainDb { get; init; }

    /// <summary>Gets the mains frequency de-hum worked on (<see cref="HumFrequency.Auto"/> if undecided), or null without the stage.</summary>
    public required HumFrequency? Hum { get; init; }

    /// <summary>Gets the stages run, in order (for example <c>highpass</c>, <c>dehum</c>, <c>denoise</c>, ...).</summary>
    public required IReadOnlyList<string> Stages { get; init; }
}
