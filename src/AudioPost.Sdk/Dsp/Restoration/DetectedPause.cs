namespace AudioPost.Sdk.Dsp.Restoration;

/// <summary>One pause <see cref="SilenceTrimmer"/> found: where it starts in the input and how long it was and is, in frames.</summary>
/// <param name="Start">First quiet frame in the input.</param>
/// <param name="Length">Quiet frames in the input.</param>
/// <param name="KeptLength">Frames of the pause in the output (the input length, or the maximum kept).</param>
public readonly record struct DetectedPause(long Start, int Length, int KeptLength);
