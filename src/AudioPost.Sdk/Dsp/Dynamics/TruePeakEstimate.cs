using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using AudioPost.Sdk.Dsp.Loudness;

namespace AudioPost.Sdk.Dsp.Dynamics;

/// <summary>
/// The true-peak limiter's detector kernel: for every input sample, the largest of its absolute value and the
/// absolute values of the over-sampled interpolations ending at it, eight samples per <see cref="Vector256{T}"/>
/// (sixteen per <see cref="Vector512{T}"/> where that is accelerated).
/// </summary>
/// <remarks>
/// <para>The interpolator is an FIR per phase, so outputs at neighbouring samples are independent: the vector runs
/// along time (eight consecutive outputs per lane group) and every tap is one broadcast coefficient times one
/// unaligned load of eight history samples. The taps are summed in the same order, with the same fused operations,
/// as a scalar loop would, so every lane holds exactly the bits the scalar interpolation gives (and thus the
/// meter's, which shares the coefficients).</para>
/// <para>Callers pad: the kernel always writes whole vectors, so the history needs <see cref="Padding"/> readable
/// samples past the last one and the peaks as many writable slots; values computed there are meaningless.</para>
/// <para>Real-time safe: no allocation, lock or exception.</para>
/// </remarks>
internal static class TruePeakEstimate
{
    /// <summary>The interpolator's history: samples before the first output that each output reads.</summary>
    public const int History = TruePeakDetector.TapsPerPhase - 1;

    /// <summary>Slots beyond the last real sample that the kernel may read (history) and write (peaks).</summary>
    public const int Padding = 16;

    private const int Taps = TruePeakDetector.TapsPerPhase;

    /// <summary>
    /// Writes (or, unless <paramref name="first"/>, merges by maximum into) <paramref name="peaks"/>[i] the peak
    /// estimate of sample <c>history[History + i]</c>, for i from 0 to <paramref name="count"/> rounded up to 16.
    /// </summary>
    /// <param name="history"><see cref="History"/> earlier samples, then the new ones, then padding.</param>
    /// <param name="peaks">Receives the estimates; at least <paramref name="count"/> rounded up to 16 long.</param>
    /// <param name="count">Samples to estimate.</param>
    /// <param name="coefficients">The phases' taps, <see cref="TruePeakDetector.TapsPerPhase"/> per phase (may be empty: sample peaks only).</param>
    /// <param name="first">True to overwrite <paramref name="peaks"/>, false to keep the larger of old and new.</param>
    public static void Accumulate(ReadOnlySpan<float> history, Span<float> peaks, int count, ReadOnlySpan<float> coefficients, bool first)
    {
        var padded = (count + Padding - 1) & ~(Padding - 1);

        // One check here covers every unchecked access below.
        if (history.Length < History + padded || peaks.Length < padded)
        {
            throw new ArgumentException("The history or the peaks are too short for the padded count.");
        }

        ref var x = ref MemoryMarshal.GetReference(history);
        ref var peak = ref MemoryMarshal.GetReference(peaks);
        for (var i = 0; i < padded; i += Vector256<float>.Count)
        {
            var sample = Vector256.Abs(Vector256.LoadUnsafe(ref Unsafe.Add(ref x, History + i)));
            if (!first)
            {
                sample = Vector256.MaxNative(sample, Vector256.LoadUnsafe(ref peak, (nuint)i));
            }

            sample.StoreUnsafe(ref peak, (nuint)i);
        }

        // Phase by phase over the whole run: the phase's twelve broadcast coefficients stay in registers, so each
        // tap costs one load of history and one fused multiply-add (broadcasting per tap would double the loads,
        // and loads, not arithmetic, would set the pace).
        for (var p = 0; p < coefficients.Length / Taps; p++)
        {
            var c = coefficients.Slice(p * Taps, Taps);
            if (Vector512.IsHardwareAccelerated)
            {
                AccumulatePhase512(ref x, ref peak, padded, c);
            }
            else
            {
                AccumulatePhase256(ref x, ref peak, padded, c);
            }
        }
    }

    private static void AccumulatePhase256(ref float x, ref float peak, int padded, ReadOnlySpan<float> c)
    {
        var c0 = Vector256.Create(c[0]);
        var c1 = Vector256.Create(c[1]);
        var c2 = Vector256.Create(c[2]);
        var c3 = Vector256.Create(c[3]);
        var c4 = Vector256.Create(c[4]);
        var c5 = Vector256.Create(c[5]);
        var c6 = Vector256.Create(c[6]);
        var c7 = Vector256.Create(c[7]);
        var c8 = Vector256.Create(c[8]);
        var c9 = Vector256.Create(c[9]);
        var c10 = Vector256.Create(c[10]);
        var c11 = Vector256.Create(c[11]);
        for (var i = 0; i < padded; i += Vector256<float>.Count)
        {
            // Σ c[m] · x[n − m] for m = 0 … 11, in that order, one rounding per tap (as MathF.FusedMultiplyAdd).
            ref var newest = ref Unsafe.Add(ref x, History + i);
            var sum = c0 * Vector256.LoadUnsafe(ref newest);
            sum = Tap(c1, ref newest, 1, sum);
            sum = Tap(c2, ref newest, 2, sum);
            sum = Tap(c3, ref newest, 3, sum);
            sum = Tap(c4, ref newest, 4, sum);
            sum = Tap(c5, ref newest, 5, sum);
            sum = Tap(c6, ref newest, 6, sum);
            sum = Tap(c7, ref newest, 7, sum);
            sum = Tap(c8, ref newest, 8, sum);
            sum = Tap(c9, ref newest, 9, sum);
            sum = Tap(c10, ref newest, 10, sum);
            sum = Tap(c11, ref newest, 11, sum);
            Vector256.MaxNative(Vector256.Abs(sum), Vector256.LoadUnsafe(ref peak, (nuint)i)).StoreUnsafe(ref peak, (nuint)i);
        }
    }

    // The same loop sixteen samples wide, where the hardware has 512-bit vectors.
    private static void AccumulatePhase512(ref float x, ref float peak, int padded, ReadOnlySpan<float> c)
    {
        var c0 = Vector512.Create(c[0]);
        var c1 = Vector512.Create(c[1]);
        var c2 = Vector512.Create(c[2]);
        var c3 = Vector512.Create(c[3]);
        var c4 = Vector512.Create(c[4]);
        var c5 = Vector512.Create(c[5]);
        var c6 = Vector512.Create(c[6]);
        var c7 = Vector512.Create(c[7]);
        var c8 = Vector512.Create(c[8]);
        var c9 = Vector512.Create(c[9]);
        var c10 = Vector512.Create(c[10]);
        var c11 = Vector512.Create(c[11]);
        for (var i = 0; i < padded; i += Vector512<float>.Count)
        {
            ref var newest = ref Unsafe.Add(ref x, History + i);
            var sum = c0 * Vector512.LoadUnsafe(ref newest);
            sum = Tap(c1, ref newest, 1, sum);
            sum = Tap(c2, ref newest, 2, sum);
            sum = Tap(c3, ref newest, 3, sum);
            sum = Tap(c4, ref newest, 4, sum);
            sum = Tap(c5, ref newest, 5, sum);
            sum = Tap(c6, ref newest, 6, sum);
            sum = Tap(c7, ref newest, 7, sum);
            sum = Tap(c8, ref newest, 8, sum);
            sum = Tap(c9, ref newest, 9, sum);
            sum = Tap(c10, ref newest, 10, sum);
            sum = Tap(c11, ref newest, 11, sum);
            Vector512.MaxNative(Vector512.Abs(sum), Vector512.LoadUnsafe(ref peak, (nuint)i)).StoreUnsafe(ref peak, (nuint)i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Tap(Vector512<float> coefficient, ref float newest, int m, Vector512<float> sum) =>
        Vector512.FusedMultiplyAdd(coefficient, Vector512.LoadUnsafe(ref Unsafe.Subtract(ref newest, m)), sum);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Tap(Vector256<float> coefficient, ref float newest, int m, Vector256<float> sum) =>
        Vector256.FusedMultiplyAdd(coefficient, Vector256.LoadUnsafe(ref Unsafe.Subtract(ref newest, m)), sum);
}
