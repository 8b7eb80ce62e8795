using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Tests.Formats.Wav;

namespace AudioPost.Sdk.Tests.Formats.Interop;

/// <summary>Every format and layout we write is read by SoX with the right header and exactly our samples.</summary>
public sealed class OurWavReadBySoxTests
{
    public static TheoryData<SampleFormat, string> Matrix() => OurWav.FormatsByLayout();

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Create_FileDecodedBySox_HeaderAndEverySampleMatchExactly(SampleFormat format, string layoutName)
    {
        SoxPeer.Require();
        using var directory = new TempDirectory();
        var path = directory.File("ours.wav");
        var layout = ChannelLayout.Parse(layoutName);
        var signal = OurWav.Write(path, format, layout);
        var file = OurWav.Describe(format, layoutName);
        const int Frames = InteropSignal.Frames;

        Assert.Equal(InteropSignal.SampleRate, SoxPeer.SoxiNumber("-r", path));
        Assert.Equal(layout.Count, SoxPeer.SoxiNumber("-c", path));
        Assert.Equal(format.GetBitsPerSample(), SoxPeer.SoxiNumber("-b", path));
        Assert.Equal(Frames, SoxPeer.SoxiNumber("-s", path));

        // SoX keeps 32-bit integers: integer PCM is exact as is; for float files +1.0 saturates (ToSoxSample).
        var expected = OurWav.ExpectedOf(signal, format);
        var peer = SoxPeer.DecodeToDouble(path);
        InteropAssert.PeerMatchesExpected("sox f64", file, peer, layout.Count, Frames, (f, c) => SoxPeer.ToSoxSample(expected(f, c)));
        InteropAssert.OursMatchPeer("sox f64", file, peer, InteropAssert.ReadOurs(path), layout.Count, Frames);
    }
}
