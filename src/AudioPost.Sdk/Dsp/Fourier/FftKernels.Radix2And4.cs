using System.Numerics;
using System.Runtime.InteropServices;

namespace AudioPost.Sdk.Dsp.Fourier;

internal static partial class FftKernels
{
    private static void Radix2(ReadOnlySpan<float> xs, Span<float> ys, int s, int m, ReadOnlySpan<float> twiddles)
    {
        var x = MemoryMarshal.Cast<float, Vector2>(xs);
        var y = MemoryMarshal.Cast<float, Vector2>(ys);
        var tw = MemoryMarshal.Cast<float, Vector2>(twiddles);
        ref var xr = ref MemoryMarshal.GetReference(xs);
        ref var yr = ref MemoryMarshal.GetReference(ys);
        var half = s * m;
        var vectorEnd = UseVectors ? s & ~3 : 0;
        for (var p = 0; p < m; p++)
        {
            var w1 = tw[p];
            var input = s * p;
            var output = 2 * s * p;
            if (vectorEnd > 0)
            {
                var (w1r, w1i) = Broadcast(w1);
                for (var q = 0; q < vectorEnd; q += 4)
                {
                    var a0 = Load(ref xr, input + q);
                    var a1 = Load(ref xr, input + q + half);
                    Store(a0 + a1, ref yr, output + q);
                    Store(Mul(a0 - a1, w1r, w1i), ref yr, output + q + s);
                }
            }

            for (var q = vectorEnd; q < s; q++)
            {
                var a0 = x[input + q];
                var a1 = x[input + q + half];
                y[output + q] = a0 + a1;
                y[output + q + s] = Mul(a0 - a1, w1);
            }
        }
    }

    private static void Radix4(ReadOnlySpan<float> xs, Span<float> ys, int s, int m, ReadOnlySpan<float> twiddles)
    {
        var x = MemoryMarshal.Cast<float, Vector2>(xs);
        var y = MemoryMarshal.Cast<float, Vector2>(ys);
        var tw = MemoryMarshal.Cast<float, Vector2>(twiddles);
        ref var xr = ref MemoryMarshal.GetReference(xs);
        ref var yr = ref MemoryMarshal.GetReference(ys);
        var quarter = s * m;
        var vectorEnd = UseVectors ? s & ~3 : 0;
        for (var p = 0; p < m; p++)
        {
            var w1 = tw[3 * p];
            var w2 = tw[(3 * p) + 1];
            var w3 = tw[(3 * p) + 2];
            var input = s * p;
            var output = 4 * s * p;
            if (vectorEnd > 0)
            {
                var (w1r, w1i) = Broadcast(w1);
                var (w2r, w2i) = Broadcast(w2);
                var (w3r, w3i) = Broadcast(w3);
                for (var q = 0; q < vectorEnd; q += 4)
                {
                    var i = input + q;
                    var a0 = Load(ref xr, i);
                    var a1 = Load(ref xr, i + quarter);
                    var a2 = Load(ref xr, i + (2 * quarter));
                    var a3 = Load(ref xr, i + (3 * quarter));
                    var t0 = a0 + a2;
                    var t1 = a0 - a2;
                    var t2 = a1 + a3;
                    var t3 = MulMinusI(a1 - a3);
                    var o = output + q;
                    Store(t0 + t2, ref yr, o);
                    Store(Mul(t1 + t3, w1r, w1i), ref yr, o + s);
                    Store(Mul(t0 - t2, w2r, w2i), ref yr, o + (2 * s));
                    Store(Mul(t1 - t3, w3r, w3i), ref yr, o + (3 * s));
                }
            }

            for (var q = vectorEnd; q < s; q++)
            {
                var i = input + q;
                var a0 = x[i];
                var a1 = x[i + quarter];
                var a2 = x[i + (2 * quarter)];
                var a3 = x[i + (3 * quarter)];
                var t0 = a0 + a2;
                var t1 = a0 - a2;
                var t2 = a1 + a3;
                var t3 = MulMinusI(a1 - a3);
                var o = output + q;
                y[o] = t0 + t2;
                y[o + s] = Mul(t1 + t3, w1);
                y[o + (2 * s)] = Mul(t0 - t2, w2);
                y[o + (3 * s)] = Mul(t1 - t3, w3);
            }
        }
    }
}
