using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AudioPost.Sdk.Dsp.Resampling;

/// <summary>
/// The fixed-ratio resampler's inner products: one row of taps against the history at eight places at once, any mix of
/// channels and outputs that share the row. The row's vectors are loaded once for all eight, and eight independent
/// accumulators keep both multiply-add units busy while each waits on its adder's latency.
/// </summary>
/// <remarks>
/// A caller with fewer than eight products repeats one: the spare lanes cost less than running short products one
/// after another, each waiting on its own chain. Every product is therefore computed by the same code in the same
/// order, however the outputs and channels were grouped, which is what makes streaming in any block size equal the
/// whole-buffer conversion bit for bit. With AVX-512 the eight accumulators are reduced together (see
/// <c>PolyphaseBatch.Avx512.cs</c>); elsewhere each is reduced on its own.
/// </remarks>
internal static partial class PolyphaseBatch
{
    /// <summary>The products computed per call.</summary>
    public const int Width = 8;

    /// <summary>Writes <c>Σ_k x_i[k]·h[k]</c> over <paramref name="n"/> taps to <paramref name="sums"/>[i], i = 0 … 7.</summary>
    /// <param name="x0">History at the first product's first tap (and so on for <paramref name="x1"/> …).</param>
    /// <param name="x1">Second history span.</param>
    /// <param name="x2">Third history span.</param>
    /// <param name="x3">Fourth history span.</param>
    /// <param name="x4">Fifth history span.</param>
    /// <param name="x5">Sixth history span.</param>
    /// <param name="x6">Seventh history span.</param>
    /// <param name="x7">Eighth history span.</param>
    /// <param name="h">The row of taps.</param>
    /// <param name="n">Taps (the row's length; every span holds at least that many values).</param>
    /// <param name="sums">Eight results.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dot8<T>(ref T x0, ref T x1, ref T x2, ref T x3, ref T x4, ref T x5, ref T x6, ref T x7, ref T h, int n, Span<T> sums)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float) && Avx512F.IsSupported && Vector512.IsHardwareAccelerated)
        {
            Dot8Single512(
                ref Unsafe.As<T, float>(ref x0), ref Unsafe.As<T, float>(ref x1), ref Unsafe.As<T, float>(ref x2), ref Unsafe.As<T, float>(ref x3),
                ref Unsafe.As<T, float>(ref x4), ref Unsafe.As<T, float>(ref x5), ref Unsafe.As<T, float>(ref x6), ref Unsafe.As<T, float>(ref x7),
                ref Unsafe.As<T, float>(ref h), n, MemoryMarshal.Cast<T, float>(sums));
        }
        else if (typeof(T) == typeof(double) && Avx512F.IsSupported && Vector512.IsHardwareAccelerated)
        {
            Dot8Double512(
                ref Unsafe.As<T, double>(ref x0), ref Unsafe.As<T, double>(ref x1), ref Unsafe.As<T, double>(ref x2), ref Unsafe.As<T, double>(ref x3),
                ref Unsafe.As<T, double>(ref x4), ref Unsafe.As<T, double>(ref x5), ref Unsafe.As<T, double>(ref x6), ref Unsafe.As<T, double>(ref x7),
                ref Unsafe.As<T, double>(ref h), n, MemoryMarshal.Cast<T, double>(sums));
        }
        else
        {
            Dot8Portable(ref x0, ref x1, ref x2, ref x3, ref x4, ref x5, ref x6, ref x7, ref h, n, sums);
        }
    }

    // Vector256 where accelerated (AVX2, Arm64 pairs), else scalar; each accumulator reduced on its own.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot8Portable<T>(ref T x0, ref T x1, ref T x2, ref T x3, ref T x4, ref T x5, ref T x6, ref T x7, ref T h, int n, Span<T> sums)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            var a0 = Vector256<T>.Zero;
            var a1 = Vector256<T>.Zero;
            var a2 = Vector256<T>.Zero;
            var a3 = Vector256<T>.Zero;
            var a4 = Vector256<T>.Zero;
            var a5 = Vector256<T>.Zero;
            var a6 = Vector256<T>.Zero;
            var a7 = Vector256<T>.Zero;
            for (; i + Vector256<T>.Count <= n; i += Vector256<T>.Count)
            {
                var row = Vector256.LoadUnsafe(ref h, (nuint)i);
                a0 = MultiplyAdd(Vector256.LoadUnsafe(ref x0, (nuint)i), row, a0);
                a1 = MultiplyAdd(Vector256.LoadUnsafe(ref x1, (nuint)i), row, a1);
                a2 = MultiplyAdd(Vector256.LoadUnsafe(ref x2, (nuint)i), row, a2);
                a3 = MultiplyAdd(Vector256.LoadUnsafe(ref x3, (nuint)i), row, a3);
                a4 = MultiplyAdd(Vector256.LoadUnsafe(ref x4, (nuint)i), row, a4);
                a5 = MultiplyAdd(Vector256.LoadUnsafe(ref x5, (nuint)i), row, a5);
                a6 = MultiplyAdd(Vector256.LoadUnsafe(ref x6, (nuint)i), row, a6);
                a7 = MultiplyAdd(Vector256.LoadUnsafe(ref x7, (nuint)i), row, a7);
            }

            sums[0] = Vector256.Sum(a0);
            sums[1] = Vector256.Sum(a1);
            sums[2] = Vector256.Sum(a2);
            sums[3] = Vector256.Sum(a3);
            sums[4] = Vector256.Sum(a4);
            sums[5] = Vector256.Sum(a5);
            sums[6] = Vector256.Sum(a6);
            sums[7] = Vector256.Sum(a7);
        }
        else
        {
            sums[..Width].Clear();
        }

        Tail(ref x0, ref x1, ref x2, ref x3, ref x4, ref x5, ref x6, ref x7, ref h, i, n, sums);
    }

    // The taps past the last whole vector (only the 2-tap identity table has any), after the reduction.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tail<T>(ref T x0, ref T x1, ref T x2, ref T x3, ref T x4, ref T x5, ref T x6, ref T x7, ref T h, int i, int n, Span<T> sums)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (; i < n; i++)
        {
            var tap = Unsafe.Add(ref h, i);
            sums[0] += Unsafe.Add(ref x0, i) * tap;
            sums[1] += Unsafe.Add(ref x1, i) * tap;
            sums[2] += Unsafe.Add(ref x2, i) * tap;
            sums[3] += Unsafe.Add(ref x3, i) * tap;
            sums[4] += Unsafe.Add(ref x4, i) * tap;
            sums[5] += Unsafe.Add(ref x5, i) * tap;
            sums[6] += Unsafe.Add(ref x6, i) * tap;
            sums[7] += Unsafe.Add(ref x7, i) * tap;
        }
    }

    // a·b + c, fused where the CPU has FMA; the branches fold away per T at JIT time.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> MultiplyAdd<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Fma.IsSupported)
        {
            if (typeof(T) == typeof(float))
            {
                return Vector256.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>();
            }

            if (typeof(T) == typeof(double))
            {
                return Vector256.FusedMultiplyAdd(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>();
            }
        }

        return (a * b) + c;
    }
}
