namespace AudioPost.Sdk.Dsp.Dynamics;

/// <summary>
/// Converts the time constants of dynamics processors (attack, release, detector windows) to one-pole coefficients.
/// </summary>
/// <remarks>
/// <para>Convention used by every dynamics processor of the SDK: a time of <c>τ</c> ms means that, after a step, the
/// smoothed quantity (gain reduction in dB, mean square, peak envelope) has covered 63.2 % (1 − 1/e) of the way to its
/// new value <c>τ</c> ms later, 86.5 % after 2τ and 99.3 % after 5τ. (Some tools quote 10–90 % rise time instead,
/// which is 2.2 τ.) The recurrence is <c>y[n] = a · y[n−1] + (1 − a) · x[n]</c> with <c>a = exp(−1 / (τ · fs))</c>.</para>
/// <para>Real-time safe: pure functions, no allocation.</para>
/// </remarks>
public static class TimeConstant
{
    /// <summary>Gets the one-pole coefficient <c>a = exp(−1000 / (milliseconds · sampleRate))</c>; 0 (no smoothing) for 0 ms or less.</summary>
    /// <param name="milliseconds">The time constant in ms.</param>
    /// <param name="sampleRate">The sample rate in Hz, 1 or more.</param>
    public static float Coefficient(double milliseconds, int sampleRate) =>
        milliseconds <= 0 ? 0f : (float)Math.Exp(-1000.0 / (milliseconds * sampleRate));

    /// <summary>Gets the time, in frames, that a one-pole with coefficient <paramref name="coefficient"/> takes to cover 63.2 % of a step.</summary>
    /// <param name="coefficient">A coefficient in (0, 1).</param>
    public static double Frames(float coefficient) => coefficient <= 0f ? 0 : -1.0 / Math.Log(coefficient);
}
