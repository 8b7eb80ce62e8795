using AudioPost.Cli.Commands;
using AudioPost.Sdk.Timing;

namespace AudioPost.Sdk.Tests.Cli;

/// <summary>The CLI's iXML rate reading and the BWF TimeReference → label conversion <c>info</c> uses.</summary>
public sealed class TimecodeRatesTests
{
    // REFERENCE.md §5.1 TimeReference examples and §4.4 sample columns (rounded half up, as writers store them).
    [Theory]
    [InlineData(172_799_827UL, 48_000, "29.97df", "01:00:00;00")]
    [InlineData(172_799_826UL, 48_000, "29.97df", "00:59:59;29")]
    [InlineData(1_728_000_000UL, 48_000, "25", "10:00:00:00")]
    [InlineData(1_727_999_999UL, 48_000, "25", "09:59:59:24")]
    [InlineData(172_972_800UL, 48_000, "23.976", "01:00:00:00")]
    [InlineData(2_881_278UL, 48_000, "29.97df", "00:00:59;29")]
    [InlineData(28_799_971UL, 48_000, "29.97df", "00:10:00;00")]
    [InlineData(1_736_645_310UL, 48_000, "29.97df", "10:03:00;05")]
    [InlineData(868_322_655UL, 48_000, "59.94df", "05:01:30;03")]
    [InlineData(4_147_198_080UL, 48_000, "25", "23:59:59:24")]
    [InlineData(8_294_304_000UL, 96_000, "25", "23:59:59:00")]
    [InlineData(15_897_600_000UL, 192_000, "24", "23:00:00:00")]
    [InlineData(4_147_200_000UL, 48_000, "25", "00:00:00:00")]
    public void LabelAt_ReferenceTimeReferences_GiveTheReferenceLabel(ulong samples, int sampleRate, string rate, string expected)
    {
        Assert.Equal(expected, StartTimecode.LabelAt(samples, sampleRate, FrameRate.Parse(rate)).ToString());
    }

    [Fact]
    public void LabelAt_LargestTimeReference_AgreesWithExactArithmetic()
    {
        var rate = FrameRate.Fps2997Drop;

        var label = StartTimecode.LabelAt(ulong.MaxValue, 44_100, rate);

        // Frame containing s: ceil((2s + 1)·num / (2·fs·den)) − 1, wrapped at the day, computed in BigInteger.
        var s = new System.Numerics.BigInteger(ulong.MaxValue);
        var numerator = ((2 * s) + 1) * rate.Numerator;
        var denominator = new System.Numerics.BigInteger(2) * 44_100 * rate.Denominator;
        var frame = ((numerator + denominator - 1) / denominator) - 1;
        Assert.Equal((long)(frame % rate.FramesPerDay), label.FrameCount);
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
        Assert.Equal(expected, TimecodeRates.FromIXml(rate, flag)?.ToString());
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
        Assert.Null(TimecodeRates.FromIXml(rate, flag));
    }
}
