using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AudioPost.Sdk.Dsp.Resampling;

/// <summary>
/// The varispeed (and interpolated-phase) resampler's inner product: history frames times one row of taps. Two
/// independent Vector256 accumulators halve the wait on the adder's latency; multiply-adds are fused where the CPU has
/// FMA. Rows are a multiple of 16 taps, so both loops run without a tail. The exact-phase fixed ratio uses
/// <see cref="PolyphaseBatch"/> instead.
/// </summary>
internal static class PolyphaseDot
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> h)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!Vector256.IsHardwareAccelerated || !Vector256<T>.IsSupported || x.Length < h.Length)
        {
            return TensorPrimitives.Dot(x, h);
        }

        ref var rx = ref MemoryMarshal.GetReference(x);
        ref var rh = ref MemoryMarshal.GetReference(h);
        var n = h.Length;
        var width = Vector256<T>.Count;

        var a0 = Vector256<T>.Zero;
        var a1 = Vector256<T>.Zero;
        var i = 0;
        for (; i + (2 * width) <= n; i += 2 * width)
        {
            a0 = MultiplyAdd(Vector256.LoadUnsafe(ref rx, (nuint)i), Vector256.LoadUnsafe(ref rh, (nuint)i), a0);
            a1 = MultiplyAdd(Vector256.LoadUnsafe(ref rx, (nuint)(i + width)), Vector256.LoadUnsafe(ref rh, (nuint)(i + width)), a1);
        }

        for (; i + width <= n; i += width)
        {
            a0 = MultiplyAdd(Vector256.LoadUnsafe(ref rx, (nuint)i), Vector256.LoadUnsafe(ref rh, (nuint)i), a0);
        }

        var sum = Vector256.Sum(a0 + a1);
        for (; i < n; i++)
        {
            sum += Unsafe.Add(ref rx, i) * Unsafe.Add(ref rh, i);
        }

        return sum;
    }

    // a·b + c, fused when the CPU has FMA (one rounding, one instruction); the branches fold away per T at JIT time.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> MultiplyAdd<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (System.Runtime.Intrinsics.X86.Fma.IsSupported)
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
