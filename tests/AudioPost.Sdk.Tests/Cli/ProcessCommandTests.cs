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

    [Fact]
    public void Process_OnSeveralThreads_WritesTheSameBytesAsOneThread()
    {
        // 250 s at 8 kHz: two full 120 s chunks and a short third, in a file of 2 million frames.
        using var directory = new TempDirectory();
        var input = directory.File("long.wav");
        var random = new Random(11);
        var samples = new float[250 * 8000];
        for (var i = 0; i < samples.Length; i++)
        {
            var level = (i / 2000 % 7) switch { 0 => 0.9, 3 => 0.3, _ => 0.02 };
            samples[i] = (float)(((random.NextDouble() * 2) - 1) * level);
        }

        using (var writer = AudioFormatRegistry.Default.Create(input, new AudioSpec(8000, ChannelLayout.Mono), SampleFormat.Float32))
        {
            writer.Write(TestSignals.Block(samples, 1));
            writer.Complete();
        }

        const string chain = "highpass f=80; eq f=2000 gain=3 q=1; compressor threshold=-18 ratio=3 attack=10 release=100; limiter ceiling=-1";
        var parallel = CliRunner.Run("process", input, directory.File("parallel.wav"), "--chain", chain, "--threads", "2", "--json");
        var serial = CliRunner.Run("process", input, directory.File("serial.wav"), "--chain", chain, "--threads", "1", "--json");

        Assert.Equal(0, parallel.ExitCode);
        Assert.Equal(0, serial.ExitCode);
        using var parallelJson = JsonDocument.Parse(parallel.Stdout);
        using var serialJson = JsonDocument.Parse(serial.Stdout);
        Assert.Equal(3, parallelJson.RootElement.GetProperty("chunks").GetInt64());
        Assert.Equal(2, parallelJson.RootElement.GetProperty("threads").GetInt32());
        Assert.Equal(1, serialJson.RootElement.GetProperty("threads").GetInt32());
        Assert.Equal(File.ReadAllBytes(directory.File("serial.wav")), File.ReadAllBytes(directory.File("parallel.wav")));
    }

    [Fact]
    public void Process_ThreadsOutOfRange_IsAUsageError()
    {
        var result = CliRunner.Run("process", "in.wav", "out.wav", "--chain", "gain", "--threads", "0");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--threads must be 1 to 64", result.Stderr, StringComparison.Ordinal);
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
