using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Dsp;

public sealed class TpdfDitherTests
{
    private const int Count = 1_000_000;

    [Fact]
    public void Process_OnSilence_NoiseHasZeroMeanAndVarianceOfASixthLsbSquared()
    {
        var dither = new TpdfDither(16, seed: 42);
        var samples = new float[Count];

        dither.Process(samples);

        double sum = 0, sumOfSquares = 0;
        foreach (var sample in samples)
        {
            var lsbs = sample / (double)dither.Lsb;
            sum += lsbs;
            sumOfSquares += lsbs * lsbs;
        }

        var mean = sum / Count;
        var variance = (sumOfSquares / Count) - (mean * mean);

        // Standard error of the mean is sqrt(1/6 / 1e6) ≈ 0.0004 LSB; of the variance about 0.2 %.
        Assert.InRange(mean, -0.002, 0.002);
        Assert.InRange(variance, (1.0 / 6) * 0.99, (1.0 / 6) * 1.01);
    }

    [Fact]
    public void Process_OnSilence_NoiseIsTriangularWithinOneLsb()
    {
        var dither = new TpdfDither(24, seed: 7);
        var samples = new float[Count];

        dither.Process(samples);

        // A triangle on [-1, 1] puts 3/4 of its mass within ±0.5 and 1/32 beyond ±0.75 on each side.
        var lsb = dither.Lsb;
        Assert.All(samples, s => Assert.InRange(s, -lsb, lsb));
        var inner = samples.Count(s => Math.Abs(s) < 0.5f * lsb) / (double)Count;
        var outerHigh = samples.Count(s => s > 0.75f * lsb) / (double)Count;
        var outerLow = samples.Count(s => s < -0.75f * lsb) / (double)Count;
        Assert.InRange(inner, 0.745, 0.755);
        Assert.InRange(outerHigh, 0.0300, 0.0325);
        Assert.InRange(outerLow, 0.0300, 0.0325);
    }

    [Fact]
    public void Process_SineBelowOneLsb_SurvivesQuantisationOnlyWithDither()
    {
        // A 1 kHz sine of 0.4 LSB peak at 16 bit (about -98 dBFS): rounding alone turns every sample into 0.
        const int rate = 48_000;
        var lsb = 1f / 32768;
        var sine = new float[rate];
        for (var i = 0; i < sine.Length; i++)
        {
            sine[i] = 0.4f * lsb * MathF.Sin(2 * MathF.PI * 1000 * i / rate);
        }

        var plain = Quantise16(sine);
        var dithered = (float[])sine.Clone();
        new TpdfDither(16, seed: 1).Process(dithered);
        dithered = Quantise16(dithered);

        Assert.All(plain, s => Assert.Equal(0f, s));

        // TPDF dither makes the quantiser's mean output equal its input, so the tone's amplitude comes back
        // (projection onto the sine) and the output correlates with it (expected ≈ 0.49 for this level).
        Assert.InRange(Correlation(dithered, sine), 0.4, 0.6);
        Assert.InRange(Projection(dithered, sine) / (0.4 * lsb), 0.9, 1.1);
    }

    [Fact]
    public void Process_SameSeed_IsDeterministic_OtherSeedDiffers()
    {
        var first = new float[1000];
        var second = new float[1000];
        var other = new float[1000];

        new TpdfDither(16, seed: 5).Process(first);
        new TpdfDither(16, seed: 5).Process(second);
        new TpdfDither(16, seed: 6).Process(other);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Theory]
    [InlineData(8, 1f / 128)]
    [InlineData(16, 1f / 32768)]
    [InlineData(24, 1f / 8388608)]
    public void Constructor_BitDepth_SetsLsb(int bits, float lsb)
    {
        var dither = new TpdfDither(bits, seed: 0);

        Assert.Equal(bits, dither.Bits);
        Assert.Equal(lsb, dither.Lsb);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(25)]
    [InlineData(32)]
    public void Constructor_BitDepthOutsideEightToTwentyFour_Throws(int bits)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TpdfDither(bits, seed: 0));
    }

    [Fact]
    public void Process_Steady_DoesNotAllocate()
    {
        var dither = new TpdfDither(24, seed: 3);
        var block = new float[512];

        AllocationAssert.NoAllocations(_ => dither.Process(block));
    }

    private static float[] Quantise16(float[] samples) =>
        [.. samples.Select(s => MathF.Round(s * 32768) / 32768)];

    private static double Projection(float[] signal, float[] reference)
    {
        double dot = 0, norm = 0;
        for (var i = 0; i < signal.Length; i++)
        {
            dot += (double)signal[i] * reference[i];
            norm += (double)reference[i] * reference[i];
        }

        return dot / norm * reference.Max();
    }

    private static double Correlation(float[] a, float[] b)
    {
        double ab = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            ab += (double)a[i] * b[i];
            aa += (double)a[i] * a[i];
            bb += (double)b[i] * b[i];
        }

        return ab / Math.Sqrt(aa * bb);
    }
}
