using AudioPost.Cli.Timecode;

namespace AudioPost.Sdk.Tests.Cli;

/// <summary>The CLI's TimeReference → timecode conversion against REFERENCE.md §4.4 and §5.1.</summary>
public sealed class TimecodeLabelTests
{
    // REFERENCE.md §4.4: frame count → label (rows 1-27), plus the NDF reading of the OTIO vector.
    [Theory]
    [InlineData(0L, "24", "00:00:00:00")]
    [InlineData(86_400L, "24", "01:00:00:00")]
    [InlineData(2_073_599L, "24", "23:59:59:23")]
    [InlineData(2_073_600L, "24", "00:00:00:00")]
    [InlineData(24L, "23.976", "00:00:01:00")]
    [InlineData(900_000L, "25", "10:00:00:00")]
    [InlineData(2_159_999L, "25", "23:59:59:24")]
    [InlineData(108_000L, "29.97", "01:00:00:00")]
    [InlineData(1_799L, "29.97df", "00:00:59;29")]
    [InlineData(1_800L, "29.97df", "00:01:00;02")]
    [InlineData(17_981L, "29.97df", "00:09:59;29")]
    [InlineData(17_982L, "29.97df", "00:10:00;00")]
    [InlineData(19_781L, "29.97df", "00:10:59;29")]
    [InlineData(19_782L, "29.97df", "00:11:00;02")]
    [InlineData(107_892L, "29.97df", "01:00:00;00")]
    [InlineData(1_084_319L, "29.97df", "10:03:00;05")]
    [InlineData(1_084_319L, "29.97", "10:02:23:29")]
    [InlineData(2_589_407L, "29.97df", "23:59:59;29")]
    [InlineData(2_589_408L, "29.97df", "00:00:00;00")]
    [InlineData(172_800L, "47.952", "01:00:00:00")]
    [InlineData(180_000L, "50", "01:00:00:00")]
    [InlineData(3_599L, "59.94df", "00:00:59;59")]
    [InlineData(3_600L, "59.94df", "00:01:00;04")]
    [InlineData(35_963L, "59.94df", "00:09:59;59")]
    [InlineData(35_964L, "59.94df", "00:10:00;00")]
    [InlineData(7_196L, "59.94df", "00:02:00;04")]
    [InlineData(215_784L, "59.94df", "01:00:00;00")]
    [InlineData(1_084_319L, "59.94df", "05:01:30;03")]
    [InlineData(5_178_815L, "59.94df", "23:59:59;59")]
    [InlineData(5_178_816L, "59.94df", "00:00:00;00")]
    [InlineData(216_000L, "60", "01:00:00:00")]
    public void FromFrames_ReferenceVectors_GiveTheReferenceLabel(long frames, string rate, string expected)
    {
        Assert.Equal(expected, TimecodeLabel.FromFrames(frames, TimecodeRate.FromLabel(rate)!));
    }

    // REFERENCE.md §5.1 TimeReference examples and §4.4 sample columns (rounded half up, as writers store them).
    [Theory]
    [InlineData(172_799_827UL, 48_000, "29.97df", "01:00:00;00")]
    [InlineData(172_799_826UL, 48_000, "29.97df", "00:59:59;29")]
    [InlineData(1_728_000_000UL, 48_000, "25", "10:00:00:00")]
    [InlineData(1_727_999_999UL, 48_000, "25", "09:59:59:24")]
    [InlineData(172_800_000UL, 48_000, "25", "01:00:00:00")]
    [InlineData(172_972_800UL, 48_000, "23.976", "01:00:00:00")]
    [InlineData(48_048UL, 48_000, "23.976", "00:00:01:00")]
    [InlineData(2_882_880UL, 48_000, "29.97df", "00:01:00;02")]
    [InlineData(2_881_278UL, 48_000, "29.97df", "00:00:59;29")]
    [InlineData(28_799_971UL, 48_000, "29.97df", "00:10:00;00")]
    [InlineData(1_736_645_310UL, 48_000, "29.97df", "10:03:00;05")]
    [InlineData(868_322_655UL, 48_000, "59.94df", "05:01:30;03")]
    [InlineData(172_799_827UL, 48_000, "59.94df", "01:00:00;00")]
    [InlineData(4_147_198_080UL, 48_000, "25", "23:59:59:24")]
    [InlineData(8_294_304_000UL, 96_000, "25", "23:59:59:00")]
    [InlineData(15_897_600_000UL, 192_000, "24", "23:00:00:00")]
    [InlineData(4_147_200_000UL, 48_000, "25", "00:00:00:00")]
    public void FromSamples_ReferenceVectors_GiveTheReferenceLabel(ulong samples, int sampleRate, string rate, string expected)
    {
        Assert.Equal(expected, TimecodeLabel.FromSamples(samples, sampleRate, TimecodeRate.FromLabel(rate)!));
    }

    [Fact]
    public void FromSamples_LargestTimeReference_DoesNotOverflow()
    {
        var label = TimecodeLabel.FromSamples(ulong.MaxValue, 8_000, TimecodeRate.FromLabel("60")!);

        Assert.Matches(@"^\d\d:\d\d:\d\d:\d\d$", label);
    }

    [Theory]
    [InlineData("30000/1001", "DF", "29.97df")]
    [InlineData("30000/1001", "NDF", "29.97")]
    [InlineData("30000/1001", null, "29.97")]
    [InlineData("25/1", "NDF", "25")]
    [InlineData("24000/1001", "NDF", "23.976")]
    [InlineData("60000/1001", "df", "59.94df")]
    [InlineData("2997/100", "DF", "29.97df")]
    [InlineData("24", null, "24")]
    [InlineData(" 48/1 ", " NDF ", "48")]
    public void FromIXml_KnownRates_AreRecognised(string rate, string? flag, string expected)
    {
        Assert.Equal(expected, TimecodeRate.FromIXml(rate, flag)?.Label);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "NDF")]
    [InlineData("25/1", "DF")]
    [InlineData("17/1", "NDF")]
    [InlineData("30000/0", "NDF")]
    [InlineData("abc", "NDF")]
    [InlineData("1/2/3", "NDF")]
    public void FromIXml_UnknownOrInconsistentRates_AreNull(string? rate, string? flag)
    {
        Assert.Null(TimecodeRate.FromIXml(rate, flag));
    }
}
