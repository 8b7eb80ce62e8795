namespace AudioPost.Sdk.Dsp.Restoration;

/// <summary>Settings of <see cref="SilenceTrimmer"/>: immutable, with documented defaults.</summary>
public sealed record SilenceTrimOptions
{
    /// <summary>Gets the level under which a sample is quiet, in dB (−120 to 0): dBFS, or relative to the programme's
    /// sample peak when <see cref="RelativeToPeak"/>; default −50.</summary>
    public double ThresholdDb { get; init; } = -50;

    /// <summary>Gets whether <see cref="ThresholdDb"/> is relative to the programme's sample peak; default false (dBFS).</summary>
    public bool RelativeToPeak { get; init; }

    /// <summary>Gets the shortest run of quiet samples that counts as a pause, in ms; default 300.</summary>
    public double MinPauseMilliseconds { get; init; } = 300;

    /// <summary>Gets the longest pause kept, in ms: longer pauses are shortened to exactly this; default 700.</summary>
    public double MaxPauseMilliseconds { get; init; } = 700;

    /// <summary>Gets the cross-fade at each join, in ms (equal-power, inside the kept pause); default 10.</summary>
    public double FadeMilliseconds { get; init; } = 10;
}
