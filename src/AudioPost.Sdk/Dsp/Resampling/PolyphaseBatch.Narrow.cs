using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AudioPost.Sdk.Dsp.Resampling;

/// <content>
/// Four and two products per row: for reads too short to fill eight (a real-time block of 256 frames gives each row one
/// or two periods), so that they do not pay for lanes they throw away. Each lane takes exactly the steps it would take
/// in <see cref="Dot8{T}"/>: the reductions are fed copies in place of the missing products.
/// </content>
internal static partial class PolyphaseBatch
{
    /// <summary>Writes the products of <paramref name="x0"/> … <paramref name="x3"/> with <paramref name="h"/> to
    /// <paramref name="sums"/>[0 … 3] (<paramref name="sums"/> holds <see cref="Width"/> values; the rest are scratch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dot4<T>(ref T x0, ref T x1, ref T x2, ref T x3, ref T h, int n, Span<T> sums)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var i = 0;
        if (typeof(T) == typeof(float) && Avx512F.IsSupported && Vector512.IsHardwareAccelerated)
        {
            var (a0, a1, a2, a3) = Accumulate4<float>(ref As<T, float>(ref x0), ref As<T, float>(ref x1), ref As<T, float>(ref x2), ref As<T, float>(ref x3), ref As<T, float>(ref h), n, ref i);
            var quarters = AddQuarters(AddHalves(a0, a1), AddHalves(a2, a3));
            Finish(quarters, quarters, MemoryMarshal.Cast<T, float>(sums), 4);
        }
        else if (typeof(T) == typeof(double) && Avx512F.IsSupported && Vector512.IsHardwareAccelerated)
        {
            var (a0, a1, a2, a3) = Accumulate4<double>(ref As<T, double>(ref x0), ref As<T, double>(ref x1), ref As<T, double>(ref x2), ref As<T, double>(ref x3), ref As<T, double>(ref h), n, ref i);
            var quarters = AddQuarters(AddHalves(a0, a1), AddHalves(a2, a3));
            Finish(quarters, quarters, MemoryMarshal.Cast<T, double>(sums), 4);
        }
        else
        {
            Dot8Portable(ref x0, ref x1, ref x2, ref x3, ref x0, ref x1, ref x2, ref x3, ref h, n, sums);
            return;
        }

        Tail(ref x0, ref x1, ref x2, ref x3, ref x0, ref x1, ref x2, ref x3, ref h, i, n, sums);
    }

    /// <summary>Writes the products of <paramref name="x0"/> and <paramref name="x1"/> with <paramref name="h"/> to
    /// <paramref name="sums"/>[0 … 1] (<paramref name="sums"/> holds <see cref="Width"/> values; the rest are scratch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dot2<T>(ref T x0, ref T x1, ref T h, int n, Span<T> sums)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var i = 0;
        if (typeof(T) == typeof(float) && Avx512F.IsSupported && Vector512.IsHardwareAccelerated)
        {
            var (a0, a1) = Accumulate2<float>(ref As<T, float>(ref x0), ref As<T, float>(ref x1), ref As<T, float>(ref h), n, ref i);
            var halves = AddHalves(a0, a1);
            var quarters = AddQuarters(halves, halves);
            Finish(quarters, quarters, MemoryMarshal.Cast<T, float>(sums), 2);
        }
        else if (typeof(T) == typeof(double) && Avx512F.IsSupported && Vector512.IsHardwareAccelerated)
        {
            var (a0, a1) = Accumulate2<double>(ref As<T, double>(ref x0), ref As<T, double>(ref x1), ref As<T, double>(ref h), n, ref i);
            var halves = AddHalves(a0, a1);
            var quarters = AddQuarters(halves, halves);
            Finish(quarters, quarters, MemoryMarshal.Cast<T, double>(sums), 2);
        }
        else
        {
            Dot8Portable(ref x0, ref x1, ref x0, ref x1, ref x0, ref x1, ref x0, ref x1, ref h, n, sums);
            return;
        }

        Tail(ref x0, ref x1, ref x0, ref x1, ref x0, ref x1, ref x0, ref x1, ref h, i, n, sums);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref TTo As<TFrom, TTo>(ref TFrom value) => ref Unsafe.As<TFrom, TTo>(ref value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<T>, Vector512<T>, Vector512<T>, Vector512<T>) Accumulate4<T>(ref T x0, ref T x1, ref T x2, ref T x3, ref T h, int n, ref int i)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a0 = Vector512<T>.Zero;
        var a1 = Vector512<T>.Zero;
        var a2 = Vector512<T>.Zero;
        var a3 = Vector512<T>.Zero;
        for (; i + Vector512<T>.Count <= n; i += Vector512<T>.Count)
        {
            var row = Vector512.LoadUnsafe(ref h, (nuint)i);
            a0 = MultiplyAdd(Vector512.LoadUnsafe(ref x0, (nuint)i), row, a0);
            a1 = MultiplyAdd(Vector512.LoadUnsafe(ref x1, (nuint)i), row, a1);
            a2 = MultiplyAdd(Vector512.LoadUnsafe(ref x2, (nuint)i), row, a2);
            a3 = MultiplyAdd(Vector512.LoadUnsafe(ref x3, (nuint)i), row, a3);
        }

        return (a0, a1, a2, a3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<T>, Vector512<T>) Accumulate2<T>(ref T x0, ref T x1, ref T h, int n, ref int i)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a0 = Vector512<T>.Zero;
        var a1 = Vector512<T>.Zero;
        for (; i + Vector512<T>.Count <= n; i += Vector512<T>.Count)
        {
            var row = Vector512.LoadUnsafe(ref h, (nuint)i);
            a0 = MultiplyAdd(Vector512.LoadUnsafe(ref x0, (nuint)i), row, a0);
            a1 = MultiplyAdd(Vector512.LoadUnsafe(ref x1, (nuint)i), row, a1);
        }

        return (a0, a1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> MultiplyAdd<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            return Avx512F.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>();
        }

        return Avx512F.FusedMultiplyAdd(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>();
    }
}
