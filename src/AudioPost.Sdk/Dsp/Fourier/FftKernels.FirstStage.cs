using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AudioPost.Sdk.Dsp.Fourier;

internal static partial class FftKernels
{
    /// <summary>Gets whether <see cref="Radix4FirstStage"/> can run: it needs AVX's 128-bit lane permutes.</summary>
    internal static bool FirstStageVectorized => Avx.IsSupported;

    /// <summary>
    /// The first radix-4 stage (stride 1), four butterflies at a time. Stride 1 reads four values per butterfly
    /// input that are contiguous across butterflies, but writes each butterfly's four outputs side by side, so
    /// the results are transposed (4 × 4 complex) before the store. <paramref name="laneTwiddles"/> holds, for
    /// each group of four butterflies and each k = 1..3, the twiddles as <c>(wr, wr)</c> pairs then
    /// <c>(−wi, wi)</c> pairs: 48 floats per group (see <see cref="BuildLaneTwiddles"/>).
    /// </summary>
    internal static void Radix4FirstStage(ReadOnlySpan<float> xs, Span<float> ys, int m, ReadOnlySpan<float> laneTwiddles)
    {
        ref var x = ref MemoryMarshal.GetReference(xs);
        ref var y = ref MemoryMarshal.GetReference(ys);
        ref var tw = ref MemoryMarshal.GetReference(laneTwiddles);
        for (var p = 0; p < m; p += 4)
        {
            var a0 = Load(ref x, p);
            var a1 = Load(ref x, p + m);
            var a2 = Load(ref x, p + (2 * m));
            var a3 = Load(ref x, p + (3 * m));
            var t0 = a0 + a2;
            var t1 = a0 - a2;
            var t2 = a1 + a3;
            var t3 = MulMinusI(a1 - a3);
            var w = (nuint)(12 * p);
            var b0 = (t0 + t2).AsDouble();
            var b1 = Mul(t1 + t3, Vector256.LoadUnsafe(ref tw, w), Vector256.LoadUnsafe(ref tw, w + 8)).AsDouble();
            var b2 = Mul(t0 - t2, Vector256.LoadUnsafe(ref tw, w + 16), Vector256.LoadUnsafe(ref tw, w + 24)).AsDouble();
            var b3 = Mul(t1 - t3, Vector256.LoadUnsafe(ref tw, w + 32), Vector256.LoadUnsafe(ref tw, w + 40)).AsDouble();

            // A complex float is 64 bits: transpose the 4 × 4 matrix of them as doubles.
            var u0 = Avx.UnpackLow(b0, b1);
            var u1 = Avx.UnpackHigh(b0, b1);
            var u2 = Avx.UnpackLow(b2, b3);
            var u3 = Avx.UnpackHigh(b2, b3);
            var o = 4 * p;
            Store(Avx.Permute2x128(u0, u2, 0x20).AsSingle(), ref y, o);
            Store(Avx.Permute2x128(u1, u3, 0x20).AsSingle(), ref y, o + 4);
            Store(Avx.Permute2x128(u0, u2, 0x31).AsSingle(), ref y, o + 8);
            Store(Avx.Permute2x128(u1, u3, 0x31).AsSingle(), ref y, o + 12);
        }
    }

    /// <summary>Lays a radix-4 stage's twiddle table out for <see cref="Radix4FirstStage"/>; <paramref name="m"/> is a multiple of 4.</summary>
    internal static float[] BuildLaneTwiddles(ReadOnlySpan<float> twiddles, int m)
    {
        var lanes = new float[12 * m];
        for (var p = 0; p < m; p++)
        {
            var group = 48 * (p / 4);
            var lane = 2 * (p % 4);
            for (var k = 1; k <= 3; k++)
            {
                var wr = twiddles[2 * ((3 * p) + k - 1)];
                var wi = twiddles[(2 * ((3 * p) + k - 1)) + 1];
                var row = group + (16 * (k - 1));
                lanes[row + lane] = wr;
                lanes[row + lane + 1] = wr;
                lanes[row + 8 + lane] = -wi;
                lanes[row + 8 + lane + 1] = wi;
            }
        }

        return lanes;
    }
}
