using System.Text.Json;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.Dsp.Resampling;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Tests.Formats.Wav;

namespace AudioPost.Sdk.Tests.Cli;

/// <summary><c>audiopost convert --sample-rate</c> and <c>--dither shaped</c>, in-process.</summary>
public sealed class ConvertResampleTests
{
    private const int Frames = 30_000;

    [Theory]
    [InlineData(44_100, "high", ResamplerQuality.High)]
    [InlineData(96_000, "veryhigh", ResamplerQuality.VeryHigh)]
    [InlineData(44_100, "quick", ResamplerQuality.Quick)]
    public void Convert_SampleRate_EqualsTheSdkResamplerAndHasTheExpectedLength(int rate, string quality, ResamplerQuality expected)
    {
        using var directory = new TempDirectory();
        var input = directory.File("in.wav");
        var output = directory.File("out.wav");
        var samples = WriteTones(input);

        var result = CliRunner.Run("convert", input, output, "--sample-rate", rate.ToString(System.Globalization.CultureInfo.InvariantCulture), "--quality", quality);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"{rate} Hz", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("resampled from 48000 Hz", result.Stdout, StringComparison.Ordinal);
        var (info, converted) = MetadataFiles.Read(output);
        Assert.Equal(rate, info.SampleRate);
        Assert.Equal(SampleFormat.Float32, info.SampleFormat);
        Assert.Equal((((long)Frames * rate) + 47_999) / 48_000, info.Frames);
        using var reference = Resampler.Resample(new ReadOnlyAudioBlock(samples, 2, Frames), 48_000, rate, expected);
        Assert.Equal(reference.Block.GetChannel(0).ToArray(), converted.AsSpan(0, (int)info.Frames).ToArray());
        Assert.Equal(reference.Block.GetChannel(1).ToArray(), converted.AsSpan((int)info.Frames).ToArray());
    }

    [Fact]
    public void Convert_SampleRate_RescalesTimestampAndMarkers()
    {
        using var directory = new TempDirectory();
        var input = directory.File("in.wav");
        var output = directory.File("out.wav");
        MetadataFiles.Write(input, MetadataFiles.Full(), SampleFormat.Pcm24, frames: 20_000);

        var result = CliRunner.Run("convert", input, output, "--sample-rate", "44100", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(44_100, json.RootElement.GetProperty("sample_rate").GetInt32());
        Assert.Equal(18_375, json.RootElement.GetProperty("frames").GetInt64());
        var (info, _) = MetadataFiles.Read(output);

        // 172 799 827 · 147 / 160 = 158 759 841.03 → 158 759 841; marker 100 → 91.875 → 92; 2000 → 1837.5 → 1838,
        // length 1000 → 918.75 → 919.
        Assert.Equal(158_759_841UL, info.Metadata.Broadcast!.TimeReference);
        Assert.Equal([92L, 1838L], info.Metadata.Markers.Select(m => m.Position));
        Assert.Equal([0L, 919L], info.Metadata.Markers.Select(m => m.Length));
        Assert.Equal("Slate", info.Metadata.Markers[0].Label);
        Assert.Equal(MetadataFiles.FullIXml().TimestampSamplesSinceMidnight, info.Metadata.IXml!.TimestampSamplesSinceMidnight);
        Assert.Equal(MetadataFiles.FullBext().Description, info.Metadata.Broadcast.Description);
    }

    [Fact]
    public void Convert_ShapedDither_EqualsTheF9ShaperPerChannelAndReportsIt()
    {
        using var directory = new TempDirectory();
        var input = directory.File("in.wav");
        var output = directory.File("out.wav");
        var samples = WriteTones(input, level: 0.001);

        var result = CliRunner.Run("convert", input, output, "--format", "pcm16", "--dither", "shaped", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("shaped", json.RootElement.GetProperty("dither").GetString());
        var (_, converted) = MetadataFiles.Read(output);
        for (var channel = 0; channel < 2; channel++)
        {
            var expected = samples.AsSpan(channel * Frames, Frames).ToArray();
            new NoiseShapedDither(16, NoiseShape.FWeighted9, seed: (ulong)channel + 1).Process(expected);
            Assert.Equal(expected, converted.AsSpan(channel * Frames, Frames).ToArray());
        }

        var text = CliRunner.Run("convert", input, directory.File("text.wav"), "--format", "pcm16", "--dither", "shaped");
        Assert.Contains("shaped dither", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_SameRate_IsUnchangedByTheSampleRateOption()
    {
        using var directory = new TempDirectory();
        var input = directory.File("in.wav");
        var output = directory.File("out.wav");
        var samples = WriteTones(input);

        var result = CliRunner.Run("convert", input, output, "--sample-rate", "48000");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("resampled", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(samples, MetadataFiles.Read(output).Samples);
    }

    // Stereo float32 at 48 kHz: 997 Hz on the left, 5 kHz on the right.
    private static float[] WriteTones(string path, double level = 0.5)
    {
        var samples = new float[2 * Frames];
        for (var i = 0; i < Frames; i++)
        {
            samples[i] = (float)(level * Math.Sin(2 * Math.PI * 997 * i / 48_000));
            samples[Frames + i] = (float)(level * Math.Sin(2 * Math.PI * 5000 * i / 48_000));
        }

        using var writer = AudioFormatRegistry.Default.Create(path, new AudioSpec(48_000, ChannelLayout.Stereo), SampleFormat.Float32);
        writer.Write(new ReadOnlyAudioBlock(samples, 2, Frames));
        writer.Complete();
        return samples;
    }
}
