using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Tests.Formats.Wav;

namespace AudioPost.Sdk.Tests.Formats.Interop;

/// <summary>Every PCM and float WAV sndfile-convert writes is read by us exactly as libsndfile decodes it.</summary>
public sealed class SndFileWavReadByUsTests
{
    private static readonly (string Encoding, SampleFormat Format)[] Encodings =
    [
        ("-pcmu8", SampleFormat.Pcm8),
        ("-pcm16", SampleFormat.Pcm16),
        ("-pcm24", SampleFormat.Pcm24),
        ("-pcm32", SampleFormat.Pcm32),
        ("-float32", SampleFormat.Float32),
        ("-float64", SampleFormat.Float64),
    ];

    public static TheoryData<string, string> EncodingsByLayout()
    {
        var data = new TheoryData<string, string>();
        foreach (var (encoding, _) in Encodings)
        {
            foreach (var layout in new[] { "mono", "stereo", "5.1", "7.1" })
            {
                data.Add(encoding, layout);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EncodingsByLayout))]
    public void OpenRead_FileWrittenBySndfileConvert_LayoutAndEverySampleMatchLibsndfilesDecode(string encoding, string layoutName)
    {
        SndFilePeer.Require();
        using var directory = new TempDirectory();
        var sourceLayout = ChannelLayout.Parse(layoutName);
        var channels = sourceLayout.Count;

        // The source is our float WAV of the peer signal (values between every PCM grid, peak exactly 1.0), so
        // libsndfile's own quantizer makes the integer files.
        var interleaved = InteropSignal.PeerSource(channels);
        var planar = new float[interleaved.Length];
        for (var i = 0; i < interleaved.Length; i++)
        {
            planar[((i % channels) * InteropSignal.Frames) + (i / channels)] = (float)interleaved[i];
        }

        var source = directory.File("source.wav");
        OurWav.Write(source, SampleFormat.Float32, sourceLayout, planar);
        var path = directory.File("sndfile.wav");
        SndFilePeer.Transcode(source, path, encoding);

        // libsndfile says which mask it wrote, if any; without one the count decides.
        var info = SndFilePeer.Info(path);
        var layout = info.ChannelMask is { } mask ? ChannelLayout.FromWaveChannelMask(mask, channels) : ChannelLayout.FromChannelCount(channels);
        Assert.Equal(sourceLayout, layout);

        float[] ours;
        using (var reader = PeerWrittenWav.OpenSkippingUnsupportedRf64(path))
        {
            PeerWrittenWav.AssertInfo(reader.Info, Array.Find(Encodings, entry => entry.Encoding == encoding).Format, layout, layout.ToWaveChannelMask());
            ours = WavRoundTripTests.ReadAll(reader, blockFrames: 1000);
        }

        InteropAssert.OursMatchPeer("libsndfile f64", $"sndfile-convert {encoding} {layoutName} WAV", SndFilePeer.DecodeToDouble(path), ours, channels, InteropSignal.Frames);
    }
}
