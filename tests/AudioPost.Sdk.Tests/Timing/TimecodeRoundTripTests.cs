using AudioPost.Sdk.Timing;

namespace AudioPost.Sdk.Tests.Timing;

/// <summary>Every frame of a whole day round-trips at every rate: label → frames → label, frames → samples → frames.</summary>
public sealed class TimecodeRoundTripTests
{
    public static TheoryData<string> Rates => [.. FrameRate.All.Select(r => r.ToString())];

    [Theory]
    [MemberData(nameof(Rates))]
    public void WholeDay_EveryFrame_RoundTripsThroughLabelAndSamplesAt48k(string rateLabel)
    {
        var rate = FrameRate.Parse(rateLabel);
        var previousStart = -1L;
        // Millions of frames: plain comparisons, one assertion at the first mismatch, keep this fast.
        for (var frame = 0L; frame < rate.FramesPerDay; frame++)
        {
            var timecode = Timecode.FromFrameCount(frame, rate);
            var label = timecode.ToString();
            var parsed = Timecode.Parse(label, rate);
            var start = timecode.ToSampleFrame(48_000);
            var (hours, minutes, seconds, frames) = timecode;
            var ok = parsed.FrameCount == frame
                && Reference(hours, minutes, seconds, frames, rate) == frame
                && start > previousStart
                && rate.SampleToFrame(start, 48_000) == frame
                && rate.SampleToFrame(start - 1, 48_000) == frame - 1;
            if (!ok)
            {
                Assert.Fail($"frame {frame} ({label}) does not round-trip: parsed {parsed.FrameCount}, starts at {start} after {previousStart}");
            }

            previousStart = start;
        }

        Assert.Equal(Timecode.FromFrameCount(0, rate), Timecode.FromFrameCount(rate.FramesPerDay - 1, rate) + 1);
    }

    [Theory]
    [InlineData("29.97df", 44_100)]
    [InlineData("23.976", 44_100)]
    [InlineData("59.94df", 96_000)]
    [InlineData("25", 11_025)]
    [InlineData("47.952", 192_000)]
    [InlineData("29.97", 88_200)]
    [InlineData("60", 8_000)]
    public void WholeDay_EveryFrame_RoundTripsThroughSamplesAtOtherRates(string rateLabel, int sampleRate)
    {
        var rate = FrameRate.Parse(rateLabel);
        for (var frame = 0L; frame < rate.FramesPerDay; frame++)
        {
            var start = rate.FrameToSample(frame, sampleRate);
            if (rate.SampleToFrame(start, sampleRate) != frame || rate.SampleToFrame(start - 1, sampleRate) != frame - 1
                || (frame % 97 == 0 && ExactRoundHalfUp(frame, sampleRate, rate) != start))
            {
                Assert.Fail($"frame {frame} starts at {start} at {sampleRate} Hz and does not round-trip");
            }
        }
    }

    [Fact]
    public void FrameToSample_NegativeFrames_RoundHalfUpLikePositiveOnes()
    {
        var rate = FrameRate.Fps2997Drop;

        // -1 frame is -1601.6 samples: rounded half up, -1601.6 + 0.5 = -1601.1 floors to -1602.
        Assert.Equal(-1602, rate.FrameToSample(-1, 48_000));
        Assert.Equal(-1, rate.SampleToFrame(-1, 48_000));
        Assert.Equal(-1, rate.SampleToFrame(-1602, 48_000));
        Assert.Equal(-2, rate.SampleToFrame(-1603, 48_000));
        for (var frame = -20_000L; frame < 20_000; frame++)
        {
            Assert.Equal(frame, rate.SampleToFrame(rate.FrameToSample(frame, 48_000), 48_000));
        }
    }

    [Fact]
    public void FromFrameCount_WrapsBothWaysAt24Hours()
    {
        var rate = FrameRate.Fps2997Drop;

        Assert.Equal("23:59:59;29", Timecode.FromFrameCount(-1, rate).ToString());
        Assert.Equal("00:00:00;00", Timecode.FromFrameCount(rate.FramesPerDay, rate).ToString());
        Assert.Equal("01:00:00;00", Timecode.FromFrameCount((3 * rate.FramesPerDay) + 107_892, rate).ToString());
        Assert.Equal("23:59:59;29", (Timecode.Parse("00:00:00;00", rate) - 1).ToString());
        Assert.Equal("00:00:00;00", Timecode.Parse("00:00:00;00", rate).AddFrames(long.MaxValue - (long.MaxValue % rate.FramesPerDay)).ToString());
    }

    private static long Reference(int hours, int minutes, int seconds, int frames, FrameRate rate)
    {
        var n = rate.NominalFramesPerSecond;
        var count = (((3600L * hours) + (60L * minutes) + seconds) * n) + frames;
        var totalMinutes = (60L * hours) + minutes;
        return count - (rate.DroppedFramesPerMinute * (totalMinutes - (totalMinutes / 10)));
    }

    // Independent of the implementation: the exact start as a fraction, rounded half up with decimal arithmetic.
    private static long ExactRoundHalfUp(long frame, int sampleRate, FrameRate rate) =>
        (long)decimal.Floor(((decimal)frame * sampleRate * rate.Denominator / rate.Numerator) + 0.5m);
}
