using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AudioPost.Sdk.Dsp.Resampling;

/// <content>
/// The AVX-512 products. Reducing each accumulator to a scalar on its own costs about as many shuffles and adds as a
/// 13-vector row has multiply-adds; reducing the eight together (a transpose folded into the additions) costs a quarter
/// of that. Every lane still sums in the same tree, halves then quarters then pairs, so the result of one product does
/// not depend on the other seven.
/// </content>
internal static partial class PolyphaseBatch
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot8Single512(ref float x0, ref float x1, ref float x2, ref float x3, ref float x4, ref float x5, ref float x6, ref float x7, ref float h, int n, Span<float> sums)
    {
        var a0 = Vector512<float>.Zero;
        var a1 = Vector512<float>.Zero;
        var a2 = Vector512<float>.Zero;
        var a3 = Vector512<float>.Zero;
        var a4 = Vector512<float>.Zero;
        var a5 = Vector512<float>.Zero;
        var a6 = Vector512<float>.Zero;
        var a7 = Vector512<float>.Zero;
        var i = 0;
        for (; i + Vector512<float>.Count <= n; i += Vector512<float>.Count)
        {
            var row = Vector512.LoadUnsafe(ref h, (nuint)i);
            a0 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x0, (nuint)i), row, a0);
            a1 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x1, (nuint)i), row, a1);
            a2 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x2, (nuint)i), row, a2);
            a3 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x3, (nuint)i), row, a3);
            a4 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x4, (nuint)i), row, a4);
            a5 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x5, (nuint)i), row, a5);
            a6 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x6, (nuint)i), row, a6);
            a7 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x7, (nuint)i), row, a7);
        }

        // Lane l of each product: l + (l + 8) (halves), then + 4 (quarters), then + 2, then + 1 (in Finish). Block b of
        // quarters0 is product b, of quarters1 product b + 4.
        var quarters0 = AddQuarters(AddHalves(a0, a1), AddHalves(a2, a3));
        var quarters1 = AddQuarters(AddHalves(a4, a5), AddHalves(a6, a7));
        Finish(quarters0, quarters1, sums, Width);
        Tail(ref x0, ref x1, ref x2, ref x3, ref x4, ref x5, ref x6, ref x7, ref h, i, n, sums);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot8Double512(ref double x0, ref double x1, ref double x2, ref double x3, ref double x4, ref double x5, ref double x6, ref double x7, ref double h, int n, Span<double> sums)
    {
        var a0 = Vector512<double>.Zero;
        var a1 = Vector512<double>.Zero;
        var a2 = Vector512<double>.Zero;
        var a3 = Vector512<double>.Zero;
        var a4 = Vector512<double>.Zero;
        var a5 = Vector512<double>.Zero;
        var a6 = Vector512<double>.Zero;
        var a7 = Vector512<double>.Zero;
        var i = 0;
        for (; i + Vector512<double>.Count <= n; i += Vector512<double>.Count)
        {
            var row = Vector512.LoadUnsafe(ref h, (nuint)i);
            a0 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x0, (nuint)i), row, a0);
            a1 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x1, (nuint)i), row, a1);
            a2 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x2, (nuint)i), row, a2);
            a3 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x3, (nuint)i), row, a3);
            a4 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x4, (nuint)i), row, a4);
            a5 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x5, (nuint)i), row, a5);
            a6 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x6, (nuint)i), row, a6);
            a7 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x7, (nuint)i), row, a7);
        }

        // Lane l of each product: l + (l + 4) (halves), then + 2 (quarters), then + 1 (in Finish).
        var quarters0 = AddQuarters(AddHalves(a0, a1), AddHalves(a2, a3));
        var quarters1 = AddQuarters(AddHalves(a4, a5), AddHalves(a6, a7));
        Finish(quarters0, quarters1, sums, Width);
        Tail(ref x0, ref x1, ref x2, ref x3, ref x4, ref x5, ref x6, ref x7, ref h, i, n, sums);
    }

    // [a's low half + a's high half, b's low half + b's high half], in 128-bit blocks: (a0+a2, a1+a3, b0+b2, b1+b3).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> AddHalves(Vector512<float> a, Vector512<float> b) =>
        Avx512F.Shuffle4x128(a, b, 0b01_00_01_00) + Avx512F.Shuffle4x128(a, b, 0b11_10_11_10);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> AddHalves(Vector512<double> a, Vector512<double> b) =>
        Avx512F.Shuffle4x128(a, b, 0b01_00_01_00) + Avx512F.Shuffle4x128(a, b, 0b11_10_11_10);

    // From two AddHalves results (p0 p1 q0 q1), (r0 r1 s0 s1): (p0+p1, q0+q1, r0+r1, s0+s1), one block per product.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> AddQuarters(Vector512<float> a, Vector512<float> b) =>
        Avx512F.Shuffle4x128(a, b, 0b10_00_10_00) + Avx512F.Shuffle4x128(a, b, 0b11_01_11_01);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> AddQuarters(Vector512<double> a, Vector512<double> b) =>
        Avx512F.Shuffle4x128(a, b, 0b10_00_10_00) + Avx512F.Shuffle4x128(a, b, 0b11_01_11_01);

    // The in-block steps for float (+ 2, then + 1), then the products out: block b of quarters0 holds product b (b < 4),
    // of quarters1 product b + 4. Narrower batches pass copies in place of the products they lack, so their lanes take
    // exactly the same steps.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(Vector512<float> quarters0, Vector512<float> quarters1, Span<float> sums, int count)
    {
        var pairs = Avx512F.Shuffle(quarters0, quarters1, 0b01_00_01_00) + Avx512F.Shuffle(quarters0, quarters1, 0b11_10_11_10);
        var total = Avx512F.Shuffle(pairs, pairs, 0b10_00_10_00) + Avx512F.Shuffle(pairs, pairs, 0b11_01_11_01);

        // Block b of total: [product b, product b + 4, product b, product b + 4].
        var lower = total.GetLower();
        var upper = total.GetUpper();
        sums[0] = lower.GetElement(0);
        sums[1] = lower.GetElement(4);
        if (count > 2)
        {
            sums[2] = upper.GetElement(0);
            sums[3] = upper.GetElement(4);
        }

        if (count > 4)
        {
            sums[4] = lower.GetElement(1);
            sums[5] = lower.GetElement(5);
            sums[6] = upper.GetElement(1);
            sums[7] = upper.GetElement(5);
        }
    }

    // The in-block step for double (+ 1), then the products out as for float.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(Vector512<double> quarters0, Vector512<double> quarters1, Span<double> sums, int count)
    {
        // Block b of total: [product b, product b + 4].
        var total = Avx512F.UnpackLow(quarters0, quarters1) + Avx512F.UnpackHigh(quarters0, quarters1);
        var lower = total.GetLower();
        var upper = total.GetUpper();
        sums[0] = lower.GetElement(0);
        sums[1] = lower.GetElement(2);
        if (count > 2)
        {
            sums[2] = upper.GetElement(0);
            sums[3] = upper.GetElement(2);
        }

        if (count > 4)
        {
            sums[4] = lower.GetElement(1);
            sums[5] = lower.GetElement(3);
            sums[6] = upper.GetElement(1);
            sums[7] = upper.GetElement(3);
        }
    }
}
