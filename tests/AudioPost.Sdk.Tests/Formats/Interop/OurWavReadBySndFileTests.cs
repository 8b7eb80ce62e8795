using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Tests.Formats.Wav;

namespace AudioPost.Sdk.Tests.Formats.Interop;

/// <summary>Every format and layout we write is read by libsndfile with the right header and exactly our samples.</summary>
public sealed class OurWavReadBySndFileTests
{
    public static TheoryData<SampleFormat, string> Matrix() => OurWav.FormatsByLayout();

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Create_FileDecodedByLibsndfile_HeaderAndEverySampleMatchExactly(SampleFormat format, string layoutName)
    {
        SndFilePeer.Require();
        using var directory = new TempDirectory();
        var path = directory.File("ours.wav");
        var layout = ChannelLayout.Parse(layoutName);
        var signal = OurWav.Write(path, format, layout);
        var file = OurWav.Describe(format, layoutName);
        const int Frames = InteropSignal.Frames;

        var info = SndFilePeer.Info(path);
        Assert.Equal(InteropSignal.SampleRate, info.SampleRate);
        Assert.Equal(layout.Count, info.Channels);
        Assert.Equal(Frames, info.Frames);
        Assert.Equal(SndFileEncoding(format), info.Encoding);

        // We write WAVE_FORMAT_EXTENSIBLE with the layout's mask for everything but mono and stereo.
        uint? mask = layout == ChannelLayout.Mono || layout == ChannelLayout.Stereo ? null : layout.ToWaveChannelMask();
        Assert.Equal(mask, info.ChannelMask);

        var peer = SndFilePeer.DecodeToDouble(path);
        InteropAssert.PeerMatchesExpected("libsndfile f64", file, peer, layout.Count, Frames, OurWav.ExpectedOf(signal, format));
        InteropAssert.OursMatchPeer("libsndfile f64", file, peer, InteropAssert.ReadOurs(path), layout.Count, Frames);
    }

    private static int SndFileEncoding(SampleFormat format) => format switch
    {
        SampleFormat.Pcm8 => 0x5,
        SampleFormat.Pcm16 => 0x2,
        SampleFormat.Pcm24 => 0x3,
        SampleFormat.Pcm32 => 0x4,
        SampleFormat.Float32 => 0x6,
        _ => 0x7,
    };
}
