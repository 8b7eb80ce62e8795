using System.Globalization;
using System.Text.Json;
using AudioPost.Cli;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Tests.Formats.Interop;
using AudioPost.Sdk.Tests.Formats.Wav;

namespace AudioPost.Sdk.Tests.Cli;

/// <summary><c>audiopost generate</c>, in-process, checked against sox's reading of what it wrote.</summary>
public sealed class GenerateCommandTests
{
    private static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Generate_ToneJson_WritesTheFileAndDescribesTheRender()
    {
        using var directory = new TempDirectory();
        var path = directory.File("tone.wav");

        var result = Run("generate", path, "--seconds", "1.5", "--rate", "44100", "--channels", "1", "--frequency", "997", "--level", "-6", "--format", "pcm16", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(66_150, json.RootElement.GetProperty("frames").GetInt64());
        Assert.Equal(1.5, json.RootElement.GetProperty("seconds").GetDouble());
        using var reader = AudioFormatRegistry.Default.OpenRead(path);
        Assert.Equal(66_150, reader.Info.Frames);
        Assert.Equal(44_100, reader.Info.SampleRate);
        Assert.Equal(1, reader.Info.ChannelCount);
    }

    [Fact]
    public void Generate_Tone_MeasuresAtTheRequestedLevelInSox()
    {
        SoxPeer.Require();
        using var directory = new TempDirectory();
        var path = directory.File("tone.wav");

        Assert.Equal(0, Run("generate", path, "--seconds", "2", "--frequency", "1000", "--level", "-6").ExitCode);
        var samples = SoxPeer.DecodeToFloat(path);

        // sox's own decode of our file: a -6 dBFS sine peaks at 0.501 and has an RMS of 0.354.
        var peak = samples.Max(MathF.Abs);
        var rms = Math.Sqrt(samples.Average(s => (double)s * s));
        Assert.Equal(0.5012, peak, 3);
        Assert.Equal(0.5012 / Math.Sqrt(2), rms, 3);
    }

    [Theory]
    [InlineData("--seconds", "0")]
    [InlineData("--seconds", "-3")]
    [InlineData("--rate", "1000")]
    [InlineData("--channels", "0")]
    [InlineData("--level", "6")]
    [InlineData("--signal", "sawtooth")]
    [InlineData("--format", "mp3")]
    public void Generate_BadOption_ExitsWithBadUsage(string option, string value)
    {
        using var directory = new TempDirectory();

        var result = Run("generate", directory.File("x.wav"), option, value);

        Assert.Equal(1, result.ExitCode);
        Assert.NotEqual(string.Empty, result.Stderr);
    }

    [Fact]
    public void Generate_IntoAMissingDirectory_ExitsWithBadInputAndOneLine()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.File("no-such-dir"), "out.wav");

        var result = Run("generate", path, "--seconds", "0.1");

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("audiopost: error: ", result.Stderr, StringComparison.Ordinal);
    }
}
