namespace AudioPost.Sdk.Dsp.Restoration;

/// <summary>What <see cref="SilenceTrimmer.Trim"/> produced.</summary>
public sealed record SilenceTrimResult
{
    /// <summary>Gets the trimmed audio, one array per channel (all the same length).</summary>
    public required float[][] Channels { get; init; }

    /// <summary>Gets every pause found (at least the minimum length), in input order.</summary>
    public required IReadOnlyList<DetectedPause> Pauses { get; init; }

    /// <summary>Gets how many frames were removed.</summary>
    public long RemovedFrames => Pauses.Sum(p => (long)(p.Length - p.KeptLength));
}
