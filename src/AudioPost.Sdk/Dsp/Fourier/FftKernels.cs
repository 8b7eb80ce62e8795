using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AudioPost.Sdk.Dsp.Fourier;

/// <summary>
/// The butterflies of one Stockham (self-sorting) decimation-in-frequency stage, per radix. Data are
/// interleaved complex floats (re, im, re, im, ...).
/// </summary>
/// <remarks>
/// <para>A stage of radix <c>r</c> over sub-transforms of length <c>n = r·m</c> at stride <c>s</c> reads
/// <c>a_j = x[q + s(p + j·m)]</c> and writes <c>y[q + s(r·p + k)] = w_n^(p·k) · Σ_j a_j w_r^(j·k)</c> for
/// <c>p</c> in [0, m) and <c>q</c> in [0, s). Reads and writes are contiguous in <c>q</c>, so every stage
/// after the first (where <c>s ≥ 4</c>) runs four complex values per <see cref="Vector256{T}"/>. Stockham
/// needs no bit- or digit-reversal pass: the price is a second buffer, which the plan owns.</para>
/// <para>The twiddle table of a stage holds <c>w_n^(p·k)</c> for k = 1..r-1, as (re, im) pairs at
/// <c>2·(p·(r-1) + k-1)</c>. Callers guarantee the spans' lengths; nothing here allocates.</para>
/// </remarks>
internal static partial class FftKernels
{
    /// <summary>Gets whether the vector path runs (4 complex values per step).</summary>
    internal static bool UseVectors => Vector256.IsHardwareAccelerated;

    /// <summary>Runs one stage of <paramref name="radix"/> from <paramref name="x"/> into <paramref name="y"/>.</summary>
    internal static void Stage(int radix, ReadOnlySpan<float> x, Span<float> y, int s, int m, ReadOnlySpan<float> twiddles)
    {
        switch (radix)
        {
            case 2:
                Radix2(x, y, s, m, twiddles);
                break;
            case 3:
                Radix3(x, y, s, m, twiddles);
                break;
            case 4:
                Radix4(x, y, s, m, twiddles);
                break;
            default:
                Radix5(x, y, s, m, twiddles);
                break;
        }
    }

    /// <summary>(re, im) → (im, re) in every complex lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> SwapPairs(Vector256<float> v) =>
        Avx.IsSupported ? Avx.Permute(v, 0b1011_0001) : Vector256.Shuffle(v, Vector256.Create(1, 0, 3, 2, 5, 4, 7, 6));

    /// <summary>Multiplies every complex lane by −i: (re, im) → (im, −re).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> MulMinusI(Vector256<float> v) =>
        SwapPairs(v) ^ Vector256.Create(0f, -0f, 0f, -0f, 0f, -0f, 0f, -0f);

    /// <summary>Multiplies every complex lane by the twiddle (wr, wi), given as <c>wr</c> broadcast and <c>(−wi, wi)</c> repeated.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Mul(Vector256<float> v, Vector256<float> wr, Vector256<float> wiSigned) =>
        (v * wr) + (SwapPairs(v) * wiSigned);

    /// <summary>The two broadcast vectors <see cref="Mul(Vector256{float}, Vector256{float}, Vector256{float})"/> takes for twiddle <paramref name="w"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float> Re, Vector256<float> ImSigned) Broadcast(Vector2 w) =>
        (Vector256.Create(w.X), Vector256.Create(w.Y) ^ Vector256.Create(-0f, 0f, -0f, 0f, -0f, 0f, -0f, 0f));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector2 Mul(Vector2 a, Vector2 b) => new((a.X * b.X) - (a.Y * b.Y), (a.X * b.Y) + (a.Y * b.X));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector2 MulMinusI(Vector2 a) => new(a.Y, -a.X);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Load(ref float data, int complexIndex) => Vector256.LoadUnsafe(ref data, (nuint)(2 * complexIndex));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<float> value, ref float data, int complexIndex) => value.StoreUnsafe(ref data, (nuint)(2 * complexIndex));
}
