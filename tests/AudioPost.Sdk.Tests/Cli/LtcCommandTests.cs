using System.Text.Json;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Tests.Formats.Wav;
using AudioPost.Sdk.Tests.Timing.Ltc;
using AudioPost.Sdk.Timing;

namespace AudioPost.Sdk.Tests.Cli;

/// <summary><c>audiopost ltc generate</c> and <c>ltc read</c> through the CLI entry point, and libltc's reading of the file.</summary>
public sealed class LtcCommandTests
{
    [Theory]
    [InlineData("01:00:00;00", "29.97df", 48_000)]
    [InlineData("10:00:00:00", "25", 48_000)]
    [InlineData("00:59:59:00", "23.976", 44_100)]
    [InlineData("23:59:59:20", "30", 96_000)]
    public void GenerateThenRead_DetectsTheRateAndListsEveryFrameAtItsSample(string start, string rateLabel, int sampleRate)
    {
        using var directory = new TempDirectory();
        var path = directory.File("ltc.wav");
        var rate = FrameRate.Parse(rateLabel);

        var generated = CliRunner.Run("ltc", "generate", "--start", start, "--rate", rateLabel, "--seconds", "2", "--sample-rate", sampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture), path);
        Assert.Equal(0, generated.ExitCode);
        using (var reader = AudioFormatRegistry.Default.OpenRead(path))
        {
            Assert.Equal(2L * sampleRate, reader.Info.Frames);
            Assert.Equal(1, reader.Info.ChannelCount);
        }

        var read = CliRunner.Run("ltc", "read", path, "--json");

        Assert.Equal(0, read.ExitCode);
        using var json = JsonDocument.Parse(read.Stdout);
        Assert.Equal(rateLabel, json.RootElement.GetProperty("rate").GetString());
        var frames = json.RootElement.GetProperty("frames").EnumerateArray().ToList();
        var whole = (int)Math.Floor(2 * rate.FramesPerSecond);
        Assert.Equal(whole, frames.Count);
        var first = Timecode.Parse(start, rate);
        for (var i = 0; i < frames.Count; i++)
        {
            Assert.Equal(first.AddFrames(i).ToString(), frames[i].GetProperty("timecode").GetString());
            Assert.Equal(rate.FrameToSample(i, sampleRate), frames[i].GetProperty("sample").GetInt64(), 1.0);
        }
    }

    [Fact]
    public void Generate_FileDecodesInLibLtc()
    {
        LibLtc.Require();
        using var directory = new TempDirectory();
        var path = directory.File("ltc.wav");
        Assert.Equal(0, CliRunner.Run("ltc", "generate", "--start", "01:00:00:00", "--rate", "25", "--seconds", "1", path).ExitCode);
        using var reader = AudioFormatRegistry.Default.OpenRead(path);
        using var buffer = new Sdk.Buffers.AudioBuffer(1, 48_000);
        var count = reader.Read(buffer.Block);

        var theirs = LibLtc.Decode(buffer.GetBlock(count)[0].ToArray(), 1920);

        // 25 words in the file; libltc reports each once the next one begins, so at least the first 24.
        Assert.True(theirs.Count >= 24, $"libltc decoded {theirs.Count}");
        for (var i = 0; i < theirs.Count; i++)
        {
            Assert.True(Sdk.Timing.Ltc.LtcFrame.TryFromBits(theirs[i].Bits, true, out var word));
            Assert.Equal(Timecode.Parse("01:00:00:00", FrameRate.Fps25).AddFrames(i), word.ToTimecode(FrameRate.Fps25));
            Assert.InRange(theirs[i].Start - (i * 1920), -3, 3);
        }
    }

    [Theory]
    [InlineData(1, "ltc", "generate", "--start", "00:01:00;00", "--rate", "29.97df", "--seconds", "1", "x.wav")]
    [InlineData(1, "ltc", "generate", "--start", "01:00:00:00", "--rate", "26", "--seconds", "1", "x.wav")]
    [InlineData(1, "ltc", "generate", "--start", "01:00:00:00", "--rate", "25", "--seconds", "0", "x.wav")]
    [InlineData(2, "ltc", "read", "/nonexistent/ltc.wav")]
    public void Ltc_BadRequests_FailWithAnError(int exitCode, params string[] args)
    {
        var result = CliRunner.Run(args);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.NotEqual(string.Empty, result.Stderr);
    }

    [Fact]
    public void Read_ChannelOutsideTheFile_IsBadUsage()
    {
        using var directory = new TempDirectory();
        var path = directory.File("ltc.wav");
        Assert.Equal(0, CliRunner.Run("ltc", "generate", "--start", "01:00:00:00", "--rate", "25", "--seconds", "1", path).ExitCode);

        var result = CliRunner.Run("ltc", "read", path, "--channel", "2");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("1 channel", result.Stderr, StringComparison.Ordinal);
    }
}
