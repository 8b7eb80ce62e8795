using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Tests.Formats.Interop;

namespace AudioPost.Sdk.Tests.Formats.Wav;

/// <summary>Interoperability with SoX in both directions: we read what it writes, it reads what we write.</summary>
public sealed class WavSoxInteropTests
{
    private const float Tolerance = 1e-6f;

    public static TheoryData<string[], SampleFormat, int, string> SoxMadeFiles() => new()
    {
        { ["-c", "2", "-b", "24"], SampleFormat.Pcm24, 2, "stereo" },
        { ["-c", "2", "-b", "16"], SampleFormat.Pcm16, 2, "stereo" },
        { ["-c", "2", "-e", "floating-point", "-b", "32"], SampleFormat.Float32, 2, "stereo" },
        { ["-c", "1", "-e", "floating-point", "-b", "64"], SampleFormat.Float64, 1, "mono" },
        { ["-c", "2", "-b", "8"], SampleFormat.Pcm8, 2, "stereo" },
        { ["-c", "6", "-b", "24"], SampleFormat.Pcm24, 6, "5.1-back" },
        { ["-c", "1", "-b", "32"], SampleFormat.Pcm32, 1, "mono" },
    };

    public static TheoryData<SampleFormat, int> WritableFormats() => TestSignals.EveryFormatByChannelCount();

    [Theory]
    [MemberData(nameof(SoxMadeFiles))]
    public void OpenRead_FileMadeBySox_MatchesSoxsOwnDecode(string[] options, SampleFormat format, int channels, string layout)
    {
        SoxPeer.Require();
        using var directory = new TempDirectory();
        var path = directory.File("sox.wav");
        SoxPeer.Synthesize(path, options);

        using var reader = AudioFormatRegistry.Default.OpenRead(path);

        Assert.Equal(44100, reader.Info.SampleRate);
        Assert.Equal(channels, reader.Info.ChannelCount);
        Assert.Equal(layout, reader.Info.ChannelLayout.Name);
        Assert.Equal(format, reader.Info.SampleFormat);
        Assert.Equal(22050, reader.Info.Frames);
        Assert.Equal(0.5, reader.Info.DurationSeconds);

        var ours = WavRoundTripTests.ReadAll(reader, blockFrames: 1000);
        var reference = SoxPeer.DecodeToFloat(path);
        InteropAssert.SoxMatchesPlanar(reference, ours, channels, 22050, Tolerance);
        Assert.Contains(ours, sample => Math.Abs(sample) > 0.5f);
    }

    [Theory]
    [MemberData(nameof(WritableFormats))]
    public void Create_FileReadBySox_SoxReportsTheHeaderAndDecodesOurSamples(SampleFormat format, int channels)
    {
        SoxPeer.Require();
        using var directory = new TempDirectory();
        var path = directory.File("ours.wav");
        const int Frames = 4410;
        var signal = TestSignals.Exact(format, channels, Frames);
        using (var writer = AudioFormatRegistry.Default.Create(path, new AudioSpec(44100, ChannelLayout.FromChannelCount(channels)), format))
        {
            WavRoundTripTests.WriteInBlocks(writer, signal, channels, blockFrames: 512);
            writer.Complete();
        }

        Assert.Equal(44100, SoxPeer.SoxiNumber("-r", path));
        Assert.Equal(channels, SoxPeer.SoxiNumber("-c", path));
        Assert.Equal(format.GetBitsPerSample(), SoxPeer.SoxiNumber("-b", path));
        Assert.Equal(Frames, SoxPeer.SoxiNumber("-s", path));
        Assert.Equal(0.1, SoxPeer.SoxiNumber("-D", path), 6);
        var encoding = SoxPeer.Soxi("-e", path);
        var expectedEncoding = format switch
        {
            SampleFormat.Pcm8 => "Unsigned Integer",
            SampleFormat.Float32 or SampleFormat.Float64 => "Floating Point",
            _ => "Signed Integer",
        };
        Assert.Contains(expectedEncoding, encoding, StringComparison.Ordinal);

        // TestSignals.Exact puts every sample on the format's grid, so what we meant to write is what SoX must read.
        InteropAssert.SoxMatchesPlanar(SoxPeer.DecodeToFloat(path), signal, channels, Frames, Tolerance);
    }
}
