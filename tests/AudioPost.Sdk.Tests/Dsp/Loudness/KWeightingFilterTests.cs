using System.Numerics;
using AudioPost.Sdk.Dsp.Loudness;

namespace AudioPost.Sdk.Tests.Dsp.Loudness;

public sealed class KWeightingFilterTests
{
    [Fact]
    public void Design_48kHz_EqualsTheBs1770Table()
    {
        var (shelf, highPass) = KWeightingFilter.Design(48_000);

        Assert.Equal(1.53512485958697, shelf.B0, 1e-13);
        Assert.Equal(-2.69169618940638, shelf.B1, 1e-13);
        Assert.Equal(1.19839281085285, shelf.B2, 1e-13);
        Assert.Equal(-1.69065929318241, shelf.A1, 1e-13);
        Assert.Equal(0.73248077421585, shelf.A2, 1e-13);
        Assert.Equal((1.0, -2.0, 1.0), (highPass.B0, highPass.B1, highPass.B2));
        Assert.Equal(-1.99004745483398, highPass.A1, 1e-13);
        Assert.Equal(0.99007225036621, highPass.A2, 1e-13);
    }

    [Theory]
    [InlineData(16000, 1.44329522349136, -1.83157538126046, 0.68165875741197, -1.10153376910699, 0.39491236874986, -1.97028952800443, 0.97051049053584)]
    [InlineData(44100, 1.53084123005035, -2.65097999515473, 1.16907907992159, -1.66365511325602, 0.71259542807323, -1.98916967362980, 0.98919903578704)]
    [InlineData(96000, 1.55971422897580, -2.92674157825108, 1.37826120231582, -1.84460946989011, 0.85584332293064, -1.99501754472472, 0.99502375904092)]
    [InlineData(192000, 1.57222721509128, -3.04728305156155, 1.47797134097961, -1.92220223060749, 0.92511773511683, -1.99750722284070, 0.99750877835551)]
    public void Design_OtherRates_MatchTheReferenceTable(int rate, double b0, double b1, double b2, double a1, double a2, double h1, double h2)
    {
        var (shelf, highPass) = KWeightingFilter.Design(rate);

        Assert.Equal(b0, shelf.B0, 1e-13);
        Assert.Equal(b1, shelf.B1, 1e-13);
        Assert.Equal(b2, shelf.B2, 1e-13);
        Assert.Equal(a1, shelf.A1, 1e-13);
        Assert.Equal(a2, shelf.A2, 1e-13);
        Assert.Equal(h1, highPass.A1, 1e-13);
        Assert.Equal(h2, highPass.A2, 1e-13);
    }

    [Theory]
    [InlineData(20, -13.2754)]
    [InlineData(38, -6.0026)]
    [InlineData(100, -1.1335)]
    [InlineData(997, 0.6910)]
    [InlineData(1000, 0.6977)]
    [InlineData(2000, 3.0713)]
    [InlineData(10000, 4.0419)]
    [InlineData(20000, 4.0431)]
    public void Response_48kHz_MatchesTheReferenceMagnitudes(double frequency, double expectedDb)
    {
        var (shelf, highPass) = KWeightingFilter.Design(48_000);

        Assert.Equal(expectedDb, shelf.MagnitudeDb(frequency, 48_000) + highPass.MagnitudeDb(frequency, 48_000), 1e-4);
    }

    [Theory]
    [InlineData(8000)]
    [InlineData(44100)]
    [InlineData(48000)]
    [InlineData(96000)]
    [InlineData(384000)]
    public void Response_AnyRate_EqualsTheAnalogPrototypeAtTheWarpedFrequency(int rate)
    {
        var (shelf, highPass) = KWeightingFilter.Design(rate);

        foreach (var frequency in new[] { 10.0, 38, 100, 500, 1000, 1682, 3000, rate * 0.45 })
        {
            var digital = shelf.MagnitudeDb(frequency, rate) + highPass.MagnitudeDb(frequency, rate);
            // 1e-6 dB: evaluating the digital response at 10 Hz of 384 kHz cancels most of the digits of cos(ω).
            Assert.Equal(AnalogDb(frequency, rate, warped: true), digital, 1e-6);
        }
    }

    [Theory]
    [InlineData(44100)]
    [InlineData(96000)]
    [InlineData(384000)]
    public void Response_BelowAnEighthOfTheRate_StaysWithin0p05DbOfTheUnwarpedPrototype(int rate)
    {
        var (shelf, highPass) = KWeightingFilter.Design(rate);

        for (var frequency = 20.0; frequency < Math.Min(rate / 8.0, 20000); frequency *= 1.25)
        {
            var digital = shelf.MagnitudeDb(frequency, rate) + highPass.MagnitudeDb(frequency, rate);
            Assert.Equal(AnalogDb(frequency, rate, warped: false), digital, 0.05);
        }
    }

    [Fact]
    public void FilterSumOfSquares_SplitAnywhere_GivesTheSameResultAsOneCall()
    {
        var input = new float[10_000];
        var random = new Random(7);
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = (float)((random.NextDouble() * 2) - 1);
        }

        var whole = new KWeightingFilter(48_000, 1).FilterSumOfSquares(0, input);
        var split = new KWeightingFilter(48_000, 1);
        var parts = split.FilterSumOfSquares(0, input.AsSpan(0, 1234)) + split.FilterSumOfSquares(0, input.AsSpan(1234));

        Assert.Equal(whole, parts, whole * 1e-12);
    }

    // The libebur128 analog prototypes: shelf (Vh s² + Vb s/Q + 1)/(s² + s/Q + 1) and high-pass a0'·s²/(s² + s/Q + 1),
    // where the un-normalised digital numerator 1, −2, 1 carries the factor a0' = 1 + K/Q + K². With `warped` the
    // normalised frequency is tan(πf/fs)/tan(πf0/fs), which the bilinear transform maps exactly.
    private static double AnalogDb(double frequency, double rate, bool warped)
    {
        const double ShelfF0 = 1681.974450955533, ShelfQ = 0.7071752369554196, HighPassF0 = 38.13547087602444, HighPassQ = 0.5003270373238773;
        var vh = Math.Pow(10, 3.999843853973347 / 20);
        var vb = Math.Pow(vh, 0.4996667741545416);

        var w = warped ? Math.Tan(Math.PI * frequency / rate) / Math.Tan(Math.PI * ShelfF0 / rate) : frequency / ShelfF0;
        var s = new Complex(0, w);
        var shelf = ((vh * s * s) + (vb * s / ShelfQ) + 1) / ((s * s) + (s / ShelfQ) + 1);

        var k = Math.Tan(Math.PI * HighPassF0 / rate);
        var gain = 1 + (k / HighPassQ) + (k * k);
        w = warped ? Math.Tan(Math.PI * frequency / rate) / k : frequency / HighPassF0;
        s = new Complex(0, w);
        var highPass = gain * s * s / ((s * s) + (s / HighPassQ) + 1);

        return 20 * Math.Log10((shelf * highPass).Magnitude);
    }
}
