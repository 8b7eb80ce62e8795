using System.Numerics;
using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.Tests.TestUtilities;
using MathNet.Numerics.IntegralTransforms;

namespace AudioPost.Sdk.Tests.Dsp;

/// <summary>
/// <see cref="NoiseShapedDither"/>: outputs on the PCM grid, the error spectrum shaped as |NTF|² · LSB²/4 band by band,
/// and less A-weighted noise than plain TPDF dither.
/// </summary>
public sealed class NoiseShapedDitherTests
{
    private const int Rate = 44_100;
    private const int Segment = 4096;
    private const int Segments = 192;

    private static readonly (double Low, double High)[] Bands =
    [
        (20, 1000), (1000, 3000), (3000, 5000), (5000, 8000), (8000, 12_000), (12_000, 16_000), (16_000, 20_000), (20_000, 22_050),
    ];

    [Theory]
    [InlineData(NoiseShape.FirstOrderHighpass, 16)]
    [InlineData(NoiseShape.EWeighted5, 16)]
    [InlineData(NoiseShape.FWeighted9, 16)]
    [InlineData(NoiseShape.FWeighted9, 24)]
    public void Process_OutputsLieOnThePcmGrid(NoiseShape shape, int bits)
    {
        var dither = new NoiseShapedDither(bits, shape, seed: 1);
        var samples = Signal(50_000);
        dither.Process(samples);
        var scale = Math.ScaleB(1.0, bits - 1);
        Assert.All(samples, s => Assert.Equal(Math.Round(s * scale), s * scale));
    }

    [Theory]
    [InlineData(NoiseShape.FirstOrderHighpass)]
    [InlineData(NoiseShape.EWeighted5)]
    [InlineData(NoiseShape.FWeighted9)]
    public void ErrorSpectrum_FollowsTheNoiseTransferFunctionInEveryBand(NoiseShape shape)
    {
        var dither = new NoiseShapedDither(16, shape, seed: 7);
        var psd = ErrorSpectrum(x => dither.Process(x));
        var white = Math.Pow(dither.Lsb, 2) / 4;
        foreach (var (low, high) in Bands)
        {
            double measured = 0, predicted = 0;
            for (var k = 1; k < Segment / 2; k++)
            {
                var f = (double)k * Rate / Segment;
                if (f >= low && f < high)
                {
                    measured += psd[k];
                    predicted += white * dither.NoiseGain(f, Rate);
                }
            }

            var errorDb = 10 * Math.Log10(measured / predicted);
            TestContext.Current.TestOutputHelper?.WriteLine($"{shape} {low}-{high} Hz: measured/predicted {errorDb:+0.00;-0.00} dB, |NTF|² {10 * Math.Log10(predicted / white / Count(low, high)):F1} dB");
            Assert.InRange(errorDb, -0.5, 0.5);
        }
    }

    [Theory]
    [InlineData(NoiseShape.FirstOrderHighpass, 3.5)]
    [InlineData(NoiseShape.EWeighted5, 8.5)]
    [InlineData(NoiseShape.FWeighted9, 10.5)]
    public void AudiblyWeightedNoise_IsLowerThanPlainTpdf(NoiseShape shape, double atLeastDb)
    {
        var shaper = new NoiseShapedDither(16, shape, seed: 3);
        var tpdf = new TpdfDither(16, seed: 3);
        var shapedPsd = ErrorSpectrum(x => shaper.Process(x));
        var plainPsd = ErrorSpectrum(x =>
        {
            tpdf.Process(x);
            for (var i = 0; i < x.Length; i++)
            {
                x[i] = MathF.Round(x[i] * 32768f) / 32768f;
            }
        });

        // Audibility of a noise near the threshold of hearing: each band weighted by the inverse of the threshold
        // in quiet (Terhardt's formula), the curve the F-weighted design approximates. A-weighting, which matters
        // for measurements at higher levels, is reported beside it.
        var gainDb = 10 * Math.Log10(Weighted(plainPsd, ThresholdWeight) / Weighted(shapedPsd, ThresholdWeight));
        var predictedDb = -10 * Math.Log10(PredictedGain(shaper, ThresholdWeight));
        var aGainDb = 10 * Math.Log10(Weighted(plainPsd, AWeight) / Weighted(shapedPsd, AWeight));
        var aPredictedDb = -10 * Math.Log10(PredictedGain(shaper, AWeight));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{shape}: threshold-weighted noise {gainDb:F2} dB below TPDF (predicted {predictedDb:F2}); A-weighted {aGainDb:F2} dB (predicted {aPredictedDb:F2})");
        Assert.True(gainDb >= atLeastDb, $"only {gainDb:F2} dB lower");
        Assert.InRange(gainDb - predictedDb, -0.3, 0.3);
        Assert.InRange(aGainDb - aPredictedDb, -0.3, 0.3);
    }

    private static double PredictedGain(NoiseShapedDither shaper, Func<double, double> weight)
    {
        double weighted = 0, weights = 0;
        for (var f = 20.0; f < 20_000; f += 5)
        {
            var w = weight(f);
            weighted += w * shaper.NoiseGain(f, Rate);
            weights += w;
        }

        return weighted / weights;
    }

    [Fact]
    public void Process_SameSeed_IsDeterministic()
    {
        var a = Signal(10_000);
        var b = Signal(10_000);
        new NoiseShapedDither(16, NoiseShape.FWeighted9, 5).Process(a);
        new NoiseShapedDither(16, NoiseShape.FWeighted9, 5).Process(b);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Process_FullScaleOverload_StaysBoundedAndRecovers()
    {
        var dither = new NoiseShapedDither(16, NoiseShape.FWeighted9, 1);
        var samples = new float[20_000];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = i < 10_000 ? 1.5f * MathF.Sign(MathF.Sin(i * 0.01f)) : 0.001f;
        }

        dither.Process(samples);
        Assert.All(samples, s => Assert.InRange(s, -1f, 1f));

        // Once the overload ends, the shaped error is back to a few LSB.
        Assert.All(samples.AsSpan(10_100).ToArray(), s => Assert.InRange(Math.Abs(s - 0.001f), 0, 40 * dither.Lsb));
    }

    [Fact]
    public void Process_AllocatesNothing()
    {
        var dither = new NoiseShapedDither(16, NoiseShape.FWeighted9, 1);
        var samples = new float[256];
        AllocationAssert.NoAllocations(_ => dither.Process(samples));
    }

    private static int Count(double low, double high)
    {
        var count = 0;
        for (var k = 1; k < Segment / 2; k++)
        {
            var f = (double)k * Rate / Segment;
            count += f >= low && f < high ? 1 : 0;
        }

        return count;
    }

    private static float[] Signal(int frames)
    {
        // A -20 dBFS tone at a frequency unrelated to the rate, plus a little noise.
        var random = new Random(9);
        var samples = new float[frames];
        for (var i = 0; i < frames; i++)
        {
            samples[i] = (float)((0.1 * Math.Sin(2 * Math.PI * 997.3 * i / Rate)) + (0.001 * (random.NextDouble() - 0.5)));
        }

        return samples;
    }

    // Averaged Hann-windowed periodogram of y - x, scaled so white noise of variance σ² reads σ² in every bin.
    private static double[] ErrorSpectrum(Action<float[]> quantise)
    {
        var x = Signal(Segment * Segments);
        var y = (float[])x.Clone();
        quantise(y);
        var window = new double[Segment];
        double windowPower = 0;
        for (var i = 0; i < Segment; i++)
        {
            window[i] = 0.5 - (0.5 * Math.Cos(2 * Math.PI * i / Segment));
            windowPower += window[i] * window[i];
        }

        var psd = new double[Segment / 2];
        var bins = new Complex[Segment];
        for (var s = 0; s < Segments; s++)
        {
            for (var i = 0; i < Segment; i++)
            {
                var n = (s * Segment) + i;
                bins[i] = new Complex(((double)y[n] - x[n]) * window[i], 0);
            }

            MathNet.Numerics.IntegralTransforms.Fourier.Forward(bins, FourierOptions.NoScaling);
            for (var k = 0; k < psd.Length; k++)
            {
                psd[k] += bins[k].Magnitude * bins[k].Magnitude / windowPower / Segments;
            }
        }

        return psd;
    }

    private static double Weighted(double[] psd, Func<double, double> weight)
    {
        double sum = 0;
        for (var k = 1; k < psd.Length; k++)
        {
            var f = (double)k * Rate / Segment;
            if (f is >= 20 and < 20_000)
            {
                sum += psd[k] * weight(f);
            }
        }

        return sum;
    }

    // Terhardt (1979) threshold in quiet, dB SPL, as a power weight 10^(-T/10).
    private static double ThresholdWeight(double f)
    {
        var k = f / 1000;
        var threshold = (3.64 * Math.Pow(k, -0.8)) - (6.5 * Math.Exp(-0.6 * (k - 3.3) * (k - 3.3))) + (1e-3 * Math.Pow(k, 4));
        return Math.Pow(10, -threshold / 10);
    }

    // IEC 61672 A-weighting, as a power gain.
    private static double AWeight(double f)
    {
        var f2 = f * f;
        var ra = 12194.0 * 12194 * f2 * f2
            / ((f2 + (20.6 * 20.6)) * Math.Sqrt((f2 + (107.7 * 107.7)) * (f2 + (737.9 * 737.9))) * (f2 + (12194.0 * 12194)));
        return ra * ra;
    }
}
