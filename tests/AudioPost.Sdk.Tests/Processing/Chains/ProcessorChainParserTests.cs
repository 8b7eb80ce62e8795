using AudioPost.Sdk.Processing.Chains;

namespace AudioPost.Sdk.Tests.Processing.Chains;

/// <summary>The chain text grammar: names, key=value parameters, ';' separators, and errors that say where.</summary>
public sealed class ProcessorChainParserTests
{
    [Fact]
    public void Parse_TheIssuesExample_GivesFourProcessorsWithTheirParametersInOrder()
    {
        const string Text = "highpass f=80; eq f=3000 gain=3 q=1; compressor threshold=-18 ratio=3 attack=10 release=100; limiter ceiling=-1";

        var specs = ProcessorChainParser.Parse(Text);

        Assert.Equal(["highpass", "eq", "compressor", "limiter"], specs.Select(s => s.Name));
        Assert.Equal([new("f", "3000"), new("gain", "3"), new KeyValuePair<string, string>("q", "1")], specs[1].Parameters);
        Assert.Equal(Text.IndexOf("eq", StringComparison.Ordinal), specs[1].Position);
        Assert.Equal("compressor threshold=-18 ratio=3 attack=10 release=100", specs[2].ToString());
    }

    [Fact]
    public void Parse_IsCaseInsensitiveForNamesAndKeys_AndIgnoresEmptyEntries()
    {
        var specs = ProcessorChainParser.Parse("  GAIN  DB=-6 ;;\tLimiter Ceiling=-1; ");

        Assert.Equal(["gain", "limiter"], specs.Select(s => s.Name));
        Assert.Equal("db", specs[0].Parameters[0].Key);
        Assert.Equal("-6", specs[0].Parameters[0].Value);
        Assert.Equal("ceiling", specs[1].Parameters[0].Key);
    }

    [Theory]
    [InlineData("", 0, "names no processor")]
    [InlineData(" ; ", 0, "names no processor")]
    [InlineData("f=80 highpass", 0, "a processor name must come first")]
    [InlineData("highpass f = 80", 9, "not key=value")]
    [InlineData("highpass f=", 9, "not key=value")]
    [InlineData("gain db=1 db=2", 10, "given twice")]
    public void Parse_Malformed_ThrowsWithTheCharacterOffsetAndTheReason(string text, int position, string reason)
    {
        var exception = Assert.Throws<ProcessorSpecException>(() => ProcessorChainParser.Parse(text));

        Assert.Equal(position, exception.Position);
        Assert.Contains(reason, exception.Message, StringComparison.Ordinal);
        Assert.Contains($"character {position + 1}", exception.Message, StringComparison.Ordinal);
    }
}
