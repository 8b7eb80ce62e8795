using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using AudioPost.Sdk.Dsp.Loudness;

namespace AudioPost.Sdk.Dsp.Dynamics;

/// <summary>
/// The true-peak limiter's detector kernel: for every input sample, the largest of its absolute value and the
/// absolute values of the over-sampled interpolations ending at it, eight samples per <see cref="Vector256{T}"/>.
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
    public const int Padding = 8;

    private const int Taps = TruePeakDetector.TapsPerPhase;

    /// <summary>
    /// Writes (or, unless <paramref name="first"/>, merges by maximum into) <paramref name="peaks"/>[i] the peak
    /// estimate of sample <c>history[History + i]</c>, for i from 0 to <paramref name="count"/> rounded up to 8.
    /// </summary>
    /// <param name="history"><see cref="History"/> earlier samples, then the new ones, then padding.</param>
    /// <param name="peaks">Receives the estimates; at least <paramref name="count"/> rounded up to 8 long.</param>
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

        var phases = coefficients.Length / Taps;
        ref var x = ref MemoryMarshal.GetReference(history);
        ref var c = ref MemoryMarshal.GetReference(coefficients);
        ref var peak = ref MemoryMarshal.GetReference(peaks);
        for (var i = 0; i < padded; i += Padding)
        {
            ref var newest = ref Unsafe.Add(ref x, History + i);
            var largest = Vector256.Abs(Vector256.LoadUnsafe(ref newest));
            for (var p = 0; p < phases; p++)
            {
                largest = Vector256.MaxNative(largest, Vector256.Abs(Phase(ref newest, ref Unsafe.Add(ref c, p * Taps))));
            }

            if (!first)
            {
                largest = Vector256.MaxNative(largest, Vector256.LoadUnsafe(ref peak, (nuint)i));
            }

            largest.StoreUnsafe(ref peak, (nuint)i);
        }
    }

    // Σ c[m] · x[n − m] for m = 0 … 11, in that order, one rounding per tap (as MathF.FusedMultiplyAdd would).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Phase(ref float newest, ref float c)
    {
        var sum = Vector256.Create(c) * Vector256.LoadUnsafe(ref newest);
        sum = Tap(sum, ref newest, ref c, 1);
        sum = Tap(sum, ref newest, ref c, 2);
        sum = Tap(sum, ref newest, ref c, 3);
        sum = Tap(sum, ref newest, ref c, 4);
        sum = Tap(sum, ref newest, ref c, 5);
        sum = Tap(sum, ref newest, ref c, 6);
        sum = Tap(sum, ref newest, ref c, 7);
        sum = Tap(sum, ref newest, ref c, 8);
        sum = Tap(sum, ref newest, ref c, 9);
        sum = Tap(sum, ref newest, ref c, 10);
        return Tap(sum, ref newest, ref c, 11);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Tap(Vector256<float> sum, ref float newest, ref float c, int m) =>
        Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref c, m)), Vector256.LoadUnsafe(ref Unsafe.Subtract(ref newest, m)), sum);
}
