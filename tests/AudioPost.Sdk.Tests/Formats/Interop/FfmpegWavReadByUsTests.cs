using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Tests.Formats.Wav;

namespace AudioPost.Sdk.Tests.Formats.Interop;

/// <summary>Every PCM and float WAV FFmpeg writes, mono to 7.1, is read by us exactly as FFmpeg decodes it.</summary>
public sealed class FfmpegWavReadByUsTests
{
    private static readonly (string Codec, SampleFormat Format)[] Codecs =
    [
        ("pcm_u8", SampleFormat.Pcm8),
        ("pcm_s16le", SampleFormat.Pcm16),
        ("pcm_s24le", SampleFormat.Pcm24),
        ("pcm_s32le", SampleFormat.Pcm32),
        ("pcm_f32le", SampleFormat.Float32),
        ("pcm_f64le", SampleFormat.Float64),
    ];

    /// <summary>Every codec by the main layouts; the other FFmpeg layouts (masks 0xB, 0x33, 0x3F, 0xFF) with one codec.</summary>
    public static TheoryData<string, string> CodecsByLayout()
    {
        var data = new TheoryData<string, string>();
        foreach (var (codec, _) in Codecs)
        {
            foreach (var layout in new[] { "mono", "stereo", "5.1(side)", "7.1" })
            {
                data.Add(codec, layout);
            }
        }

        foreach (var layout in new[] { "2.1", "quad", "5.1", "7.1(wide)" })
        {
            data.Add("pcm_s24le", layout);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CodecsByLayout))]
    public void OpenRead_FileWrittenByFfmpeg_LayoutAndEverySampleMatchFfmpegsDecode(string codec, string layout)
    {
        FfmpegPeer.Require();
        using var directory = new TempDirectory();
        var (expectedLayout, mask) = Expected(layout);
        var source = PeerWrittenWav.WriteRawSource(directory.Path, expectedLayout.Count);
        var path = directory.File("ffmpeg.wav");
        FfmpegPeer.Encode(source, InteropSignal.SampleRate, layout, codec, path);

        AssertReadsLikeFfmpeg(path, $"ffmpeg {codec} {layout} WAV", FormatOf(codec), expectedLayout, mask);
    }

    [Theory]
    [InlineData("pcm_s16le", "stereo")]
    [InlineData("pcm_s24le", "5.1(side)")]
    [InlineData("pcm_f32le", "7.1")]
    [InlineData("pcm_f64le", "mono")]
    public void OpenRead_Rf64WrittenByFfmpeg_LayoutAndEverySampleMatchFfmpegsDecode(string codec, string layout)
    {
        FfmpegPeer.Require();
        using var directory = new TempDirectory();
        var (expectedLayout, mask) = Expected(layout);
        var source = PeerWrittenWav.WriteRawSource(directory.Path, expectedLayout.Count);
        var path = directory.File("ffmpeg-rf64.wav");
        FfmpegPeer.Encode(source, InteropSignal.SampleRate, layout, codec, path, "-rf64", "always");
        Assert.Equal("RF64"u8.ToArray(), File.ReadAllBytes(path)[..4]);

        AssertReadsLikeFfmpeg(path, $"ffmpeg -rf64 always {codec} {layout} WAV", FormatOf(codec), expectedLayout, mask);
    }

    private static void AssertReadsLikeFfmpeg(string path, string file, SampleFormat format, ChannelLayout layout, uint mask)
    {
        float[] ours;
        using (var reader = PeerWrittenWav.OpenSkippingUnsupportedRf64(path))
        {
            PeerWrittenWav.AssertInfo(reader.Info, format, layout, mask);
            ours = WavRoundTripTests.ReadAll(reader, blockFrames: 1000);
        }

        InteropAssert.OursMatchPeer("ffmpeg f64le", file, FfmpegPeer.DecodeToDouble(path), ours, layout.Count, InteropSignal.Frames);
    }

    private static SampleFormat FormatOf(string codec) => Array.Find(Codecs, entry => entry.Codec == codec).Format;

    /// <summary>Our layout for an FFmpeg layout name, and the mask FFmpeg writes (checked against the file by our reader).</summary>
    private static (ChannelLayout Layout, uint Mask) Expected(string ffmpegLayout) => ffmpegLayout switch
    {
        "mono" => (ChannelLayout.Mono, 0x4),
        "stereo" => (ChannelLayout.Stereo, 0x3),
        "2.1" => (ChannelLayout.Custom(ChannelRole.FrontLeft, ChannelRole.FrontRight, ChannelRole.LowFrequency), 0xB),
        "quad" => (ChannelLayout.Quad, 0x33),

        // FFmpeg's "5.1" is the back-surround KSAUDIO_SPEAKER_5POINT1; "5.1(side)" is the modern one.
        "5.1" => (ChannelLayout.Surround51Back, 0x3F),
        "5.1(side)" => (ChannelLayout.Surround51, 0x60F),
        "7.1" => (ChannelLayout.Surround71, 0x63F),
        "7.1(wide)" => (ChannelLayout.Surround71Wide, 0xFF),
        _ => throw new ArgumentOutOfRangeException(nameof(ffmpegLayout), ffmpegLayout, "no expectation for this layout"),
    };
}
