using System.ComponentModel;
using System.Diagnostics;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Aiff;
using AudioPost.Sdk.Tests.Formats.Interop;
using AudioPost.Sdk.Tests.Formats.Wav;

namespace AudioPost.Sdk.Tests.Formats.Aiff;

/// <summary>Interoperability with SoX (and ffmpeg for <c>sowt</c>) in both directions.</summary>
public sealed class AiffSoxInteropTests
{
    private const float Tolerance = 1e-6f;

    public static TheoryData<string, string[], SampleFormat, int> SoxMadeFiles() => new()
    {
        { "aiff", ["-c", "2", "-b", "8"], SampleFormat.Pcm8, 2 },
        { "aiff", ["-c", "2", "-b", "16"], SampleFormat.Pcm16, 2 },
        { "aiff", ["-c", "2", "-b", "24"], SampleFormat.Pcm24, 2 },
        { "aiff", ["-c", "1", "-b", "32"], SampleFormat.Pcm32, 1 },
        { "aiff", ["-c", "6", "-b", "24"], SampleFormat.Pcm24, 6 },
        { "aifc", ["-c", "2", "-b", "16"], SampleFormat.Pcm16, 2 },
        { "aifc", ["-c", "2", "-e", "floating-point", "-b", "32"], SampleFormat.Float32, 2 },
        { "aifc", ["-c", "1", "-e", "floating-point", "-b", "64"], SampleFormat.Float64, 1 },
    };

    public static TheoryData<SampleFormat, int, AiffVariant> WritableFormats()
    {
        var data = new TheoryData<SampleFormat, int, AiffVariant>();
        foreach (var format in Enum.GetValues<SampleFormat>())
        {
            foreach (var channels in new[] { 1, 2, 6 })
            {
                data.Add(format, channels, AiffVariant.Automatic);
            }

            if (!format.IsFloatingPoint())
            {
                data.Add(format, 2, AiffVariant.AiffC);
                data.Add(format, 2, AiffVariant.AiffCLittleEndian);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SoxMadeFiles))]
    public void OpenRead_FileMadeBySox_MatchesSoxsOwnDecode(string extension, string[] options, SampleFormat format, int channels)
    {
        SoxPeer.Require();
        using var directory = new TempDirectory();
        var path = directory.File("sox." + extension);
        SoxPeer.Synthesize(path, options);

        using var reader = AudioFormatRegistry.Default.OpenRead(path);

        Assert.Same(AiffFormat.Instance, reader.Info.Format);
        Assert.Equal(44100, reader.Info.SampleRate);
        Assert.Equal(channels, reader.Info.ChannelCount);
        Assert.Equal(format, reader.Info.SampleFormat);
        Assert.Equal(22050, reader.Info.Frames);

        var ours = WavRoundTripTests.ReadAll(reader, blockFrames: 1000);
        InteropAssert.SoxMatchesPlanar(SoxPeer.DecodeToFloat(path), ours, channels, 22050, Tolerance);
        Assert.Contains(ours, sample => Math.Abs(sample) > 0.5f);
    }

    [Theory]
    [MemberData(nameof(WritableFormats))]
    public void Create_FileReadBySox_SoxReportsTheHeaderAndDecodesOurSamples(SampleFormat format, int channels, AiffVariant variant)
    {
        SoxPeer.Require();
        using var directory = new TempDirectory();
        var path = directory.File(variant == AiffVariant.Automatic && !format.IsFloatingPoint() ? "ours.aiff" : "ours.aifc");
        const int Frames = 4410;
        var signal = TestSignals.Exact(format, channels, Frames);
        var encoder = new AiffEncoder(new AiffEncoderOptions { Variant = variant });
        using (var writer = encoder.Create(File.Create(path), new AudioSpec(44100, ChannelLayout.FromChannelCount(channels)), format))
        {
            WavRoundTripTests.WriteInBlocks(writer, signal, channels, blockFrames: 512);
            writer.Complete();
        }

        Assert.Equal(44100, SoxPeer.SoxiNumber("-r", path));
        Assert.Equal(channels, SoxPeer.SoxiNumber("-c", path));
        Assert.Equal(format.GetBitsPerSample(), SoxPeer.SoxiNumber("-b", path));
        Assert.Equal(Frames, SoxPeer.SoxiNumber("-s", path));
        var expectedEncoding = format.IsFloatingPoint() ? "Floating Point" : "Signed Integer";
        Assert.Contains(expectedEncoding, SoxPeer.Soxi("-e", path), StringComparison.Ordinal);

        InteropAssert.SoxMatchesPlanar(SoxPeer.DecodeToFloat(path), signal, channels, Frames, Tolerance);
    }

    [Fact]
    public void OpenRead_SowtFileMadeByFfmpeg_MatchesSoxsDecode()
    {
        SoxPeer.Require();
        using var directory = new TempDirectory();
        var path = directory.File("ffmpeg.aifc");
        RunFfmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=0.5:sample_rate=44100", "-ac", "2", "-c:a", "pcm_s16le", path);
        var header = File.ReadAllBytes(path).AsSpan(0, 64);
        Assert.True(header.IndexOf("sowt"u8) >= 0, "ffmpeg did not write an AIFF-C 'sowt' file");

        using var reader = AudioFormatRegistry.Default.OpenRead(path);

        Assert.Equal(SampleFormat.Pcm16, reader.Info.SampleFormat);
        Assert.Equal(22050, reader.Info.Frames);
        var ours = WavRoundTripTests.ReadAll(reader, blockFrames: 1000);
        InteropAssert.SoxMatchesPlanar(SoxPeer.DecodeToFloat(path), ours, 2, 22050, Tolerance);
        // ffmpeg's sine source peaks at about 0.088 of full scale.
        Assert.Contains(ours, sample => Math.Abs(sample) > 0.05f);
    }

    private static void RunFfmpeg(params string[] arguments)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])["-v", "error", "-y", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception)
        {
            Assert.Skip("ffmpeg is not installed.");
            throw;
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"ffmpeg exited with {process.ExitCode}: {error.Result}");
        }
    }
}
