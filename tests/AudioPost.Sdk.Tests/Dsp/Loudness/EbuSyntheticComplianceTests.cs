using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Tests.Dsp.Loudness;

/// <summary>
/// EBU Tech 3341 / 3342 minimum-requirement cases and BS.1770 calibration vectors synthesised from their definitions
/// (REFERENCE.md §1.10, §2.1, §2.3): the compliance tolerance, plus the tighter [ref-calc] value where it is given.
/// </summary>
public sealed class EbuSyntheticComplianceTests
{
    private const double Silence = double.NegativeInfinity;

    [Theory]
    [InlineData(48000, -22.9933)]
    [InlineData(44100, -22.9905)]
    [InlineData(96000, -23.0106)]
    public void Calibration_StereoSineAtMinus23_ReadsTheReferenceValueForIMAndS(int rate, double expected)
    {
        var meter = TestSignal.Tones(rate, 2, (20, -23)).Measure();

        Assert.Equal(expected, meter.Integrated, 0.001);
        Assert.Equal(expected, meter.Momentary, 0.001);
        Assert.Equal(expected, meter.ShortTerm, 0.001);
    }

    [Fact]
    public void Calibration_997HzFullScaleMono_ReadsMinus3p01()
    {
        var signal = new TestSignal(48_000, 1, 480_000);
        for (var n = 0; n < signal.Frames; n++)
        {
            signal.Data[n] = (float)Math.Sin(2 * Math.PI * 997 * n / 48_000);
        }

        Assert.Equal(-3.0103, signal.Measure(ChannelLayout.Mono).Integrated, 0.001);
    }

    [Fact]
    public void Calibration_StereoAtMinus18_ReadsMinus17p9933()
    {
        Assert.Equal(-17.9933, TestSignal.Tones(48_000, 2, (10, -18)).Measure().Integrated, 0.001);
    }

    [Fact]
    public void Case1And2_SteadyTones_ReadMinus23AndMinus33()
    {
        Assert.Equal(-22.9933, TestSignal.Tones(48_000, 2, (20, -23)).Measure().Integrated, 0.001);
        Assert.Equal(-32.9933, TestSignal.Tones(48_000, 2, (20, -33)).Measure().Integrated, 0.001);
    }

    [Fact]
    public void Case3_RelativeGateRemovesTheQuietParts()
    {
        var meter = TestSignal.Tones(48_000, 2, (10, -36), (60, -23), (10, -36)).Measure();

        Assert.Equal(-23.0139, meter.Integrated, 0.002);
    }

    [Fact]
    public void Case4_AbsoluteGateRemovesMinus72()
    {
        var meter = TestSignal.Tones(48_000, 2, (10, -72), (10, -36), (60, -23), (10, -36), (10, -72)).Measure();

        Assert.Equal(-23.0139, meter.Integrated, 0.002);
    }

    [Fact]
    public void Case5_LouderMiddle_ReadsMinus22p9787()
    {
        var meter = TestSignal.Tones(48_000, 2, (20, -26), (20.1, -20), (20, -26)).Measure();

        Assert.Equal(-22.9787, meter.Integrated, 0.002);
    }

    [Fact]
    public void Case6_FiveChannels_WeightsTheSurroundsBy1p41()
    {
        var signal = new TestSignal(48_000, 5, 20 * 48_000);
        double[] levels = [-28, -28, -24, -30, -30];
        for (var c = 0; c < 5; c++)
        {
            var gain = TestSignal.DbToGain(levels[c]);
            var channel = signal.Channel(c);
            for (var n = 0; n < signal.Frames; n++)
            {
                channel[n] = (float)(gain * Math.Sin(2 * Math.PI * 1000.0 * n / 48_000));
            }
        }

        Assert.Equal(-23.0163, signal.Measure(ChannelLayout.Surround50).Integrated, 0.002);
    }

    [Fact]
    public void Case6_WithLfe_IgnoresTheLfe()
    {
        var five = TestSignal.Tones(48_000, 5, (20, -25));
        var six = new TestSignal(48_000, 6, five.Frames);
        five.Channel(0).CopyTo(six.Channel(0));
        five.Channel(1).CopyTo(six.Channel(1));
        five.Channel(2).CopyTo(six.Channel(2));
        six.Channel(3).Fill(0.9f);
        five.Channel(3).CopyTo(six.Channel(4));
        five.Channel(4).CopyTo(six.Channel(5));

        Assert.Equal(five.Measure(ChannelLayout.Surround50).Integrated, six.Measure(ChannelLayout.Surround51).Integrated, 1e-9);
    }

    [Fact]
    public void Case9_ShortTermIsConstantAfter3Seconds()
    {
        var segments = Enumerable.Repeat<(double, double)[]>([(1.34, -20), (1.66, -30)], 5).SelectMany(s => s).ToArray();
        var readings = new List<double>();
        TestSignal.Tones(48_000, 2, segments).Feed(
            new(48_000, ChannelLayout.Stereo), 480, (meter, done) =>
            {
                if (done >= 3 * 48_000)
                {
                    readings.Add(meter.ShortTerm);
                }
            });

        Assert.All(readings, value => Assert.Equal(-22.9863, value, 0.01));
    }

    [Fact]
    public void Case12_MomentaryIsConstantAfter1Second()
    {
        var segments = Enumerable.Repeat<(double, double)[]>([(0.18, -20), (0.22, -30)], 25).SelectMany(s => s).ToArray();
        var readings = new List<double>();
        TestSignal.Tones(48_000, 2, segments).Feed(
            new(48_000, ChannelLayout.Stereo), 480, (meter, done) =>
            {
                if (done >= 48_000)
                {
                    readings.Add(meter.Momentary);
                }
            });

        Assert.All(readings, value => Assert.Equal(-22.9604, value, 0.01));
    }

    [Fact]
    public void Case10_TwentyFiles_MaxShortTermIsMinus23InEach()
    {
        for (var i = 0; i < 20; i++)
        {
            var meter = TestSignal.Tones(48_000, 2, (i * 0.15, Silence), (3, -23), (1, Silence)).Measure(blockFrames: 1000);
            Assert.Equal(-22.9933, meter.MaxShortTerm, 0.002);
        }
    }

    [Fact]
    public void Case13_TwentyFiles_MaxMomentaryIsMinus23InEach()
    {
        for (var i = 0; i < 20; i++)
        {
            var meter = TestSignal.Tones(48_000, 2, (i * 0.02, Silence), (0.4, -23), (1, Silence)).Measure(blockFrames: 333);
            Assert.Equal(-22.9933, meter.MaxMomentary, 0.002);
        }
    }

    [Fact]
    public void Case11_Live_SuccessiveShortTermMaximaStepByOneLu()
    {
        var segments = new List<(double, double)>();
        for (var i = 0; i < 20; i++)
        {
            segments.AddRange([(i * 0.15, Silence), (3, -38.0 + i), (3 - (i * 0.15), Silence)]);
        }

        var maxima = SegmentMaxima(TestSignal.Tones(48_000, 2, [.. segments]), 6, momentary: false);

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(-38.0 + i + 0.0067, maxima[i], 0.01);
        }
    }

    [Fact]
    public void Case14_Live_SuccessiveMomentaryMaximaStepByOneLu()
    {
        var segments = new List<(double, double)>();
        for (var i = 0; i < 20; i++)
        {
            segments.AddRange([(i * 0.02, Silence), (0.4, -38.0 + i), (0.4 - (i * 0.02), Silence)]);
        }

        var maxima = SegmentMaxima(TestSignal.Tones(48_000, 2, [.. segments]), 0.8, momentary: true);

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(-38.0 + i + 0.0067, maxima[i], 0.01);
        }
    }

    [Theory]
    [InlineData(12000, 0.5, 0, -6.02, -6.02)]
    [InlineData(12000, 0.5, 45, -5.98, -9.03)]
    [InlineData(8000, 0.5, 60, -6.32, -7.27)]
    [InlineData(6000, 0.5, 67.5, -6.03, -6.71)]
    [InlineData(12000, 1.41, 45, 3.03, -0.03)]
    public void Cases15To19_TruePeak_WithinToleranceAndOnTheAnnexFilterValue(double frequency, double amplitude, double phase, double expectedTruePeak, double expectedSamplePeak)
    {
        var meter = TestSignal.FadedSine(48_000, 2, frequency, amplitude, phase, 1).Measure();
        var nominal = amplitude > 1 ? 3.0 : -6.0;

        Assert.InRange(meter.TruePeak, nominal - 0.4, nominal + 0.2);
        Assert.Equal(expectedTruePeak, meter.TruePeak, 0.015);
        Assert.Equal(expectedSamplePeak, meter.SamplePeak, 0.015);
        Assert.Equal(meter.TruePeak, meter.GetTruePeak(1));
    }

    [Theory]
    [InlineData(10.00, -20.0, -30.0)]
    [InlineData(5.00, -20.0, -15.0)]
    [InlineData(20.00, -40.0, -20.0)]
    public void Tech3342Cases1To3_LoudnessRange(double expected, double first, double second)
    {
        var meter = TestSignal.Tones(48_000, 2, (20, first), (20, second)).Measure();

        Assert.Equal(expected, meter.LoudnessRange, 0.02);
    }

    [Fact]
    public void Tech3342Case4_LoudnessRange15()
    {
        var meter = TestSignal.Tones(48_000, 2, (20, -50), (20, -35), (20, -20), (20, -35), (20, -50)).Measure();

        Assert.Equal(15.0, meter.LoudnessRange, 0.02);
    }

    [Fact]
    public void Tech3342Case1_Integrated_ReadsTheReferenceValue()
    {
        Assert.Equal(-22.5897, TestSignal.Tones(48_000, 2, (20, -20), (20, -30)).Measure().Integrated, 0.002);
    }

    [Fact]
    public void Tech3342_LoopedSignal_KeepsItsRange()
    {
        var once = TestSignal.Tones(48_000, 2, (20, -20), (20, -30)).Measure().LoudnessRange;
        var twice = TestSignal.Tones(48_000, 2, (20, -20), (20, -30), (20, -20), (20, -30)).Measure().LoudnessRange;

        Assert.Equal(once, twice, 0.1);
    }

    // The maximum of the 10 ms readings within each segment of `seconds`, as a live meter's "max" display would show.
    private static double[] SegmentMaxima(TestSignal signal, double seconds, bool momentary)
    {
        var segmentFrames = (int)Math.Round(seconds * signal.SampleRate);
        var maxima = new double[signal.Frames / segmentFrames];
        Array.Fill(maxima, double.NegativeInfinity);
        signal.Feed(new(signal.SampleRate, ChannelLayout.Stereo), 480, (meter, done) =>
        {
            var segment = (done - 1) / segmentFrames;
            if (segment < maxima.Length)
            {
                maxima[segment] = Math.Max(maxima[segment], momentary ? meter.Momentary : meter.ShortTerm);
            }
        });
        return maxima;
    }
}
