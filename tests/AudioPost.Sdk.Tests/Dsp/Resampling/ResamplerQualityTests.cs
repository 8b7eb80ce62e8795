using System.Globalization;
using AudioPost.Sdk.Dsp.Resampling;
using static AudioPost.Sdk.Tests.Dsp.Resampling.ResamplerMetrics;

namespace AudioPost.Sdk.Tests.Dsp.Resampling;

/// <summary>
/// The presets against the figures they promise (REFERENCE.md §8): passband ripple to 20 kHz at 48 → 44.1 kHz,
/// rejection of tones above the new Nyquist (aliasing) and of images above the old one (imaging), THD+N of a
/// 997 Hz tone at -1 dBFS.
/// </summary>
public sealed class ResamplerQualityTests
{
    private const int Frames = 24_000;

    public static TheoryData<ResamplerQuality, double> Rejections() => new()
    {
        { ResamplerQuality.Quick, 72 },
        { ResamplerQuality.Medium, 100 },
        { ResamplerQuality.High, 125 },
        { ResamplerQuality.VeryHigh, 175 },
    };

    [Theory]
    [InlineData(ResamplerQuality.Medium, 0.90, 0.01)]
    [InlineData(ResamplerQuality.High, 0.91, 0.01)]
    [InlineData(ResamplerQuality.VeryHigh, 0.91, 0.01)]
    public void Downsample48To44_PassbandRippleIsWithinTolerance(ResamplerQuality quality, double edge, double rippleDb)
    {
        var top = edge * 22_050;
        var worst = 0.0;
        for (var f = 20.0; f <= top; f = f < 1000 ? f * 1.5 : f + 731)
        {
            worst = Math.Max(worst, Math.Abs(GainDb(f, 48_000, 44_100, quality)));
        }

        worst = Math.Max(worst, Math.Abs(GainDb(top, 48_000, 44_100, quality)));
        Log($"{quality}: passband ripple to {top:F0} Hz = {worst:E2} dB");
        Assert.InRange(worst, 0, rippleDb);
    }

    [Fact]
    public void Downsample48To44_HighPassesTwentyKilohertzWithinAHundredthOfADecibel()
    {
        Assert.InRange(GainDb(20_000, 48_000, 44_100, ResamplerQuality.High), -0.01, 0.01);
        Assert.InRange(GainDb(20_000, 48_000, 44_100, ResamplerQuality.VeryHigh), -0.01, 0.01);
    }

    [Theory]
    [MemberData(nameof(Rejections))]
    public void Downsample48To44_TonesAboveTheNewNyquistAreRejected(ResamplerQuality quality, double rejectionDb)
    {
        var worst = double.NegativeInfinity;
        foreach (var f in new[] { 22_100.0, 22_500, 23_000, 23_500, 23_950 })
        {
            var input = Sine(f, 48_000, Frames, 1.0);
            var output = Resample(input, 48_000, 44_100, quality);
            var alias = Amplitude(output, 44_100 - f, 44_100);
            worst = Math.Max(worst, Db(alias));
        }

        Log($"{quality}: worst alias of a full-scale tone at 22.1-23.95 kHz = {worst:F1} dB");
        Assert.True(worst <= -rejectionDb, $"alias at {worst:F1} dB, promised -{rejectionDb} dB");
    }

    [Theory]
    [MemberData(nameof(Rejections))]
    public void Upsample44To48_ImagesAboveTheOldNyquistAreRejected(ResamplerQuality quality, double rejectionDb)
    {
        var edge = quality == ResamplerQuality.Quick ? 0.80 : 0.90;
        var worst = double.NegativeInfinity;
        // Irrational-looking frequencies: a float sine whose period is a round number of frames carries rounding
        // errors on a lattice of harmonics (every 100 Hz for 1 kHz at 44.1 kHz), and one of them can sit exactly where
        // the image is measured, at about -168 dB.
        foreach (var f in new[] { 1_414.213562, 9_876.54321, edge * 22_050 })
        {
            var input = Sine(f, 44_100, Frames, 1.0);
            var output = Resample(input, 44_100, 48_000, quality);

            // The image of f sits at 44.1k - f; above 24 kHz it folds to 48k - (44.1k - f).
            var image = 44_100 - f;
            var measured = image > 24_000 ? 48_000 - image : image;
            worst = Math.Max(worst, Db(AmplitudeBeside(output, measured, f, 48_000)));
        }

        Log($"{quality}: worst image of a full-scale tone = {worst:F1} dB");
        Assert.True(worst <= -rejectionDb, $"image at {worst:F1} dB, promised -{rejectionDb} dB");
    }

    [Theory]
    [InlineData(ResamplerQuality.Medium, -95)]
    [InlineData(ResamplerQuality.High, -115)]
    [InlineData(ResamplerQuality.VeryHigh, -135)]
    public void Downsample48To44_ThdPlusNoiseOf997HzIsLow(ResamplerQuality quality, double limitDb)
    {
        var input = Sine(997, 48_000, Frames, Math.Pow(10, -1 / 20.0));
        var output = Resample(input, 48_000, 44_100, quality);
        var thdn = ThdPlusNoiseDb(output, 997, 44_100);
        Log($"{quality}: THD+N 997 Hz -1 dBFS = {thdn:F1} dB");
        Assert.True(thdn <= limitDb, $"THD+N {thdn:F1} dB above {limitDb} dB");
    }

    public static TheoryData<int, int> Ratios() => new()
    {
        { 48_000, 44_100 },
        { 44_100, 48_000 },
        { 1001, 1000 },
        { 1000, 1001 },
        { 25, 24 },
        { 24, 25 },
        { 96_000, 44_100 },
        { 44_100, 96_000 },
        { 48_000, 32_000 },
    };

    [Theory]
    [MemberData(nameof(Ratios))]
    public void EveryRatio_PassesMidBandAndRejectsAboveTheLowerNyquist(int inputRate, int outputRate)
    {
        // Rates are scaled to 48 kHz-ish material so "Hz" below reads naturally: 1001 → 1000 is 48048 → 48000 Hz.
        var scale = 48_000.0 / Math.Max(inputRate, outputRate) < 10 ? 1.0 : 48_000.0 / Math.Max(inputRate, outputRate);
        var inRate = (int)Math.Round(inputRate * scale);
        var outRate = (int)Math.Round(outputRate * scale);
        var lowerNyquist = Math.Min(inRate, outRate) / 2.0;

        var gain = GainDb(0.5 * lowerNyquist, inRate, outRate, ResamplerQuality.High);
        Assert.InRange(gain, -0.01, 0.01);

        if (outRate < inRate)
        {
            // A tone between the two Nyquist frequencies may only alias below the rejection.
            var f = (lowerNyquist + (inRate / 2.0)) / 2;
            var output = Resample(Sine(f, inRate, Frames, 1.0), inRate, outRate, ResamplerQuality.High);
            Assert.True(Db(Amplitude(output, outRate - f, outRate)) <= -125);
        }
    }

    private static double GainDb(double frequency, int inputRate, int outputRate, ResamplerQuality quality)
    {
        var input = Sine(frequency, inputRate, Frames, 0.5);
        var output = Resample(input, inputRate, outputRate, quality);
        return Db(Amplitude(output, frequency, outputRate) / 0.5);
    }

    private static void Log(string line) =>
        TestContext.Current.TestOutputHelper?.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
