using System.Text.Json;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Metadata;
using AudioPost.Sdk.Tests.Formats.Wav;

namespace AudioPost.Sdk.Tests.Cli;

/// <summary><c>audiopost process</c>, in-process: the chain is applied, OUT is sample-aligned with IN, errors are one line.</summary>
public sealed class ProcessCommandTests
{
    [Fact]
    public void Process_Gain_ScalesEverySampleAndKeepsLengthFormatAndMetadata()
    {
        using var directory = new TempDirectory();
        var input = directory.File("in.wav");
        var output = directory.File("out.wav");
        var samples = MetadataFiles.Write(input, MetadataFiles.Full(), SampleFormat.Float32, frames: 10_000);

        var result = CliRunner.Run("process", input, output, "--chain", "gain db=-6.020599913");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Stderr);
        var (inInfo, _) = MetadataFiles.Read(input);
        var (outInfo, processed) = MetadataFiles.Read(output);
        Assert.Equal(inInfo.Frames, outInfo.Frames);
        Assert.Equal(SampleFormat.Float32, outInfo.SampleFormat);
        Assert.Equal(inInfo.Metadata.Broadcast, outInfo.Metadata.Broadcast);
        for (var i = 0; i < samples.Length; i++)
        {
            Assert.Equal(samples[i] * 0.5f, processed[i], 1e-6f);
        }
    }

    [Fact]
    public void Process_ChainWithLookAhead_IsSampleAlignedWithTheInput()
    {
        // A limiter whose ceiling the signal never reaches passes it unchanged, but 3 ms late: the command must drop
        // that latency from the start and render it past the end, so OUT equals IN sample for sample.
        using var directory = new TempDirectory();
        var input = directory.File("quiet.wav");
        var output = directory.File("out.wav");
        var samples = WriteQuietNoise(input, frames: 12_345);

        var result = CliRunner.Run("process", input, output, "--chain", "limiter ceiling=-1 lookahead=3; compressor threshold=-6 lookahead=5", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        // 3 ms + 11 frames of the true-peak interpolator, and 5 ms of compressor look-ahead, at 48 kHz.
        Assert.Equal(144 + 11 + 240, json.RootElement.GetProperty("latency_frames").GetInt64());
        Assert.Equal(12_345, json.RootElement.GetProperty("frames").GetInt64());
        var (info, processed) = MetadataFiles.Read(output);
        Assert.Equal(12_345, info.Frames);
        for (var i = 0; i < samples.Length; i++)
        {
            Assert.Equal(samples[i], processed[i], 1e-6f);
        }
    }

    [Theory]
    [InlineData("gain db=-6; bogus x=1", "--chain: at character 13: unknown processor 'bogus'")]
    [InlineData("gain volume=3", "--chain: in 'gain' at character 1: unknown parameter 'volume'; it takes db")]
    public void Process_BadChain_ExitsWithUsageErrorOnOneLineAndWritesNothing(string chain, string message)
    {
        using var directory = new TempDirectory();
        var input = directory.File("in.wav");
        var output = directory.File("out.wav");
        MetadataFiles.Write(input, AudioMetadata.Empty);

        var result = CliRunner.Run("process", input, output, "--chain", chain);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("audiopost: error: " + message, result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.TrimEnd().Split('\n'));
        Assert.False(File.Exists(output));
        Assert.Single(Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void Process_List_NamesEveryProcessorWithItsParameters()
    {
        var result = CliRunner.Run("process", "--list");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("limiter ceiling=-1 (dBTP)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("compressor threshold=-20 (dB)", result.Stdout, StringComparison.Ordinal);
    }

    private static float[] WriteQuietNoise(string path, int frames)
    {
        var random = new Random(7);
        var samples = new float[2 * frames];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)((random.NextDouble() * 2) - 1) * 0.05f;
        }

        using var writer = AudioFormatRegistry.Default.Create(path, new AudioSpec(48_000, ChannelLayout.Stereo), SampleFormat.Float32);
        writer.Write(TestSignals.Block(samples, 2));
        writer.Complete();
        return samples;
    }
}
