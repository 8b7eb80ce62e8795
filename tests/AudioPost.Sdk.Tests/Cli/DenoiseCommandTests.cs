using System.Text.Json;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Metadata;
using AudioPost.Sdk.Tests.Formats.Wav;
using AudioPost.Sdk.Tests.Processing.Restoration;

namespace AudioPost.Sdk.Tests.Cli;

/// <summary><c>audiopost denoise</c>, in-process: OUT is aligned with IN and keeps its format and metadata, the
/// reduction and the profile region take effect, bad arguments are one-line usage errors.</summary>
public sealed class DenoiseCommandTests
{
    [Fact]
    public void Denoise_ZeroReduction_WritesTheInputAlignedWithItsLengthFormatAndMetadata()
    {
        using var directory = new TempDirectory();
        var input = directory.File("in.wav");
        var output = directory.File("out.wav");
        var samples = MetadataFiles.Write(input, MetadataFiles.Full(), SampleFormat.Float32, frames: 20_000);

        var result = CliRunner.Run("denoise", input, output, "--reduction", "0");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Stderr);
        Assert.Contains("latency 1920 frames compensated", result.Stdout, StringComparison.Ordinal);
        var (inInfo, _) = MetadataFiles.Read(input);
        var (outInfo, processed) = MetadataFiles.Read(output);
        Assert.Equal(inInfo.Frames, outInfo.Frames);
        Assert.Equal(SampleFormat.Float32, outInfo.SampleFormat);
        Assert.Equal(inInfo.Metadata.Broadcast, outInfo.Metadata.Broadcast);
        Assert.Equal(inInfo.Metadata.Markers.Count, outInfo.Metadata.Markers.Count);
        for (var i = 0; i < samples.Length; i++)
        {
            Assert.Equal(samples[i], processed[i], 1e-5f);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0-1")]
    public void Denoise_NoiseOnlyFile_IsLoweredByTheReduction(string? profile)
    {
        using var directory = new TempDirectory();
        var input = directory.File("noise.wav");
        var output = directory.File("out.wav");
        var noise = NoiseMaterial.White(4 * 48_000, 0.05, seed: 21);
        using (var writer = AudioFormatRegistry.Default.Create(input, new AudioSpec(48_000, ChannelLayout.Mono), SampleFormat.Float32))
        {
            writer.Write(new ReadOnlyAudioBlock(noise, 1, noise.Length));
            writer.Complete();
        }

        string[] args = profile is null
            ? ["denoise", input, output, "--reduction", "15", "--json"]
            : ["denoise", input, output, "--reduction", "15", "--profile", profile, "--json"];
        var result = CliRunner.Run(args);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(noise.Length, root.GetProperty("frames").GetInt64());
        Assert.Equal(15, root.GetProperty("reduction_db").GetDouble());
        Assert.Equal(1920, root.GetProperty("latency_frames").GetInt64());
        Assert.Equal(profile is null ? "continuous" : "profile", root.GetProperty("noise_estimate").GetString());
        if (profile is not null)
        {
            Assert.Equal(-26.0, root.GetProperty("profile").GetProperty("level_dbfs").GetDouble(), 0.2);
        }

        var (_, processed) = MetadataFiles.Read(output);
        Assert.Equal(noise.Length, processed.Length);
        var from = 2 * 48_000;
        var change = NoiseMaterial.LevelDb(processed.AsSpan(from)) - NoiseMaterial.LevelDb(noise.AsSpan(from));
        Assert.InRange(change, -16.0, -14.0);
    }

    [Theory]
    [InlineData("--reduction", "61", "--reduction 61: must be 0 to 60 dB")]
    [InlineData("--reduction", "-1", "--reduction -1: must be 0 to 60 dB")]
    [InlineData("--profile", "one-two", "--profile one-two: expected START-END in seconds")]
    [InlineData("--profile", "2-1", "--profile 2-1: expected START-END in seconds")]
    [InlineData("--profile", "0.1", "--profile 0.1: expected START-END in seconds")]
    [InlineData("--profile", "0-5", "--profile 0-5: ")]
    [InlineData("--profile", "0-0.01", "--profile 0-0.01: the region must be at least 0.04 s")]
    public void Denoise_BadArgument_ExitsWithUsageErrorOnOneLineAndWritesNothing(string option, string value, string message)
    {
        using var directory = new TempDirectory();
        var input = directory.File("in.wav");
        var output = directory.File("out.wav");
        MetadataFiles.Write(input, AudioMetadata.Empty, frames: 48_000);

        var result = CliRunner.Run("denoise", input, output, option, value);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("audiopost: error: " + message, result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.TrimEnd().Split('\n'));
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("auto", "50")]
    [InlineData("50", "50")]
    [InlineData("off", null)]
    public void Denoise_HumOverQuietNoise_DehumRemovesTheHumUnlessOff(string dehum, string? removed)
    {
        using var directory = new TempDirectory();
        var input = directory.File("hum.wav");
        var output = directory.File("out.wav");
        var frames = 6 * 48_000;
        var noisy = RestorationSignals.Add(
            NoiseMaterial.Hum(frames, 48_000, 50.02, harmonics: 8, rms: 0.05, seed: 22),
            NoiseMaterial.White(frames, 0.0016, seed: 23));
        using (var writer = AudioFormatRegistry.Default.Create(input, new AudioSpec(48_000, ChannelLayout.Mono), SampleFormat.Float32))
        {
            writer.Write(new ReadOnlyAudioBlock(noisy, 1, noisy.Length));
            writer.Complete();
        }

        var result = CliRunner.Run("denoise", input, output, "--dehum", dehum, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(dehum, json.RootElement.GetProperty("dehum").GetString());
        Assert.Equal(removed, json.RootElement.GetProperty("hum_removed").GetString());
        var (_, processed) = MetadataFiles.Read(output);
        var from = 3 * 48_000;
        var change = NoiseMaterial.LevelDb(processed.AsSpan(from)) - NoiseMaterial.LevelDb(noisy.AsSpan(from));
        // Hum 30 dB above the broadband floor: removed, the level falls by well over the 12 dB reduction amount;
        // with --dehum off the spectral stage alone lowers it by the reduction amount.
        if (removed is null)
        {
            Assert.InRange(change, -13.5, -10.5);
        }
        else
        {
            Assert.True(change < -30, $"level change {change:F2} dB");
        }
    }

    [Fact]
    public void Denoise_BadDehum_ExitsOne()
    {
        var result = CliRunner.Run("denoise", "in.wav", "out.wav", "--dehum", "55");

        Assert.Equal(1, result.ExitCode);
        Assert.NotEqual(string.Empty, result.Stderr);
    }

    [Fact]
    public void Denoise_MissingInput_IsABadInputError()
    {
        using var directory = new TempDirectory();

        var result = CliRunner.Run("denoise", directory.File("missing.wav"), directory.File("out.wav"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("missing.wav: no such file", result.Stderr, StringComparison.Ordinal);
    }
}
