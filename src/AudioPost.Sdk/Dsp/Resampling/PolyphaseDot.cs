using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AudioPost.Sdk.Dsp.Resampling;

/// <summary>
/// The resampler's inner products: history frames times one row of taps, for one channel or two at once (the row is
/// loaded once for both). Two independent Vector256 accumulators per channel halve the wait on the adder's latency;
/// multiply-adds are fused where the CPU has FMA. Rows are a multiple of 16 taps, so both loops run without a tail.
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

        // The same two chains, in the same order, as each channel of Dot2: a channel's result does not depend on how
        // many channels are processed beside it.
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

    /// <summary>Two channels' dot products with the same row, loading each tap vector once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Dot2<T>(ReadOnlySpan<T> x0, ReadOnlySpan<T> x1, ReadOnlySpan<T> h, out T sum0, out T sum1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var n = h.Length;
        var width = Vector256<T>.Count;
        if (!Vector256.IsHardwareAccelerated || !Vector256<T>.IsSupported || x0.Length < n || x1.Length < n || n % (2 * width) != 0)
        {
            sum0 = Dot(x0, h);
            sum1 = Dot(x1, h);
            return;
        }

        ref var r0 = ref MemoryMarshal.GetReference(x0);
        ref var r1 = ref MemoryMarshal.GetReference(x1);
        ref var rh = ref MemoryMarshal.GetReference(h);
        var a0 = Vector256<T>.Zero;
        var a1 = Vector256<T>.Zero;
        var b0 = Vector256<T>.Zero;
        var b1 = Vector256<T>.Zero;
        for (var i = 0; i < n; i += 2 * width)
        {
            var h0 = Vector256.LoadUnsafe(ref rh, (nuint)i);
            var h1 = Vector256.LoadUnsafe(ref rh, (nuint)(i + width));
            a0 = MultiplyAdd(Vector256.LoadUnsafe(ref r0, (nuint)i), h0, a0);
            b0 = MultiplyAdd(Vector256.LoadUnsafe(ref r1, (nuint)i), h0, b0);
            a1 = MultiplyAdd(Vector256.LoadUnsafe(ref r0, (nuint)(i + width)), h1, a1);
            b1 = MultiplyAdd(Vector256.LoadUnsafe(ref r1, (nuint)(i + width)), h1, b1);
        }

        sum0 = Vector256.Sum(a0 + a1);
        sum1 = Vector256.Sum(b0 + b1);
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
