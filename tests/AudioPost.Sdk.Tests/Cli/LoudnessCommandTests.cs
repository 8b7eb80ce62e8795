using System.Text.Json;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Tests.Dsp.Loudness;
using AudioPost.Sdk.Tests.Mastering;

namespace AudioPost.Sdk.Tests.Cli;

public sealed class LoudnessCommandTests : IDisposable
{
    private static readonly string[] Keys =
        ["integrated_lufs", "loudness_range_lu", "true_peak_dbtp", "sample_peak_dbfs", "max_momentary_lufs", "max_short_term_lufs"];

    private readonly string _directory = Directory.CreateTempSubdirectory("apsdk-cli-loudness-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Loudness_Json_HasEveryKeyMatchingTheMeter()
    {
        var signal = TestSignal.Tones(48_000, 2, (10, -23));
        var path = NormalizationMaterial.Write(signal, Path.Combine(_directory, "tone.wav"));

        var result = CliRunner.Run("loudness", path, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(path, root.GetProperty("file").GetString());
        foreach (var key in Keys)
        {
            Assert.True(root.TryGetProperty(key, out _), key);
        }

        var meter = signal.Measure();
        Assert.Equal(Math.Round(meter.Integrated, 2), root.GetProperty("integrated_lufs").GetDouble());
        Assert.Equal(Math.Round(meter.TruePeak, 2), root.GetProperty("true_peak_dbtp").GetDouble());
    }

    [Fact]
    public void Loudness_SilentFile_UndefinedReadingsAreNull()
    {
        var path = NormalizationMaterial.Write(new TestSignal(48_000, 1, 48_000), Path.Combine(_directory, "silence.wav"));

        var result = CliRunner.Run("loudness", path, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.All(Keys, key => Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty(key).ValueKind));
    }

    [Fact]
    public void Loudness_SeveralFiles_OneEntryEachAndAPooledAlbumEntry()
    {
        var loud = NormalizationMaterial.Write(TestSignal.Tones(48_000, 2, (10, -20)), Path.Combine(_directory, "loud.wav"));
        var quiet = NormalizationMaterial.Write(TestSignal.Tones(48_000, 2, (20, -26)), Path.Combine(_directory, "quiet.wav"));

        var result = CliRunner.Run("loudness", loud, quiet, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var files = json.RootElement.GetProperty("files");
        Assert.Equal(2, files.GetArrayLength());
        Assert.Equal(loud, files[0].GetProperty("file").GetString());
        Assert.Equal(quiet, files[1].GetProperty("file").GetString());
        var album = json.RootElement.GetProperty("album");
        foreach (var key in Keys)
        {
            Assert.True(album.TryGetProperty(key, out _), key);
        }

        // Pooled energy: 10 s at −20 and 20 s at −26 LUFS (both above the relative gate) → 10·log10((10·10^−2 + 20·10^−2.6) / 30).
        var expected = 10 * Math.Log10(((10 * Math.Pow(10, -2.0)) + (20 * Math.Pow(10, -2.6))) / 30);
        Assert.Equal(expected, album.GetProperty("integrated_lufs").GetDouble(), 0.05);
        Assert.Equal(-20, album.GetProperty("true_peak_dbtp").GetDouble(), 0.05);
    }

    [Fact]
    public void Loudness_Plot_WritesANonEmptyPng()
    {
        var path = NormalizationMaterial.Write(TestMaterial.PinkNoiseSwell(48_000, 2, seed: 1), Path.Combine(_directory, "noise.wav"));
        var png = Path.Combine(_directory, "plot.png");

        var result = CliRunner.Run("loudness", path, "--plot", png);

        Assert.Equal(0, result.ExitCode);
        var bytes = File.ReadAllBytes(png);
        Assert.True(bytes.Length > 1000);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.Contains("LUFS", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Loudness_MissingFile_ExitsWithBadInput()
    {
        var result = CliRunner.Run("loudness", Path.Combine(_directory, "nope.wav"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no such file", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_Preset_ReportsBeforeAfterGainAndWritesTheTarget()
    {
        var input = NormalizationMaterial.Write(NormalizationMaterial.MusicWithTransients(seed: 4), Path.Combine(_directory, "in.wav"), SampleFormat.Pcm24);
        var output = Path.Combine(_directory, "out.wav");

        var result = CliRunner.Run("normalize", input, output, "--preset", "streaming", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal("streaming", root.GetProperty("target").GetProperty("name").GetString());
        Assert.Equal(-14, root.GetProperty("target").GetProperty("integrated_lufs").GetDouble());
        foreach (var key in Keys)
        {
            Assert.True(root.GetProperty("before").TryGetProperty(key, out _), key);
            Assert.True(root.GetProperty("after").TryGetProperty(key, out _), key);
        }

        Assert.True(root.GetProperty("limited").GetBoolean());
        Assert.True(root.GetProperty("limiter_max_gain_reduction_db").GetDouble() > 0);
        Assert.True(root.GetProperty("gain_db").GetDouble() > 0);
        Assert.InRange(root.GetProperty("after").GetProperty("integrated_lufs").GetDouble(), -14.1, -13.9);

        var (written, _) = TestSignal.Read(output);
        var meter = written.Measure();
        Assert.InRange(meter.Integrated, -14.1, -13.9);
        Assert.True(meter.TruePeak <= -1);
        using var reader = AudioFormatRegistry.Default.OpenRead(output);
        Assert.Equal(SampleFormat.Pcm24, reader.Info.SampleFormat);
        Assert.Equal(reader.Info.Metadata.Broadcast!.LoudnessValue, root.GetProperty("after").GetProperty("integrated_lufs").GetDouble());
    }

    [Fact]
    public void Normalize_TargetAndTruePeak_ReachesThem()
    {
        var input = NormalizationMaterial.Write(NormalizationMaterial.QuietSpeechLike(seed: 5), Path.Combine(_directory, "speech.wav"));
        var output = Path.Combine(_directory, "speech-18.wav");

        var result = CliRunner.Run("normalize", input, output, "--target", "-18", "--true-peak", "-2");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("After:", result.Stdout, StringComparison.Ordinal);
        var meter = TestSignal.Read(output).Signal.Measure();
        Assert.InRange(meter.Integrated, -18.1, -17.9);
        Assert.True(meter.TruePeak <= -2);
    }

    [Theory]
    [InlineData("--preset", "no-such-preset")]
    [InlineData("--target", "abc")]
    public void Normalize_BadPresetOrTarget_ExitsWithBadUsage(string option, string value)
    {
        var input = NormalizationMaterial.Write(TestSignal.Tones(48_000, 2, (2, -20)), Path.Combine(_directory, "in.wav"));

        var result = CliRunner.Run("normalize", input, Path.Combine(_directory, "out.wav"), option, value);

        Assert.Equal(1, result.ExitCode);
        Assert.False(File.Exists(Path.Combine(_directory, "out.wav")));
    }

    [Fact]
    public void Normalize_PresetAndTarget_ExitsWithBadUsage()
    {
        var input = NormalizationMaterial.Write(TestSignal.Tones(48_000, 2, (2, -20)), Path.Combine(_directory, "in.wav"));

        var result = CliRunner.Run("normalize", input, Path.Combine(_directory, "out.wav"), "--preset", "podcast", "--target", "-16");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("exactly one", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_Silence_ExitsWithBadInputAndWritesNothing()
    {
        var input = NormalizationMaterial.Write(new TestSignal(48_000, 2, 48_000), Path.Combine(_directory, "silence.wav"));
        var output = Path.Combine(_directory, "out.wav");

        var result = CliRunner.Run("normalize", input, output, "--preset", "ebu-r128");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no measurable loudness", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_directory, "*out.wav*"));
    }
}
