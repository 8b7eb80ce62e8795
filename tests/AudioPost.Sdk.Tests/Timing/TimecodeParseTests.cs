using AudioPost.Sdk.Timing;

namespace AudioPost.Sdk.Tests.Timing;

/// <summary>Parsing and formatting: accepted spellings, and impossible labels rejected with a reason.</summary>
public sealed class TimecodeParseTests
{
    [Theory]
    [InlineData("00:10:00;00", "29.97df", 17_982L)]
    [InlineData("00:10:00:00", "29.97df", 17_982L)]
    [InlineData("00;10;00;00", "29.97df", 17_982L)]
    [InlineData("00:10:00.00", "29.97df", 17_982L)]
    [InlineData("00:10:00,00", "29.97df", 17_982L)]
    [InlineData("00:02:00;04", "59.94df", 7_196L)]
    [InlineData(" 1:0:0:0 ", "25", 90_000L)]
    [InlineData("10:00:00:00", "25", 900_000L)]
    public void Parse_AcceptedSpellings_GiveTheFrameCount(string text, string rate, long frames)
    {
        Assert.Equal(frames, Timecode.Parse(text, FrameRate.Parse(rate)).FrameCount);
        Assert.True(Timecode.TryParse(text, FrameRate.Parse(rate), out var parsed));
        Assert.Equal(frames, parsed.FrameCount);
    }

    [Theory]
    [InlineData("00:01:00;00", "29.97df", "skipped at every minute not divisible by ten")]
    [InlineData("00:01:00;01", "29.97df", "skipped")]
    [InlineData("00:02:00;03", "59.94df", "labels ;00 to ;03 are skipped")]
    [InlineData("01:00:13;23", "24", "not a drop-frame rate")]
    [InlineData("01:00:13.23", "25", "not a drop-frame rate")]
    [InlineData("00:00:00:25", "25", "frames 25 is not below 25")]
    [InlineData("00:00:00:30", "29.97df", "frames 30 is not below 30")]
    [InlineData("00:00:60:00", "25", "seconds 60 is not below 60")]
    [InlineData("00:60:00:00", "25", "minutes 60 is not below 60")]
    [InlineData("24:00:00:00", "25", "hours 24 is not below 24")]
    [InlineData("00:00:00", "25", "expected hh:mm:ss:ff")]
    [InlineData("00:00:00:00:00", "25", "expected hh:mm:ss:ff")]
    [InlineData("aa:00:00:00", "25", "expected hh:mm:ss:ff")]
    [InlineData("-00:00:01:00", "25", "expected hh:mm:ss:ff")]
    [InlineData("", "25", "expected hh:mm:ss:ff")]
    [InlineData("00:00:0000:00", "25", "too many digits")]
    public void Parse_ImpossibleLabels_ThrowTimecodeFormatExceptionSayingWhy(string text, string rate, string reason)
    {
        var exception = Assert.Throws<TimecodeFormatException>(() => Timecode.Parse(text, FrameRate.Parse(rate)));

        Assert.Contains(reason, exception.Message, StringComparison.Ordinal);
        Assert.Contains($"'{text}'", exception.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<FormatException>(exception);
        Assert.False(Timecode.TryParse(text, FrameRate.Parse(rate), out _));
    }

    [Fact]
    public void Constructor_SkippedLabel_ThrowsWithTheReason()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new Timecode(0, 1, 0, 0, FrameRate.Fps2997Drop));

        Assert.Contains("skipped", exception.Message, StringComparison.Ordinal);
        Assert.Equal(1_800, new Timecode(0, 1, 0, 2, FrameRate.Fps2997Drop).FrameCount);
        Assert.Throws<ArgumentException>(() => new Timecode(0, 0, 0, 0, default));
    }

    [Fact]
    public void Fields_ReadBackTheLabel()
    {
        var timecode = Timecode.Parse("10:03:00;05", FrameRate.Fps2997Drop);

        Assert.Equal((10, 3, 0, 5), (timecode.Hours, timecode.Minutes, timecode.Seconds, timecode.Frames));
        var (hours, minutes, seconds, frames) = timecode;
        Assert.Equal((10, 3, 0, 5), (hours, minutes, seconds, frames));
        Assert.Equal(FrameRate.Fps2997Drop, timecode.Rate);
    }

    [Theory]
    [InlineData("23.976", 24000, 1001, false)]
    [InlineData("29.97DF", 30000, 1001, true)]
    [InlineData(" 59.94df ", 60000, 1001, true)]
    [InlineData("25", 25, 1, false)]
    public void FrameRate_Parse_ReadsTheLabels(string text, int numerator, int denominator, bool dropFrame)
    {
        Assert.Equal(new FrameRate(numerator, denominator, dropFrame), FrameRate.Parse(text));
    }

    [Theory]
    [InlineData("29.970")]
    [InlineData("25df")]
    [InlineData("")]
    [InlineData("30000/1001")]
    public void FrameRate_Parse_UnknownLabels_Throw(string text)
    {
        Assert.Throws<FormatException>(() => FrameRate.Parse(text));
        Assert.False(FrameRate.TryParse(text, out _));
    }

    [Fact]
    public void FrameRate_DropFrameAtANonNtscRate_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => new FrameRate(25, 1, isDropFrame: true));
        Assert.Throws<ArgumentException>(() => new FrameRate(24000, 1001, isDropFrame: true));
        Assert.Equal(8, new FrameRate(120000, 1001, isDropFrame: true).DroppedFramesPerMinute);
        Assert.Equal(12, FrameRate.All.Count);
        Assert.False(default(FrameRate).IsValid);
        Assert.Throws<ArgumentException>(() => default(FrameRate).FrameToSample(0, 48_000));
    }
}
