using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AudioPost.Sdk.Dsp.Fourier;

internal static partial class FftKernels
{
    // sin(2π/3), and cos/sin of 2π/5 and 4π/5: the constants of the 3- and 5-point DFTs.
    private const float Sin60 = 0.866025403784438647f;
    private const float Cos72 = 0.309016994374947424f;
    private const float Sin72 = 0.951056516295153572f;
    private const float Cos144 = -0.809016994374947424f;
    private const float Sin144 = 0.587785252292473129f;

    private static void Radix3(ReadOnlySpan<float> xs, Span<float> ys, int s, int m, ReadOnlySpan<float> twiddles)
    {
        var x = MemoryMarshal.Cast<float, Vector2>(xs);
        var y = MemoryMarshal.Cast<float, Vector2>(ys);
        var tw = MemoryMarshal.Cast<float, Vector2>(twiddles);
        ref var xr = ref MemoryMarshal.GetReference(xs);
        ref var yr = ref MemoryMarshal.GetReference(ys);
        var third = s * m;
        var vectorEnd = UseVectors ? s & ~3 : 0;
        for (var p = 0; p < m; p++)
        {
            var w1 = tw[2 * p];
            var w2 = tw[(2 * p) + 1];
            var input = s * p;
            var output = 3 * s * p;
            if (vectorEnd > 0)
            {
                var (w1r, w1i) = Broadcast(w1);
                var (w2r, w2i) = Broadcast(w2);
                var half = Vector256.Create(0.5f);
                var sin60 = Vector256.Create(Sin60);
                for (var q = 0; q < vectorEnd; q += 4)
                {
                    var i = input + q;
                    var a0 = Load(ref xr, i);
                    var a1 = Load(ref xr, i + third);
                    var a2 = Load(ref xr, i + (2 * third));
                    var t1 = a1 + a2;
                    var m1 = a0 - (t1 * half);
                    var m2 = MulMinusI((a1 - a2) * sin60);
                    var o = output + q;
                    Store(a0 + t1, ref yr, o);
                    Store(Mul(m1 + m2, w1r, w1i), ref yr, o + s);
                    Store(Mul(m1 - m2, w2r, w2i), ref yr, o + (2 * s));
                }
            }

            for (var q = vectorEnd; q < s; q++)
            {
                var i = input + q;
                var a0 = x[i];
                var a1 = x[i + third];
                var a2 = x[i + (2 * third)];
                var t1 = a1 + a2;
                var m1 = a0 - (t1 * 0.5f);
                var m2 = MulMinusI((a1 - a2) * Sin60);
                var o = output + q;
                y[o] = a0 + t1;
                y[o + s] = Mul(m1 + m2, w1);
                y[o + (2 * s)] = Mul(m1 - m2, w2);
            }
        }
    }

    private static void Radix5(ReadOnlySpan<float> xs, Span<float> ys, int s, int m, ReadOnlySpan<float> twiddles)
    {
        var x = MemoryMarshal.Cast<float, Vector2>(xs);
        var y = MemoryMarshal.Cast<float, Vector2>(ys);
        var tw = MemoryMarshal.Cast<float, Vector2>(twiddles);
        ref var xr = ref MemoryMarshal.GetReference(xs);
        ref var yr = ref MemoryMarshal.GetReference(ys);
        var fifth = s * m;
        var vectorEnd = UseVectors ? s & ~3 : 0;
        for (var p = 0; p < m; p++)
        {
            var w1 = tw[4 * p];
            var w2 = tw[(4 * p) + 1];
            var w3 = tw[(4 * p) + 2];
            var w4 = tw[(4 * p) + 3];
            var input = s * p;
            var output = 5 * s * p;
            if (vectorEnd > 0)
            {
                var (w1r, w1i) = Broadcast(w1);
                var (w2r, w2i) = Broadcast(w2);
                var (w3r, w3i) = Broadcast(w3);
                var (w4r, w4i) = Broadcast(w4);
                var c1 = Vector256.Create(Cos72);
                var c2 = Vector256.Create(Cos144);
                var s1 = Vector256.Create(Sin72);
                var s2 = Vector256.Create(Sin144);
                for (var q = 0; q < vectorEnd; q += 4)
                {
                    var i = input + q;
                    var a0 = Load(ref xr, i);
                    var a1 = Load(ref xr, i + fifth);
                    var a2 = Load(ref xr, i + (2 * fifth));
                    var a3 = Load(ref xr, i + (3 * fifth));
                    var a4 = Load(ref xr, i + (4 * fifth));
                    var t1 = a1 + a4;
                    var t2 = a2 + a3;
                    var t3 = a1 - a4;
                    var t4 = a2 - a3;
                    var m1 = a0 + (t1 * c1) + (t2 * c2);
                    var m2 = a0 + (t1 * c2) + (t2 * c1);
                    var n1 = MulMinusI((t3 * s1) + (t4 * s2));
                    var n2 = MulMinusI((t3 * s2) - (t4 * s1));
                    var o = output + q;
                    Store(a0 + t1 + t2, ref yr, o);
                    Store(Mul(m1 + n1, w1r, w1i), ref yr, o + s);
                    Store(Mul(m2 + n2, w2r, w2i), ref yr, o + (2 * s));
                    Store(Mul(m2 - n2, w3r, w3i), ref yr, o + (3 * s));
                    Store(Mul(m1 - n1, w4r, w4i), ref yr, o + (4 * s));
                }
            }

            for (var q = vectorEnd; q < s; q++)
            {
                var i = input + q;
                var a0 = x[i];
                var a1 = x[i + fifth];
                var a2 = x[i + (2 * fifth)];
                var a3 = x[i + (3 * fifth)];
                var a4 = x[i + (4 * fifth)];
                var t1 = a1 + a4;
                var t2 = a2 + a3;
                var t3 = a1 - a4;
                var t4 = a2 - a3;
                var m1 = a0 + (t1 * Cos72) + (t2 * Cos144);
                var m2 = a0 + (t1 * Cos144) + (t2 * Cos72);
                var n1 = MulMinusI((t3 * Sin72) + (t4 * Sin144));
                var n2 = MulMinusI((t3 * Sin144) - (t4 * Sin72));
                var o = output + q;
                y[o] = a0 + t1 + t2;
                y[o + s] = Mul(m1 + n1, w1);
                y[o + (2 * s)] = Mul(m2 + n2, w2);
                y[o + (3 * s)] = Mul(m2 - n2, w3);
                y[o + (4 * s)] = Mul(m1 - n1, w4);
            }
        }
    }
}
