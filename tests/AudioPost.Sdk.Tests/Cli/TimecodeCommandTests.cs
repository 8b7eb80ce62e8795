using System.Globalization;
using System.Text.Json;
using AudioPost.Cli;

namespace AudioPost.Sdk.Tests.Cli;

/// <summary><c>audiopost timecode</c> through the CLI entry point, against REFERENCE.md §4.4.</summary>
public sealed class TimecodeCommandTests
{
    private static CliRun Run(string stdin, params string[] args)
    {
        using var input = new StringReader(stdin);
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var exitCode = CliApp.RunWithInput(args, input, stdout, stderr);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Timecode_Json_PrintsTheIssueExampleExactly()
    {
        var result = CliRunner.Run("timecode", "01:00:00;00", "--rate", "29.97df", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("{\"timecode\": \"01:00:00;00\", \"frames\": 107892, \"samples\": 172799827}" + Environment.NewLine, result.Stdout);
        Assert.Equal(string.Empty, result.Stderr);
    }

    [Theory]
    [InlineData("--frames", "1084319", "29.97df", "48000", "10:03:00;05", 1_084_319L, 1_736_645_310L)]
    [InlineData("--frames", "1084319", "59.94df", "48000", "05:01:30;03", 1_084_319L, 868_322_655L)]
    [InlineData("--samples", "172799827", "29.97df", "48000", "01:00:00;00", 107_892L, 172_799_827L)]
    [InlineData("--samples", "172799826", "29.97df", "48000", "00:59:59;29", 107_891L, 172_798_226L)]
    [InlineData("--samples", "1728000000", "25", "48000", "10:00:00:00", 900_000L, 1_728_000_000L)]
    [InlineData("--frames", "-25", "25", "48000", "23:59:59:00", -25L, -48_000L)]
    [InlineData("--frames", "86400", "23.976", "44100", "01:00:00:00", 86_400L, 158_918_760L)]
    public void Timecode_FramesOrSamples_GiveLabelFramesAndStart(string option, string value, string rate, string sampleRate, string label, long frames, long samples)
    {
        var result = CliRunner.Run("timecode", option, value, "--rate", rate, "--sample-rate", sampleRate, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(label, json.RootElement.GetProperty("timecode").GetString());
        Assert.Equal(frames, json.RootElement.GetProperty("frames").GetInt64());
        Assert.Equal(samples, json.RootElement.GetProperty("samples").GetInt64());
    }

    [Fact]
    public void Timecode_Text_StatesTheRoundingWhenAFrameStartsBetweenSamples()
    {
        var result = CliRunner.Run("timecode", "01:00:00;00", "--rate", "29.97df");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("01:00:00;00 @ 29.97df: frame 107892, sample 172799827 @ 48000 Hz (exact start 172799827.2, rounded half up)" + Environment.NewLine, result.Stdout);
        Assert.DoesNotContain("rounded", CliRunner.Run("timecode", "01:00:00:00", "--rate", "25").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Timecode_Stdin_AnswersOneLinePerRequest()
    {
        var result = Run("00:00:59;29\n\n00:01:00;02 --json\n00:01:00;00\n00:10:00;00 --sample-rate 96000\n", "timecode", "-", "--rate", "29.97df");

        Assert.Equal(2, result.ExitCode);
        var lines = result.Stdout.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("00:00:59;29 @ 29.97df: frame 1799, sample 2881278 @ 48000 Hz", lines[0], StringComparison.Ordinal);
        Assert.Equal("{\"timecode\": \"00:01:00;02\", \"frames\": 1800, \"samples\": 2882880}", lines[1]);
        Assert.StartsWith("error: '00:01:00;00' is not a timecode at 29.97df", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("00:10:00;00 @ 29.97df: frame 17982, sample 57599942 @ 96000 Hz", lines[3], StringComparison.Ordinal);
        Assert.Contains("skipped", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Timecode_StdinFramesJson_AnswersEachLineAsJson()
    {
        var result = Run("0\n107892\n2589408\n", "timecode", "--frames", "-", "--rate", "29.97df", "--json");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            [
                "{\"timecode\": \"00:00:00;00\", \"frames\": 0, \"samples\": 0}",
                "{\"timecode\": \"01:00:00;00\", \"frames\": 107892, \"samples\": 172799827}",
                "{\"timecode\": \"00:00:00;00\", \"frames\": 2589408, \"samples\": 4147195853}",
            ],
            lines);
    }

    [Fact]
    public void Timecode_StdinLinesWithTheirOwnRate_Work()
    {
        var result = Run("01:00:00:00 --rate 25 --json\n01:00:00;00 --rate 59.94df --json\n", "timecode", "-");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("{\"timecode\": \"01:00:00:00\", \"frames\": 90000, \"samples\": 172800000}", lines[0]);
        Assert.Equal("{\"timecode\": \"01:00:00;00\", \"frames\": 215784, \"samples\": 172799827}", lines[1]);
    }

    [Theory]
    [InlineData(2, "timecode", "00:01:00;00", "--rate", "29.97df")]
    [InlineData(2, "timecode", "00:00:00:25", "--rate", "25")]
    [InlineData(2, "timecode", "--frames", "abc", "--rate", "25")]
    [InlineData(1, "timecode", "01:00:00:00")]
    [InlineData(1, "timecode", "01:00:00:00", "--rate", "29.970")]
    [InlineData(1, "timecode", "01:00:00:00", "--frames", "5", "--rate", "25")]
    [InlineData(1, "timecode", "--rate", "25")]
    [InlineData(1, "timecode", "01:00:00:00", "--rate", "25", "--sample-rate", "0")]
    public void Timecode_BadRequests_FailWithOneErrorLine(int exitCode, params string[] args)
    {
        var result = CliRunner.Run(args);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Single(result.Stderr.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("audiopost: error: ", result.Stderr, StringComparison.Ordinal);
    }
}
