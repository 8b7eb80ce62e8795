using AudioPost.Sdk.Dsp.Loudness;

namespace AudioPost.Sdk.Tests.Dsp.Loudness;

/// <summary>
/// Every file of the official EBU loudness test set in shared/testdata/ebu-loudness against its README:
/// the compliance tolerance and, where libebur128's exact value is known, agreement with it to 0.001 LU.
/// </summary>
public sealed class EbuFileComplianceTests
{
    [Theory]
    [InlineData("seq-3341-1-16bit.wav", -23.0, -22.953556442089987)]
    [InlineData("seq-3341-2-16bit.wav", -33.0, -32.959860397340044)]
    public void Case1And2_IntegratedMomentaryShortTerm(string file, double expected, double libebur128)
    {
        var meter = Measure(file);

        Assert.Equal(libebur128, meter.Integrated, 0.001);
        Assert.Equal(expected, meter.Integrated, 0.1);
        Assert.Equal(expected, meter.Momentary, 0.1);
        Assert.Equal(expected, meter.ShortTerm, 0.1);
        Assert.Equal(expected, meter.MaxMomentary, 0.1);
        Assert.Equal(expected, meter.MaxShortTerm, 0.1);
    }

    [Fact]
    public void Case10_MaxShortTermOfEachFile()
    {
        for (var i = 1; i <= 20; i++)
        {
            Assert.Equal(-23.0, Measure($"seq-3341-10-{i}-24bit.wav").MaxShortTerm, 0.1);
        }
    }

    [Fact]
    public void Case12_MomentaryConstantAfterTheFirstSecond()
    {
        var (signal, layout) = TestSignal.Read(EbuTestData.File("seq-3341-12-24bit.wav"));
        var readings = new List<double>();
        signal.Feed(new LoudnessMeter(signal.SampleRate, layout), 480, (meter, done) =>
        {
            if (done >= signal.SampleRate)
            {
                readings.Add(meter.Momentary);
            }
        });

        Assert.NotEmpty(readings);
        Assert.All(readings, value => Assert.Equal(-23.0, value, 0.1));
    }

    [Fact]
    public void Case13_MaxMomentaryOfEachFile()
    {
        for (var i = 1; i <= 20; i++)
        {
            Assert.Equal(-23.0, Measure($"seq-3341-13-{i}-24bit.wav").MaxMomentary, 0.1);
        }
    }

    [Theory]
    [InlineData("seq-3341-15-24bit.wav", -6.0)]
    [InlineData("seq-3341-16-24bit.wav", -6.0)]
    [InlineData("seq-3341-17-24bit.wav", -6.0)]
    [InlineData("seq-3341-18-24bit.wav", -6.0)]
    [InlineData("seq-3341-19-24bit.wav", 3.0)]
    [InlineData("seq-3341-20-24bit.wav", 0.0)]
    [InlineData("seq-3341-21-24bit.wav", 0.0)]
    [InlineData("seq-3341-22-24bit.wav", 0.0)]
    [InlineData("seq-3341-23-24bit.wav", 0.0)]
    public void Cases15To23_MaxTruePeak(string file, double expected)
    {
        var meter = Measure(file);

        TestContext.Current.TestOutputHelper?.WriteLine($"{file}: TP {meter.TruePeak:F3} dBTP, sample peak {meter.SamplePeak:F3} dBFS");
        Assert.InRange(meter.TruePeak, expected - 0.4, expected + 0.2);
    }

    [Theory]
    [InlineData("1kHz_Sine_-20_LUFS-16bit.wav", -20.0)]
    [InlineData("1kHz_Sine_-26_LUFS-16bit.wav", -26.0)]
    [InlineData("1kHz_Sine_-40_LUFS-16bit.wav", -40.0)]
    public void CalibrationFiles_Integrated(string file, double expected)
    {
        Assert.Equal(expected, Measure(file).Integrated, 0.1);
    }

    private static LoudnessMeter Measure(string file)
    {
        var (signal, layout) = TestSignal.Read(EbuTestData.File(file));
        return signal.Measure(layout);
    }
}
