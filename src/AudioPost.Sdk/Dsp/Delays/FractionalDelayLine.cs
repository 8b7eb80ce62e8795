using System.Numerics;

namespace AudioPost.Sdk.Dsp.Delays;

/// <summary>
/// A single-channel delay line read at non-integer delays (in frames), with the interpolation of
/// <see cref="Interpolation"/>: the building block of fractional, modulated and feedback delays.
/// </summary>
/// <remarks>
/// <para>Write one sample at a time with <see cref="Write"/>; <see cref="Read"/> then returns the signal
/// <c>delay</c> frames before the newest sample written (a delay of 0 is that sample). Delays are clamped to
/// [<see cref="MinimumDelay"/>, <see cref="MaxDelayFrames"/>]: an interpolator needs samples on both sides of
/// the point it reads, so the smallest delay is 0 (linear), 1 (Lagrange) or 15 (sinc) frames.</para>
/// <para>Real-time safe: <see cref="Write"/>, <see cref="Read"/> and <see cref="Reset"/> neither allocate nor
/// lock; the constructor allocates a ring of the next power of two above the longest delay plus the taps.
/// Not thread-safe: one writer and reader (the audio thread).</para>
/// </remarks>
public sealed class FractionalDelayLine
{
    private readonly float[] _ring;
    private readonly int _mask;
    private int _newest;

    /// <summary>Creates a line.</summary>
    /// <param name="maxDelayFrames">The longest delay read, in frames, 1 to 2^25.</param>
    /// <param name="interpolation">How to read between samples; default cubic Lagrange.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDelayFrames"/> is out of range.</exception>
    public FractionalDelayLine(int maxDelayFrames, DelayInterpolation interpolation = DelayInterpolation.Lagrange3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelayFrames, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDelayFrames, 1 << 25);
        Interpolation = interpolation;
        MaxDelayFrames = maxDelayFrames;
        MinimumDelay = MinimumDelayOf(interpolation);
        if (interpolation == DelayInterpolation.Sinc32)
        {
            // Touch the shared table here, on the constructing thread, rather than on the first Read.
            _ = SincInterpolationTable.Weights;
        }

        _ring = new float[BitOperations.RoundUpToPowerOf2((uint)(maxDelayFrames + SincInterpolationTable.Taps + 2))];
        _mask = _ring.Length - 1;
    }

    /// <summary>Gets the interpolation.</summary>
    public DelayInterpolation Interpolation { get; }

    /// <summary>Gets the longest delay, in frames.</summary>
    public int MaxDelayFrames { get; }

    /// <summary>Gets the shortest delay the interpolation can read, in frames: 0, 1 or 15.</summary>
    public int MinimumDelay { get; }

    /// <summary>Returns the shortest delay, in frames, that <paramref name="interpolation"/> can read (its look-ahead).</summary>
    public static int MinimumDelayOf(DelayInterpolation interpolation) => interpolation switch
    {
        DelayInterpolation.Linear => 0,
        DelayInterpolation.Lagrange3 => 1,
        _ => -SincInterpolationTable.FirstOffset,
    };

    /// <summary>Appends one sample. Real-time safe.</summary>
    public void Write(float sample)
    {
        _newest = (_newest + 1) & _mask;
        _ring[_newest] = sample;
    }

    /// <summary>Reads the signal <paramref name="delayFrames"/> frames before the newest sample, interpolated. Real-time safe.</summary>
    /// <param name="delayFrames">Delay in frames, clamped to [<see cref="MinimumDelay"/>, <see cref="MaxDelayFrames"/>]; NaN reads the minimum.</param>
    public float Read(double delayFrames)
    {
        var delay = Math.Clamp(double.IsNaN(delayFrames) ? 0 : delayFrames, MinimumDelay, MaxDelayFrames);
        var whole = (int)delay;
        var f = (float)(delay - whole);
        var ring = _ring;
        var mask = _mask;
        var at = _newest - whole;
        switch (Interpolation)
        {
            case DelayInterpolation.Linear:
                var a = ring[at & mask];
                return a + (f * (ring[(at - 1) & mask] - a));

            case DelayInterpolation.Lagrange3:
                // Through the samples at delays whole−1, whole, whole+1, whole+2, read at whole + f.
                var xm1 = ring[(at + 1) & mask];
                var x0 = ring[at & mask];
                var x1 = ring[(at - 1) & mask];
                var x2 = ring[(at - 2) & mask];
                var fm1 = f + 1f;
                var f1 = f - 1f;
                var f2 = f - 2f;
                return (-f * f1 * f2 / 6f * xm1) + (fm1 * f1 * f2 / 2f * x0) - (fm1 * f * f2 / 2f * x1) + (fm1 * f * f1 / 6f * x2);

            default:
                return ReadSinc(at, f);
        }
    }

    /// <summary>Clears the line to silence. Real-time safe.</summary>
    public void Reset() => Array.Clear(_ring);

    private float ReadSinc(int at, float fraction)
    {
        var table = SincInterpolationTable.Weights;
        var position = fraction * SincInterpolationTable.Phases;
        var phase = (int)position;
        var blend = position - phase;
        var rowA = table.AsSpan(phase * SincInterpolationTable.Taps, SincInterpolationTable.Taps);
        var rowB = table.AsSpan((phase + 1) * SincInterpolationTable.Taps, SincInterpolationTable.Taps);
        float sumA = 0, sumB = 0;
        var first = at - SincInterpolationTable.FirstOffset;
        for (var t = 0; t < SincInterpolationTable.Taps; t++)
        {
            var x = _ring[(first - t) & _mask];
            sumA += rowA[t] * x;
            sumB += rowB[t] * x;
        }

        return sumA + (blend * (sumB - sumA));
    }
}
