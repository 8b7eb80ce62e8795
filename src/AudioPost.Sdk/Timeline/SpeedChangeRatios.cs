namespace AudioPost.Sdk.Timeline;

/// <summary>The exact ratios behind <see cref="SpeedChange"/>.</summary>
public static class SpeedChangeRatios
{
    /// <summary>Gets the playback speed of <paramref name="change"/> as an exact fraction (e.g. 1000/1001 for a
    /// pull-down).</summary>
    /// <param name="change">The speed change.</param>
    /// <returns>The numerator and denominator, both positive.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="change"/> is not a defined value.</exception>
    public static (int Numerator, int Denominator) GetRatio(this SpeedChange change) => change switch
    {
        SpeedChange.None => (1, 1),
        SpeedChange.PullDown => (1000, 1001),
        SpeedChange.PullUp => (1001, 1000),
        SpeedChange.Film24To25 => (25, 24),
        SpeedChange.Pal25To24 => (24, 25),
        _ => throw new ArgumentOutOfRangeException(nameof(change), change, "Unknown speed change."),
    };
}
