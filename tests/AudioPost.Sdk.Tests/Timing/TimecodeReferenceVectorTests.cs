using AudioPost.Sdk.Timing;

namespace AudioPost.Sdk.Tests.Timing;

/// <summary>Every vector of REFERENCE.md §4.4: label ↔ frame count ↔ exact samples at 48 kHz, and the next label.</summary>
public sealed class TimecodeReferenceVectorTests
{
    // Label, rate, frame count, exact samples at 48 kHz as numerator over 5 (the exact value × 5 is an integer for
    // every row, since samples per frame is a multiple of 0.2), next label.
    [Theory]
    [InlineData("00:00:00:00", "24", 0L, 0L, "00:00:00:01")]
    [InlineData("01:00:00:00", "24", 86_400L, 864_000_000L, "01:00:00:01")]
    [InlineData("23:59:59:23", "24", 2_073_599L, 20_735_990_000L, "00:00:00:00")]
    [InlineData("00:00:01:00", "23.976", 24L, 240_240L, "00:00:01:01")]
    [InlineData("01:00:00:00", "23.976", 86_400L, 864_864_000L, "01:00:00:01")]
    [InlineData("01:00:00:00", "25", 90_000L, 864_000_000L, "01:00:00:01")]
    [InlineData("10:00:00:00", "25", 900_000L, 8_640_000_000L, "10:00:00:01")]
    [InlineData("23:59:59:24", "25", 2_159_999L, 20_735_990_400L, "00:00:00:00")]
    [InlineData("01:00:00:00", "30", 108_000L, 864_000_000L, "01:00:00:01")]
    [InlineData("01:00:00:00", "29.97", 108_000L, 864_864_000L, "01:00:00:01")]
    [InlineData("00:00:59;29", "29.97df", 1_799L, 14_406_392L, "00:01:00;02")]
    [InlineData("00:01:00;02", "29.97df", 1_800L, 14_414_400L, "00:01:00;03")]
    [InlineData("00:09:59;29", "29.97df", 17_981L, 143_991_848L, "00:10:00;00")]
    [InlineData("00:10:00;00", "29.97df", 17_982L, 143_999_856L, "00:10:00;01")]
    [InlineData("00:10:59;29", "29.97df", 19_781L, 158_406_248L, "00:11:00;02")]
    [InlineData("01:00:00;00", "29.97df", 107_892L, 863_999_136L, "01:00:00;01")]
    [InlineData("10:03:00;05", "29.97df", 1_084_319L, 8_683_226_552L, "10:03:00;06")]
    [InlineData("23:59:59;29", "29.97df", 2_589_407L, 20_735_971_256L, "00:00:00;00")]
    [InlineData("01:00:00:00", "47.952", 172_800L, 864_864_000L, "01:00:00:01")]
    [InlineData("01:00:00:00", "48", 172_800L, 864_000_000L, "01:00:00:01")]
    [InlineData("01:00:00:00", "50", 180_000L, 864_000_000L, "01:00:00:01")]
    [InlineData("00:00:59;59", "59.94df", 3_599L, 14_410_396L, "00:01:00;04")]
    [InlineData("00:09:59;59", "59.94df", 35_963L, 143_995_852L, "00:10:00;00")]
    [InlineData("01:00:00;00", "59.94df", 215_784L, 863_999_136L, "01:00:00;01")]
    [InlineData("05:01:30;03", "59.94df", 1_084_319L, 4_341_613_276L, "05:01:30;04")]
    [InlineData("23:59:59;59", "59.94df", 5_178_815L, 20_735_975_260L, "00:00:00;00")]
    [InlineData("01:00:00:00", "60", 216_000L, 864_000_000L, "01:00:00:01")]
    public void ReferenceVector_LabelFramesSamplesAndNextLabel_MatchTheTable(string label, string rateLabel, long frames, long exactSamplesTimes5, string next)
    {
        var rate = FrameRate.Parse(rateLabel);

        var timecode = Timecode.Parse(label, rate);

        Assert.Equal(frames, timecode.FrameCount);
        Assert.Equal(label, timecode.ToString());
        Assert.Equal(label, Timecode.FromFrameCount(frames, rate).ToString());
        Assert.Equal(next, (timecode + 1).ToString());

        // Round half up of the exact value: floor(exact + 1/2) = floor((10·exact5/5 + 5) / 10) in fifths.
        var expectedSample = ((2 * exactSamplesTimes5) + 5) / 10;
        Assert.Equal(expectedSample, timecode.ToSampleFrame(48_000));
        Assert.Equal(timecode, Timecode.FromSampleFrame(expectedSample, 48_000, rate));
    }

    [Fact]
    public void OtioVector_SameFrameCountAtNonDrop_GivesTheNonDropLabel()
    {
        Assert.Equal("10:02:23:29", Timecode.FromFrameCount(1_084_319, FrameRate.Fps2997).ToString());
    }

    // REFERENCE.md §4.1: the 5-frame audio cadence at 48 kHz.
    [Theory]
    [InlineData("29.97", new[] { 1602, 1601, 1602, 1601, 1602 })]
    [InlineData("59.94", new[] { 801, 801, 800, 801, 801 })]
    public void FrameStarts_At48k_FollowTheFiveFrameCadence(string rateLabel, int[] cadence)
    {
        var rate = FrameRate.Parse(rateLabel);
        for (var frame = 0; frame < 50; frame++)
        {
            var length = rate.FrameToSample(frame + 1, 48_000) - rate.FrameToSample(frame, 48_000);
            Assert.Equal(cadence[frame % 5], length);
        }
    }

    [Theory]
    [InlineData("23.976", 24, 0, 86_400L, 2_073_600L)]
    [InlineData("24", 24, 0, 86_400L, 2_073_600L)]
    [InlineData("25", 25, 0, 90_000L, 2_160_000L)]
    [InlineData("29.97", 30, 0, 108_000L, 2_592_000L)]
    [InlineData("29.97df", 30, 2, 107_892L, 2_589_408L)]
    [InlineData("30", 30, 0, 108_000L, 2_592_000L)]
    [InlineData("47.952", 48, 0, 172_800L, 4_147_200L)]
    [InlineData("48", 48, 0, 172_800L, 4_147_200L)]
    [InlineData("50", 50, 0, 180_000L, 4_320_000L)]
    [InlineData("59.94", 60, 0, 216_000L, 5_184_000L)]
    [InlineData("59.94df", 60, 4, 215_784L, 5_178_816L)]
    [InlineData("60", 60, 0, 216_000L, 5_184_000L)]
    public void FrameRate_Table41_NominalDropHourAndDay(string label, int nominal, int dropped, long perHour, long perDay)
    {
        var rate = FrameRate.Parse(label);

        Assert.Equal(nominal, rate.NominalFramesPerSecond);
        Assert.Equal(dropped, rate.DroppedFramesPerMinute);
        Assert.Equal(perHour, rate.FramesPerHour);
        Assert.Equal(perDay, rate.FramesPerDay);
        Assert.Equal(label, rate.ToString());
    }
}
