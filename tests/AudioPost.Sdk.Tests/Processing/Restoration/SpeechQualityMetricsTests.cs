namespace AudioPost.Sdk.Tests.Processing.Restoration;

/// <summary>The quality measures on signals whose answers are known analytically.</summary>
public sealed class SpeechQualityMetricsTests
{
    private const int Rate = 16_000;

    [Theory]
    [InlineData(0)]
    [InlineData(123)]
    [InlineData(-45)]
    public void Measure_DelayedScaledCopyPlusNoise_FindsTheLagGainAndSnr(int lag)
    {
        var clean = NoiseMaterial.White(3 * Rate, 0.1, seed: 1);
        var noise = NoiseMaterial.White(3 * Rate, 0.01, seed: 2);
        var output = new float[clean.Length];
        for (var i = 0; i < output.Length; i++)
        {
            var source = i - lag;
            output[i] = (source >= 0 && source < clean.Length ? 0.5f * clean[source] : 0f) + noise[i];
        }

        var quality = SpeechQualityMetrics.Measure(clean, output, Rate, maxLag: 500);

        // Target 0.5 · 0.1 RMS against 0.01 RMS noise: 20·log10(5) = 13.98 dB.
        Assert.Equal(lag, quality.Lag);
        Assert.Equal(0.5, quality.Gain, 0.01);
        Assert.Equal(13.98, quality.SnrDb, 0.15);
        Assert.Equal(13.98, quality.SegmentalSnrDb, 0.3);
    }

    [Fact]
    public void Measure_ExactCopy_HasNoErrorAndNoSpectralDistance()
    {
        var clean = NoiseMaterial.Pink(Rate, Rate, 0.1, seed: 3);

        var quality = SpeechQualityMetrics.Measure(clean, (float[])clean.Clone(), Rate, maxLag: 100);

        Assert.Equal(0, quality.Lag);
        Assert.True(quality.SnrDb > 100, $"{quality.SnrDb}");
        Assert.Equal(SpeechQualityMetrics.MaxSegmentDb, quality.SegmentalSnrDb, 1e-9);
        Assert.Equal(0.0, quality.LogSpectralDistanceDb, 1e-6);
    }

    [Fact]
    public void SegmentalSnr_ClampsEachFrame_AndAveragesOverAllFrames()
    {
        // Four 20 ms frames: speech-free (−∞ → −10), 20 dB, 50 dB (→ 35), error-free (+∞ → 35).
        const int Frame = 320;
        var target = new double[4 * Frame];
        var error = new double[4 * Frame];
        for (var i = 0; i < Frame; i++)
        {
            error[i] = 1;
            target[Frame + i] = 1;
            error[Frame + i] = 0.1;
            target[(2 * Frame) + i] = 1;
            error[(2 * Frame) + i] = Math.Pow(10, -2.5);
            target[(3 * Frame) + i] = 1;
        }

        Assert.Equal((-10 + 20 + 35 + 35) / 4.0, SpeechQualityMetrics.SegmentalSnr(target, error, Frame), 1e-9);
    }

    [Fact]
    public void LogSpectralDistance_OfATwoTapFilter_MatchesItsLogMagnitudeResponse()
    {
        // y[n] = c[n] + 0.5·c[n−1] on white c: the least-squares gain is 1 (c[n−1] is uncorrelated with c[n]), and the
        // per-bin power ratio is |H|² = 1.25 + cos ω, so the distance is sqrt(mean over bins of (10·log10 |H|²)²).
        var clean = NoiseMaterial.White(4 * Rate, 0.1, seed: 4);
        var output = new float[clean.Length];
        for (var i = 0; i < clean.Length; i++)
        {
            output[i] = clean[i] + (i > 0 ? 0.5f * clean[i - 1] : 0f);
        }

        var quality = SpeechQualityMetrics.Measure(clean, output, Rate, maxLag: 10);

        const int Size = 512;
        double sum = 0;
        for (var k = 0; k <= Size / 2; k++)
        {
            var db = 10 * Math.Log10(1.25 + Math.Cos(2 * Math.PI * k / Size));
            sum += db * db;
        }

        var expected = Math.Sqrt(sum / ((Size / 2) + 1));
        Assert.Equal(0, quality.Lag);
        Assert.Equal(1.0, quality.Gain, 0.01);
        Assert.Equal(expected, quality.LogSpectralDistanceDb, 0.1);
        Assert.InRange(expected, 3.0, 5.0);
    }
}
