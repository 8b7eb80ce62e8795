using System.Text.Json;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Metadata;
using AudioPost.Sdk.Tests.Formats.Wav;

namespace AudioPost.Sdk.Tests.Cli;

/// <summary><c>audiopost convert</c>, in-process: samples, metadata, container choice and failure hygiene.</summary>
public sealed class ConvertCommandTests
{
    public static TheoryData<string, SampleFormat> Formats() => new()
    {
        { "pcm16", SampleFormat.Pcm16 },
        { "pcm24", SampleFormat.Pcm24 },
        { "pcm32", SampleFormat.Pcm32 },
        { "float32", SampleFormat.Float32 },
        { "float64", SampleFormat.Float64 },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Convert_FromPcm24_WritesTheFormatAndKeepsEveryMetadataField(string name, SampleFormat format)
    {
        using var directory = new TempDirectory();
        var input = directory.File("in.wav");
        var output = directory.File("out.wav");
        var samples = MetadataFiles.Write(input, MetadataFiles.Full(), SampleFormat.Pcm24, frames: 20_000);

        var result = CliRunner.Run("convert", input, output, "--format", name);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Stderr);
        var (inInfo, _) = MetadataFiles.Read(input);
        var (outInfo, converted) = MetadataFiles.Read(output);
        Assert.Equal("wav", outInfo.Format.Name);
        Assert.Equal(format, outInfo.SampleFormat);
        Assert.Equal(inInfo.Spec, outInfo.Spec);
        Assert.Equal(inInfo.Frames, outInfo.Frames);
        AssertSameMetadata(inInfo.Metadata, outInfo.Metadata);
        if (format != SampleFormat.Pcm16)
        {
            // 24-bit samples fit every format but pcm16 exactly.
            Assert.Equal(samples, converted);
        }
    }

    [Fact]
    public void Convert_Float32ToPcm16_EqualsTheEncodersOwnQuantisation()
    {
        using var directory = new TempDirectory();
        var input = directory.File("in.wav");
        var output = directory.File("out.wav");
        var reference = directory.File("reference.wav");
        var samples = MetadataFiles.Write(input, AudioMetadata.Empty, SampleFormat.Float32, frames: 20_000);
        using (var writer = AudioFormatRegistry.Default.Create(reference, new AudioSpec(MetadataFiles.SampleRate, ChannelLayout.Stereo), SampleFormat.Pcm16))
        {
            writer.Write(TestSignals.Block(samples, 2));
        }

        var result = CliRunner.Run("convert", input, output, "--format", "pcm16");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(MetadataFiles.Read(reference).Samples, MetadataFiles.Read(output).Samples);
    }

    [Fact]
    public void Convert_WithoutFormat_KeepsTheInputsSampleFormat()
    {
        using var directory = new TempDirectory();
        var input = directory.File("in.wav");
        var output = directory.File("out.wav");
        var samples = MetadataFiles.Write(input, AudioMetadata.Empty, SampleFormat.Pcm16);

        var result = CliRunner.Run("convert", input, output);

        Assert.Equal(0, result.ExitCode);
        var (info, converted) = MetadataFiles.Read(output);
        Assert.Equal(SampleFormat.Pcm16, info.SampleFormat);
        Assert.Equal(samples, converted);
        Assert.True(info.Metadata.IsEmpty);
    }

    [Fact]
    public void Convert_TpdfDither_DiffersFromPlainButByAtMostOneLsb()
    {
        using var directory = new TempDirectory();
        var input = directory.File("in.wav");
        var plain = directory.File("plain.wav");
        var dithered = directory.File("dithered.wav");
        MetadataFiles.Write(input, MetadataFiles.Full(), SampleFormat.Float32, frames: 20_000);

        Assert.Equal(0, CliRunner.Run("convert", input, plain, "--format", "pcm16").ExitCode);
        var result = CliRunner.Run("convert", input, dithered, "--format", "pcm16", "--dither", "tpdf");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("TPDF dither", result.Stdout, StringComparison.Ordinal);
        var a = MetadataFiles.Read(plain).Samples;
        var (info, b) = MetadataFiles.Read(dithered);
        Assert.NotEqual(a, b);
        const float lsb = 1f / 32768;
        Assert.All(Enumerable.Range(0, a.Length), i => Assert.InRange(Math.Abs(a[i] - b[i]), 0f, lsb));
        AssertSameMetadata(MetadataFiles.Read(input).Info.Metadata, info.Metadata);
    }

    [Fact]
    public void Convert_Json_DescribesTheResult()
    {
        using var directory = new TempDirectory();
        var input = directory.File("in.wav");
        var output = directory.File("out.wav");
        MetadataFiles.Write(input, AudioMetadata.Empty, frames: 1234);

        var result = CliRunner.Run("convert", input, output, "--format", "pcm16", "--dither", "tpdf", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(["path", "frames", "sample_rate", "sample_format", "dither"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(output, root.GetProperty("path").GetString());
        Assert.Equal(1234, root.GetProperty("frames").GetInt64());
        Assert.Equal("pcm16", root.GetProperty("sample_format").GetString());
        Assert.Equal("tpdf", root.GetProperty("dither").GetString());
    }

    [Fact]
    public void Convert_TpdfDitherToFloat_IsANoOp()
    {
        using var directory = new TempDirectory();
        var input = directory.File("in.wav");
        var output = directory.File("out.wav");
        var samples = MetadataFiles.Write(input, AudioMetadata.Empty, SampleFormat.Pcm24);

        var result = CliRunner.Run("convert", input, output, "--format", "float32", "--dither", "tpdf");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("TPDF", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(samples, MetadataFiles.Read(output).Samples);
    }

    [Fact]
    public void Convert_ExistingOut_IsReplaced()
    {
        using var directory = new TempDirectory();
        var input = directory.File("in.wav");
        var output = directory.File("out.wav");
        MetadataFiles.Write(input, AudioMetadata.Empty);
        File.WriteAllText(output, "old");

        var result = CliRunner.Run("convert", input, output, "--format", "float32");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(SampleFormat.Float32, MetadataFiles.Read(output).Info.SampleFormat);
        Assert.Equal(["in.wav", "out.wav"], Directory.GetFiles(directory.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Convert_MalformedInput_ExitsTwoWithOneLineAndLeavesNoOutput()
    {
        using var directory = new TempDirectory();
        var input = directory.File("in.wav");
        var output = directory.File("out.wav");
        File.WriteAllBytes(input, WavBytes.Wav(WavBytes.Fmt(), WavBytes.Data(1000, statedSize: 4_000_000)));

        var result = CliRunner.Run("convert", input, output);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.StartsWith($"audiopost: error: {input}: offset 36: ", InfoCommandTests.SingleLine(result.Stderr), StringComparison.Ordinal);
        Assert.Equal([input], Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void Convert_TruncatedInputWithRecover_WritesWhatIsThere()
    {
        using var directory = new TempDirectory();
        var input = directory.File("in.wav");
        var output = directory.File("out.wav");
        File.WriteAllBytes(input, WavBytes.Wav(WavBytes.Fmt(), WavBytes.Data(1000, statedSize: 4_000_000)));

        var result = CliRunner.Run("convert", input, output, "--recover");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(250, MetadataFiles.Read(output).Info.Frames);
    }

    [Fact]
    public void Convert_MissingInput_ExitsTwo()
    {
        using var directory = new TempDirectory();
        var input = directory.File("missing.wav");

        var result = CliRunner.Run("convert", input, directory.File("out.wav"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"audiopost: error: {input}: no such file", InfoCommandTests.SingleLine(result.Stderr));
        Assert.Empty(Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void Convert_OutIntoMissingDirectory_ExitsTwoAndLeavesNothing()
    {
        using var directory = new TempDirectory();
        var input = directory.File("in.wav");
        MetadataFiles.Write(input, AudioMetadata.Empty);
        var output = Path.Combine(directory.File("no-such-dir"), "out.wav");

        var result = CliRunner.Run("convert", input, output);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"audiopost: error: {output}: ", InfoCommandTests.SingleLine(result.Stderr), StringComparison.Ordinal);
        Assert.Equal([input], Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void Convert_InEqualsOut_IsRefusedAndTheFileIsUntouched()
    {
        using var directory = new TempDirectory();
        var input = directory.File("in.wav");
        MetadataFiles.Write(input, AudioMetadata.Empty);
        var before = File.ReadAllBytes(input);
        var sameFile = Path.Combine(directory.Path, ".", "in.wav");

        var result = CliRunner.Run("convert", input, sameFile, "--format", "pcm16");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("same file", InfoCommandTests.SingleLine(result.Stderr), StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(input));
    }

    [Fact]
    public void Convert_UnknownOutExtension_IsRefused()
    {
        using var directory = new TempDirectory();
        var input = directory.File("in.wav");
        MetadataFiles.Write(input, AudioMetadata.Empty);

        var result = CliRunner.Run("convert", input, directory.File("out.xyz"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'.xyz'", InfoCommandTests.SingleLine(result.Stderr), StringComparison.Ordinal);
        Assert.Equal([input], Directory.GetFiles(directory.Path));
    }

    [Theory]
    [InlineData("--format", "pcm8")]
    [InlineData("--format", "mp3")]
    [InlineData("--dither", "rectangular")]
    [InlineData("--sample-rate", "0")]
    [InlineData("--quality", "best")]
    public void Convert_BadOption_ExitsOne(string option, string value)
    {
        var result = CliRunner.Run("convert", "in.wav", "out.wav", option, value);

        Assert.Equal(1, result.ExitCode);
        Assert.NotEqual(string.Empty, result.Stderr);
    }

    private static void AssertSameMetadata(AudioMetadata expected, AudioMetadata actual)
    {
        Assert.NotNull(actual.Broadcast);
        Assert.Equal(expected.Broadcast, actual.Broadcast);
        Assert.Equal(expected.IXml, actual.IXml);
        Assert.Equal(expected.Markers, actual.Markers);
    }
}
