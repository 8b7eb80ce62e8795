namespace AudioPost.Sdk.Processing;

/// <summary>How long a processor's state takes to decay by 2<sup>-30</sup>, the threshold <see cref="IBoundedMemory"/> promises.</summary>
internal static class ProcessorMemory
{
    /// <summary>
    /// ln(2<sup>32</sup>): time constants to decay by 2<sup>-32</sup>. Two octaves beyond the promised 2<sup>-30</sup>,
    /// because a resonant section's response starts below its decay envelope, so its peak is not where the decay starts.
    /// </summary>
    private const double TimeConstants = 22.18070977791825;

    /// <summary>Frames for an exponential decay of time constant <paramref name="seconds"/> to fall by 2<sup>-30</sup>.</summary>
    public static long FromTimeConstant(double seconds, int sampleRate) =>
        seconds <= 0 ? 0 : Saturate(Math.Ceiling(TimeConstants * seconds * sampleRate));

    /// <summary>Frames for a recursion whose slowest pole has magnitude <paramref name="radius"/> to fall by 2<sup>-30</sup>.</summary>
    public static long FromPoleRadius(double radius) =>
        radius <= 0 ? 1 : radius >= 1 || double.IsNaN(radius) ? long.MaxValue : Saturate(Math.Ceiling(TimeConstants / -Math.Log(radius)));

    /// <summary>The memory of processors in series: each starts to forget only when the one before it has.</summary>
    public static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    private static long Saturate(double frames) => frames >= long.MaxValue ? long.MaxValue : (long)frames;
}
