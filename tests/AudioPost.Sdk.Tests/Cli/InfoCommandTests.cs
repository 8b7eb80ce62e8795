using System.Text.Json;
using AudioPost.Cli;
using AudioPost.Sdk.Tests.Formats.Interop;
using AudioPost.Sdk.Tests.Formats.Wav;

namespace AudioPost.Sdk.Tests.Cli;

/// <summary><c>audiopost info</c>, run in-process through <see cref="CliApp.Run"/> with captured output.</summary>
public sealed class InfoCommandTests
{
    private static readonly string[] JsonKeys =
        [
            "format", "sample_format", "sample_rate", "channels", "channel_layout", "channel_mask", "frames", "duration_seconds",
            "bext", "timecode", "ixml", "markers",
        ];

    public static TheoryData<string[], string, int, string> SoxFiles() => new()
    {
        { ["-c", "2", "-b", "24"], "pcm24", 2, "stereo" },
        { ["-c", "2", "-b", "16"], "pcm16", 2, "stereo" },
        { ["-c", "2", "-b", "8"], "pcm8", 2, "stereo" },
        { ["-c", "1", "-b", "32"], "pcm32", 1, "mono" },
        { ["-c", "2", "-e", "floating-point", "-b", "32"], "float32", 2, "stereo" },
        { ["-c", "2", "-e", "floating-point", "-b", "64"], "float64", 2, "stereo" },
        { ["-c", "6", "-b", "24"], "pcm24", 6, "5.1-back" },
    };

    [Theory]
    [MemberData(nameof(SoxFiles))]
    public void Info_JsonOnSoxFile_PrintsExactlyTheDocumentedKeysAndValues(string[] soxOptions, string sampleFormat, int channels, string layout)
    {
        SoxPeer.Require();
        using var directory = new TempDirectory();
        var path = directory.File("sox.wav");
        SoxPeer.Synthesize(path, soxOptions);

        var result = Run("info", path, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(JsonKeys, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("wav", root.GetProperty("format").GetString());
        Assert.Equal(sampleFormat, root.GetProperty("sample_format").GetString());
        Assert.Equal(44100, root.GetProperty("sample_rate").GetInt32());
        Assert.Equal(channels, root.GetProperty("channels").GetInt32());
        Assert.Equal(layout, root.GetProperty("channel_layout").GetString());
        Assert.Equal(22050, root.GetProperty("frames").GetInt64());
        Assert.Equal(0.5, root.GetProperty("duration_seconds").GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("bext").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("timecode").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("ixml").ValueKind);
        Assert.Equal(0, root.GetProperty("markers").GetArrayLength());
    }

    [Fact]
    public void Info_Text_PrintsAlignedLines()
    {
        using var directory = new TempDirectory();
        var path = directory.File("take.wav");
        File.WriteAllBytes(path, WavBytes.Wav(WavBytes.Fmt(channels: 2, rate: 48000, bits: 16), WavBytes.Data(4 * 72000)));

        var result = Run("info", path);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
            [
                $"File:          {path}",
                "Format:        wav",
                "Sample format: pcm16",
                "Sample rate:   48000 Hz",
                "Channels:      2 (stereo)",
                "Channel mask:  0x3",
                "Frames:        72000",
                "Duration:      00:00:01.500 (1.500 s)",
            ],
            lines);
    }

    [Fact]
    public void Info_MissingFile_ExitsTwoWithOneLine()
    {
        using var directory = new TempDirectory();
        var path = directory.File("missing.wav");

        var result = Run("info", path, "--json");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Equal($"audiopost: error: {path}: no such file", SingleLine(result.Stderr));
    }

    [Fact]
    public void Info_MalformedFile_ExitsTwoWithOffsetAndReason()
    {
        using var directory = new TempDirectory();
        var path = directory.File("in.wav");
        File.WriteAllBytes(path, WavBytes.Wav(WavBytes.Fmt(), WavBytes.Data(1000, statedSize: 4_000_000)));

        var result = Run("info", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Equal(
            $"audiopost: error: {path}: offset 36: chunk 'data' claims 4000000 bytes but only 1000 remain: the file is truncated; recovery mode reads what is there",
            SingleLine(result.Stderr));
    }

    [Fact]
    public void Info_NotAnAudioFile_ExitsTwo()
    {
        using var directory = new TempDirectory();
        var path = directory.File("notes.txt");
        File.WriteAllText(path, "not audio");

        var result = Run("info", path);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"audiopost: error: {path}: offset 0: not a recognised audio format", SingleLine(result.Stderr), StringComparison.Ordinal);
    }

    [Fact]
    public void Info_Directory_ExitsTwo()
    {
        using var directory = new TempDirectory();

        var result = Run("info", directory.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"audiopost: error: {directory.Path}: ", SingleLine(result.Stderr), StringComparison.Ordinal);
    }

    public static TheoryData<string[]> BadUsage() => new(
        [],
        ["info"],
        ["info", "a.wav", "--bogus"],
        ["info", "a.wav", "b.wav"],
        ["nonsense"]);

    [Theory]
    [MemberData(nameof(BadUsage))]
    public void Run_BadUsage_ExitsOne(string[] args)
    {
        var result = Run(args);

        Assert.Equal(1, result.ExitCode);
        Assert.NotEqual(string.Empty, result.Stderr);
    }

    /// <summary>Asserts the text is exactly one line (plus its newline) and returns it, so a stack trace cannot hide in it.</summary>
    internal static string SingleLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line, got {lines.Length}: {text}");
        return lines[0].TrimEnd('\r');
    }

    private static CliResult Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = CliApp.Run(args, stdout, stderr);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    private sealed record CliResult(int ExitCode, string Stdout, string Stderr);
}
