using AudioPost.Sdk.Timing;

namespace AudioPost.Sdk.Tests.Timing;

/// <summary>Signed offsets and timecode arithmetic.</summary>
public sealed class TimecodeOffsetTests
{
    [Theory]
    [InlineData("-00:00:01:00", "25", -25L)]
    [InlineData("+00:00:01:00", "25", 25L)]
    [InlineData("00:01:00;02", "29.97df", 1_800L)]
    [InlineData("-01:00:00;00", "29.97df", -107_892L)]
    [InlineData("100:00:00:00", "24", 8_640_000L)]
    public void Parse_SignedOffsets_GiveSignedFrameCounts(string text, string rate, long frames)
    {
        var offset = TimecodeOffset.Parse(text, FrameRate.Parse(rate));

        Assert.Equal(frames, offset.FrameCount);
        Assert.Equal(frames < 0, offset.IsNegative);
        Assert.Equal(text.TrimStart('+'), offset.ToString());
    }

    [Theory]
    [InlineData("-00:01:00;00", "29.97df", "skipped")]
    [InlineData("--00:00:01:00", "25", "expected")]
    [InlineData("00:00:00:25", "25", "frames 25")]
    public void Parse_BadOffsets_SayWhy(string text, string rate, string reason)
    {
        var exception = Assert.Throws<TimecodeFormatException>(() => TimecodeOffset.Parse(text, FrameRate.Parse(rate)));

        Assert.Contains(reason, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Arithmetic_PreRollAndDifferences()
    {
        var rate = FrameRate.Fps2997Drop;
        var start = Timecode.Parse("01:00:00;00", rate);
        var preRoll = TimecodeOffset.Parse("-00:00:02;00", rate);

        var cue = start + preRoll;

        Assert.Equal("00:59:58;00", cue.ToString());
        Assert.Equal(-60, (cue - start).FrameCount);
        Assert.Equal("-00:00:02;00", (cue - start).ToString());
        Assert.Equal(start, cue - preRoll);
        Assert.Equal("00:00:00;00", (Timecode.Parse("00:00:00;01", rate) + TimecodeOffset.FromFrames(-1, rate)).ToString());
        Assert.Equal("23:59:59;29", (Timecode.Parse("00:00:00;00", rate) + TimecodeOffset.FromFrames(-1, rate)).ToString());
        Assert.True(cue < start);
        Assert.Equal(-preRoll, TimecodeOffset.Parse("00:00:02;00", rate));
        Assert.Equal(-96_096, preRoll.ToSampleCount(48_000));
    }

    [Fact]
    public void Arithmetic_DifferentRates_Throw()
    {
        var a = Timecode.Parse("01:00:00:00", FrameRate.Fps25);
        var b = Timecode.Parse("01:00:00:00", FrameRate.Fps24);

        Assert.Throws<ArgumentException>(() => a - b);
        Assert.Throws<ArgumentException>(() => a + TimecodeOffset.FromFrames(1, FrameRate.Fps24));
    }
}
