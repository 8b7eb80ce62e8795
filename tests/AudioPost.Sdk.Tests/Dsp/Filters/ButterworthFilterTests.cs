using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Filters;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Dsp.Filters;

/// <summary>
/// Butterworth and Linkwitz-Riley filters measured from their impulse responses against the closed-form magnitude of
/// the bilinear-transformed Butterworth, |H|² = 1 / (1 + (Ω/Ωc)^(2n)) with Ω = tan(π f / fs) (Ωc/Ω for a high-pass).
/// </summary>
public sealed class ButterworthFilterTests
{
    private const int Length = 1 << 15;

    public static TheoryData<FilterPass, int, int> ButterworthCases()
    {
        var data = new TheoryData<FilterPass, int, int>();
        int[] rates = [44_100, 48_000, 96_000];
        for (var order = 1; order <= 8; order++)
        {
            data.Add(FilterPass.LowPass, order, rates[order % 3]);
            data.Add(FilterPass.HighPass, order, rates[(order + 1) % 3]);
        }

        return data;
    }

    public static TheoryData<FilterPass, int, int> LinkwitzRileyCases()
    {
        var data = new TheoryData<FilterPass, int, int>();
        int[] rates = [44_100, 48_000, 96_000];
        foreach (var order in new[] { 2, 4, 6, 8 })
        {
            data.Add(FilterPass.LowPass, order, rates[order % 3]);
            data.Add(FilterPass.HighPass, order, rates[(order + 1) % 3]);
        }

        return data;
    }

    /// <summary>The closed-form Butterworth magnitude in dB, squared <paramref name="power"/> times (2 for Linkwitz-Riley).</summary>
    private static double ExpectedDb(FilterPass pass, int order, double cutoff, double f, double sampleRate, int power)
    {
        var ratio = Math.Tan(Math.PI * f / sampleRate) / Math.Tan(Math.PI * cutoff / sampleRate);
        if (pass == FilterPass.HighPass)
        {
            ratio = 1 / ratio;
        }

        return -10 * power * Math.Log10(1 + Math.Pow(ratio, 2 * order));
    }

    private static void AssertMagnitude(double[] h, FilterPass pass, int butterworthOrder, double cutoff, int sampleRate, int power)
    {
        foreach (var f in FilterProbe.Frequencies(sampleRate))
        {
            var expected = ExpectedDb(pass, butterworthOrder, cutoff, f, sampleRate, power);
            var measured = FilterProbe.Db(FilterProbe.Dtft(h, f, sampleRate));
            if (expected > -80)
            {
                Assert.True(Math.Abs(measured - expected) < 2e-3, $"{pass} order {butterworthOrder}^{power} at {f:F1} Hz: {measured:F4} dB, expected {expected:F4} dB");
            }
            else
            {
                // Below -80 dB the float output's rounding noise (around -140 dB) starts to show: only require the depth.
                Assert.True(measured < -79, $"{pass} order {butterworthOrder}^{power} at {f:F1} Hz: {measured:F2} dB");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ButterworthCases))]
    public void Butterworth_MeasuredMagnitude_MatchesTheClosedForm(FilterPass pass, int order, int sampleRate)
    {
        var cutoff = pass == FilterPass.LowPass ? 2000.0 : 400.0;
        var filter = new ButterworthFilter(pass, order, sampleRate, 1, 256, cutoff);
        var h = FilterProbe.ImpulseResponse(filter.Process, Length);

        AssertMagnitude(h, pass, order, cutoff, sampleRate, 1);
        Assert.Equal(-3.0103, FilterProbe.Db(FilterProbe.Dtft(h, cutoff, sampleRate)), 3);
    }

    [Theory]
    [MemberData(nameof(ButterworthCases))]
    public void Butterworth_MeasuredResponse_MatchesTheSectionCascadeInMagnitudeAndPhase(FilterPass pass, int order, int sampleRate)
    {
        var filter = new ButterworthFilter(pass, order, sampleRate, 1, 256, 1000);
        var h = FilterProbe.ImpulseResponse(filter.Process, Length);
        var sections = ButterworthDesign.Butterworth(pass, order, sampleRate, 1000);

        foreach (var f in FilterProbe.Frequencies(sampleRate))
        {
            var expected = ButterworthDesign.Response(sections, f, sampleRate);
            Assert.True((FilterProbe.Dtft(h, f, sampleRate) - expected).Magnitude < 2e-5, $"{pass} order {order} at {f:F1} Hz");
            Assert.True((filter.Response(f) - expected).Magnitude < 1e-12);
        }
    }

    /// <summary>
    /// The slope is 6·n dB per octave of the pre-warped frequency Ω = tan(π f / fs) (the bilinear transform squeezes
    /// the octaves near Nyquist), measured 40 dB into the stop band where the asymptote has been reached.
    /// </summary>
    [Theory]
    [InlineData(FilterPass.LowPass)]
    [InlineData(FilterPass.HighPass)]
    public void Butterworth_StopbandSlope_Is6DbPerOctavePerOrder(FilterPass pass)
    {
        const int Rate = 96_000;
        for (var order = 1; order <= 8; order++)
        {
            var cutoff = pass == FilterPass.LowPass ? 100.0 : 10_000.0;
            var depth = Math.Pow(100, 1.0 / order);
            var f1 = pass == FilterPass.LowPass ? cutoff * depth : cutoff / depth;
            var omega2 = Math.Tan(Math.PI * f1 / Rate) * (pass == FilterPass.LowPass ? 2 : 0.5);
            var f2 = Math.Atan(omega2) * Rate / Math.PI;
            var h = FilterProbe.ImpulseResponse(new ButterworthFilter(pass, order, Rate, 1, 256, cutoff).Process, Length);
            var slope = FilterProbe.Db(FilterProbe.Dtft(h, f1, Rate)) - FilterProbe.Db(FilterProbe.Dtft(h, f2, Rate));

            Assert.Equal(6.0206 * order, slope, 0.01);
        }
    }

    [Theory]
    [MemberData(nameof(LinkwitzRileyCases))]
    public void LinkwitzRiley_MeasuredMagnitude_IsTheSquaredButterworthAndMinus6DbAtCutoff(FilterPass pass, int order, int sampleRate)
    {
        const double Cutoff = 1500;
        var filter = new LinkwitzRileyFilter(pass, order, sampleRate, 1, 256, Cutoff);
        var h = FilterProbe.ImpulseResponse(filter.Process, Length);

        AssertMagnitude(h, pass, order / 2, Cutoff, sampleRate, 2);
        Assert.Equal(-6.0206, FilterProbe.Db(FilterProbe.Dtft(h, Cutoff, sampleRate)), 3);
        Assert.Equal(-6.0206, FilterProbe.Db(filter.Response(Cutoff)), 6);
    }

    [Fact]
    public void Process_PerFrameWithConstantCutoff_EqualsTheFixedCutoffBitForBit()
    {
        const int Frames = 3000;
        var fixedRun = FilterProbe.Noise(5 * Frames, 0.5f, seed: 8);
        var automated = (float[])fixedRun.Clone();
        new ButterworthFilter(FilterPass.HighPass, 7, 48_000, 5, 512, 300).Process(new AudioBlock(fixedRun, 5, Frames));
        var filter = new ButterworthFilter(FilterPass.HighPass, 7, 48_000, 5, 512, 9000);
        filter.Process(new AudioBlock(automated, 5, Frames), Enumerable.Repeat(300f, Frames).ToArray());

        Assert.Equal(fixedRun, automated);
        Assert.Equal(300, filter.Frequency);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(8)]
    public void Process_CutoffSweptEverySampleOverLoudNoise_StaysFiniteAndBounded(int order)
    {
        const int Frames = 1 << 16;
        var random = new Random(order);
        var cutoff = new float[Frames];
        for (var i = 0; i < Frames; i++)
        {
            cutoff[i] = (float)(10 * Math.Pow(2000, random.NextDouble()));
        }

        foreach (var pass in new[] { FilterPass.LowPass, FilterPass.HighPass })
        {
            var signal = FilterProbe.Noise(2 * Frames, 10f, seed: order);
            var bw = new ButterworthFilter(pass, order, 44_100, 2, 1024, 1000);
            bw.Process(new AudioBlock(signal, 2, Frames), cutoff);
            var lr = new LinkwitzRileyFilter(pass, 8, 44_100, 2, 1024, 1000);
            lr.Process(new AudioBlock(signal, 2, Frames), cutoff);

            Assert.All(signal, y => Assert.True(float.IsFinite(y) && Math.Abs(y) < 1000, $"{pass}: {y}"));
        }
    }

    [Fact]
    public void SectionQ_MatchesTheTabulatedButterworthValues()
    {
        Assert.Equal(0.70711, ButterworthDesign.SectionQ(2, 0), 5);
        Assert.Equal(0.54120, ButterworthDesign.SectionQ(4, 0), 5);
        Assert.Equal(1.30656, ButterworthDesign.SectionQ(4, 1), 5);
        Assert.Equal(1.0, ButterworthDesign.SectionQ(3, 0), 9);
        Assert.Equal(2.56292, ButterworthDesign.SectionQ(8, 3), 5);
        Assert.Equal(4, ButterworthDesign.SectionCount(7));
        Assert.Throws<ArgumentOutOfRangeException>(() => ButterworthDesign.SectionQ(9, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinkwitzRileyFilter(FilterPass.LowPass, 3, 48_000, 1, 64, 100));
    }

    [Fact]
    public void Process_AutomatedEightChannels_AllocatesNothing()
    {
        var filter = new LinkwitzRileyFilter(FilterPass.LowPass, 8, 48_000, 8, 256, 1000);
        var bw = new ButterworthFilter(FilterPass.HighPass, 5, 48_000, 8, 256, 1000);
        var storage = FilterProbe.Noise(8 * 256, 0.5f, seed: 5);
        var cutoff = Enumerable.Range(0, 256).Select(i => 500f + i).ToArray();
        AllocationAssert.NoAllocations(i =>
        {
            filter.Process(new AudioBlock(storage, 8, 256), cutoff);
            bw.SetFrequency(100 + (i % 10));
            bw.Process(new AudioBlock(storage, 8, 256));
        });
    }
}
