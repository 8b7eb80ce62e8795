using System.Globalization;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Tests.Formats.Wav;

namespace AudioPost.Sdk.Tests.Formats.Interop;

/// <summary>Every PCM and float WAV SoX writes, mono to 7.1, is read by us exactly as SoX decodes it.</summary>
public sealed class SoxWavReadByUsTests
{
    private static readonly (string Encoding, SampleFormat Format)[] Encodings =
    [
        ("unsigned-integer 8", SampleFormat.Pcm8),
        ("signed-integer 16", SampleFormat.Pcm16),
        ("signed-integer 24", SampleFormat.Pcm24),
        ("signed-integer 32", SampleFormat.Pcm32),
        ("floating-point 32", SampleFormat.Float32),
        ("floating-point 64", SampleFormat.Float64),
    ];

    public static TheoryData<string, int> EncodingsByChannelCount()
    {
        var data = new TheoryData<string, int>();
        foreach (var (encoding, _) in Encodings)
        {
            foreach (var channels in new[] { 1, 2, 3, 4, 6, 8 })
            {
                data.Add(encoding, channels);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EncodingsByChannelCount))]
    public void OpenRead_FileWrittenBySox_LayoutAndEverySampleMatchSoxsDecode(string encoding, int channels)
    {
        SoxPeer.Require();
        using var directory = new TempDirectory();
        var source = PeerWrittenWav.WriteRawSource(directory.Path, channels);
        var path = directory.File("sox.wav");
        var parts = encoding.Split(' ');
        SoxPeer.Sox(
            "-D", "-t", "f64", "-r", "48000", "-c", channels.ToString(CultureInfo.InvariantCulture), source,
            "-e", parts[0], "-b", parts[1], path);

        var (layout, mask) = Expected(channels, floatingPoint: parts[0] == "floating-point");
        float[] ours;
        using (var reader = PeerWrittenWav.OpenSkippingUnsupportedRf64(path))
        {
            PeerWrittenWav.AssertInfo(reader.Info, Array.Find(Encodings, entry => entry.Encoding == encoding).Format, layout, mask);
            ours = WavRoundTripTests.ReadAll(reader, blockFrames: 1000);
        }

        InteropAssert.OursMatchPeer("sox f64", $"sox {encoding} {channels}-channel WAV", SoxPeer.DecodeToDouble(path), ours, channels, InteropSignal.Frames);
    }

    /// <summary>
    /// What SoX 14.4 writes: a plain header for 8/16-bit mono/stereo, otherwise WAVE_FORMAT_EXTENSIBLE with mono 0x4,
    /// stereo 0x3, quad 0x33, 6 channels 0x3F (back surrounds), 8 channels 0x63F and 0 (no positions) for 3. Float files
    /// always get a plain IEEE-float header, whatever the count, so we fall back on the conventional layout for the
    /// count (6 channels: 5.1 with side surrounds).
    /// </summary>
    private static (ChannelLayout Layout, uint Mask) Expected(int channels, bool floatingPoint)
    {
        if (floatingPoint)
        {
            var layout = ChannelLayout.FromChannelCount(channels);
            return (layout, layout.ToWaveChannelMask());
        }

        return channels switch
        {
            1 => (ChannelLayout.Mono, 0x4),
            2 => (ChannelLayout.Stereo, 0x3),
            3 => (ChannelLayout.Discrete(3), 0),
            4 => (ChannelLayout.Quad, 0x33),
            6 => (ChannelLayout.Surround51Back, 0x3F),
            8 => (ChannelLayout.Surround71, 0x63F),
            _ => throw new ArgumentOutOfRangeException(nameof(channels), channels, "no expectation for this count"),
        };
    }
}
