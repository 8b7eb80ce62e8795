using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AudioPost.Sdk.Dsp.Fourier;

internal static partial class FftKernels
{
    /// <summary>
    /// The real forward transform's post-pass over bins 1 .. M/2 of the half-size spectrum Z (M = N/2 complex
    /// values, in place): with E, O the DFTs of the even and odd samples, Z = E + iO, so
    /// E[k] = (Z[k] + conj Z[M−k]) / 2, O[k] = −i·(Z[k] − conj Z[M−k]) / 2, X[k] = E[k] + W^k·O[k] and
    /// X[M−k] = conj(E[k] − W^k·O[k]). Each step finishes bins k and M−k together.
    /// </summary>
    /// <remarks>
    /// The vector loop takes four k at once and the four mirrored bins M−k reversed, while the two groups are
    /// disjoint; the few bins around M/2 that are left run scalar. Without it the pass costs as much as the
    /// half-size transform itself at small sizes (it is scalar, bounds-checked and not pipelined across k).
    /// </remarks>
    internal static void RealForwardPass(Span<float> spectrum, int half, ReadOnlySpan<float> twiddles)
    {
        ref var z = ref MemoryMarshal.GetReference(spectrum);
        ref var w = ref MemoryMarshal.GetReference(twiddles);
        var k = 1;
        if (FirstStageVectorized)
        {
            var conjugate = Vector256.Create(0f, -0f, 0f, -0f, 0f, -0f, 0f, -0f);
            for (; (2 * k) + 6 < half; k += 4)
            {
                var a = Load(ref z, k);
                var b = ReverseComplex(Load(ref z, half - k - 3)) ^ conjugate;
                var even = (a + b) * 0.5f;
                var odd = MulMinusI(a - b) * 0.5f;
                var rotated = MulByTwiddles(odd, Load(ref w, k));
                Store(even + rotated, ref z, k);
                Store(ReverseComplex((even - rotated) ^ conjugate), ref z, half - k - 3);
            }
        }

        var bins = MemoryMarshal.Cast<float, Vector2>(spectrum);
        var tw = MemoryMarshal.Cast<float, Vector2>(twiddles);
        for (; k <= half / 2; k++)
        {
            var a = bins[k];
            var b = bins[half - k];
            var even = new Vector2(a.X + b.X, a.Y - b.Y) * 0.5f;
            var odd = new Vector2(a.Y + b.Y, b.X - a.X) * 0.5f;
            var rotated = Mul(tw[k], odd);
            bins[k] = even + rotated;
            bins[half - k] = new Vector2(even.X - rotated.X, rotated.Y - even.Y);
        }
    }

    /// <summary>
    /// The real inverse transform's pre-pass over bins 1 .. M/2: packs X into the conjugate of 2Z, where
    /// 2Z[k] = (X[k] + conj X[M−k]) + i·W^−k·(X[k] − conj X[M−k]), so that the forward complex plan computes the
    /// inverse. Reads <paramref name="spectrum"/>, writes <paramref name="packed"/> (M complex values).
    /// </summary>
    internal static void RealInversePass(ReadOnlySpan<float> spectrum, Span<float> packed, int half, ReadOnlySpan<float> twiddles)
    {
        ref var x = ref MemoryMarshal.GetReference(spectrum);
        ref var p = ref MemoryMarshal.GetReference(packed);
        ref var w = ref MemoryMarshal.GetReference(twiddles);
        var k = 1;
        if (FirstStageVectorized)
        {
            var conjugate = Vector256.Create(0f, -0f, 0f, -0f, 0f, -0f, 0f, -0f);
            for (; (2 * k) + 6 < half; k += 4)
            {
                var a = Load(ref x, k);
                var b = ReverseComplex(Load(ref x, half - k - 3)) ^ conjugate;
                var sum = a + b;
                var rotated = MulByTwiddles(a - b, Load(ref w, k) ^ conjugate);

                // i·rotated = −(−i·rotated).
                var ik = -MulMinusI(rotated);
                Store((sum + ik) ^ conjugate, ref p, k);
                Store(ReverseComplex(sum - ik), ref p, half - k - 3);
            }
        }

        var bins = MemoryMarshal.Cast<float, Vector2>(spectrum);
        var tw = MemoryMarshal.Cast<float, Vector2>(twiddles);
        var output = MemoryMarshal.Cast<float, Vector2>(packed);
        for (; k <= half / 2; k++)
        {
            var a = bins[k];
            var b = bins[half - k];
            var sum = new Vector2(a.X + b.X, a.Y - b.Y);
            var difference = new Vector2(a.X - b.X, a.Y + b.Y);
            var rotated = Mul(new Vector2(tw[k].X, -tw[k].Y), difference);
            var ik = new Vector2(-rotated.Y, rotated.X);
            output[k] = new Vector2(sum.X + ik.X, -(sum.Y + ik.Y));
            if (half - k != k)
            {
                // For bin M−k the roles of a and b swap and W^−(M−k) = −conj W^−k, which gives sum − ik unconjugated.
                output[half - k] = sum - ik;
            }
        }
    }

    /// <summary>Reverses the order of the four complex values in <paramref name="v"/> (each 64 bits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ReverseComplex(Vector256<float> v) =>
        Vector256.Shuffle(v.AsDouble(), Vector256.Create(3L, 2L, 1L, 0L)).AsSingle();

    /// <summary>Multiplies each complex lane of <paramref name="v"/> by the matching complex lane of <paramref name="w"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> MulByTwiddles(Vector256<float> v, Vector256<float> w)
    {
        var wr = Vector256.Shuffle(w, Vector256.Create(0, 0, 2, 2, 4, 4, 6, 6));
        var wi = Vector256.Shuffle(w, Vector256.Create(1, 1, 3, 3, 5, 5, 7, 7)) ^ Vector256.Create(-0f, 0f, -0f, 0f, -0f, 0f, -0f, 0f);
        return Mul(v, wr, wi);
    }
}
