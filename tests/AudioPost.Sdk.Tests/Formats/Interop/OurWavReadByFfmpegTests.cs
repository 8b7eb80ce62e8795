using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Tests.Formats.Wav;

namespace AudioPost.Sdk.Tests.Formats.Interop;

/// <summary>Every format and layout we write is read by FFmpeg with the right header and exactly our samples.</summary>
public sealed class OurWavReadByFfmpegTests
{
    public static TheoryData<SampleFormat, string> Matrix() => OurWav.FormatsByLayout();

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Create_FileProbedAndDecodedByFfmpeg_HeaderAndEverySampleMatchExactly(SampleFormat format, string layoutName)
    {
        FfmpegPeer.Require();
        using var directory = new TempDirectory();
        var path = directory.File("ours.wav");
        var layout = ChannelLayout.Parse(layoutName);
        var signal = OurWav.Write(path, format, layout);
        var file = OurWav.Describe(format, layoutName);
        const int Frames = InteropSignal.Frames;

        var stream = FfmpegPeer.Probe(path);
        Assert.Equal(CodecName(format), stream.CodecName);
        Assert.Equal(InteropSignal.SampleRate, stream.SampleRate);
        Assert.Equal(layout.Count, stream.Channels);
        Assert.Equal(Frames, stream.Frames);
        Assert.Contains(stream.ChannelLayout, FfmpegLayoutNames(layoutName));

        var ours = InteropAssert.ReadOurs(path);
        var peer = FfmpegPeer.DecodeToDoubleAndFloat(path, out var peerFloat);
        InteropAssert.PeerMatchesExpected("ffmpeg f64le", file, peer, layout.Count, Frames, OurWav.ExpectedOf(signal, format));
        InteropAssert.OursMatchPeer("ffmpeg f64le", file, peer, ours, layout.Count, Frames);
        InteropAssert.OursMatchPeer("ffmpeg f32le", file, peerFloat, ours, layout.Count, Frames);
    }

    [Theory]
    [InlineData(SampleFormat.Float32)]
    [InlineData(SampleFormat.Float64)]
    public void Create_FloatBeyondFullScaleAndTiny_FfmpegDecodesTheValuesUnchanged(SampleFormat format)
    {
        // Float WAV carries overs and tiny values; FFmpeg passes them through (SoX saturates and rounds to 2^-31,
        // sndfile-convert renormalises above 1.0, so only FFmpeg can check these).
        FfmpegPeer.Require();
        using var directory = new TempDirectory();
        var path = directory.File("overs.wav");
        float[] signal = [1.5f, -2f, 100f, -1e-30f, 1e-40f, float.Epsilon, 0.1f, -1f / 3, 1f, -1f];
        OurWav.Write(path, format, ChannelLayout.Stereo, signal);

        var frames = signal.Length / 2;
        var peer = FfmpegPeer.DecodeToDouble(path);
        InteropAssert.PeerMatchesExpected("ffmpeg f64le", $"our {format} overs WAV", peer, 2, frames, (f, c) => signal[(c * frames) + f]);
        InteropAssert.OursMatchPeer("ffmpeg f64le", $"our {format} overs WAV", peer, InteropAssert.ReadOurs(path), 2, frames);
    }

    private static string CodecName(SampleFormat format) => format switch
    {
        SampleFormat.Pcm8 => "pcm_u8",
        SampleFormat.Pcm16 => "pcm_s16le",
        SampleFormat.Pcm24 => "pcm_s24le",
        SampleFormat.Pcm32 => "pcm_s32le",
        SampleFormat.Float32 => "pcm_f32le",
        _ => "pcm_f64le",
    };

    /// <summary>
    /// FFmpeg's names for our layouts. A plain (non-EXTENSIBLE) header, which we write for mono and stereo, carries no
    /// layout, and ffprobe prints none. FFmpeg's "5.1" is the back-surround 0x3F; our 5.1 (0x60F) is its "5.1(side)".
    /// </summary>
    private static string?[] FfmpegLayoutNames(string ours) => ours switch
    {
        "mono" or "stereo" => [null],
        "5.1" => ["5.1(side)"],

        // FFmpeg 5.1 has no name for mask 0x2D63F and lists the channels; FFmpeg 6 and later call it 7.1.4.
        "7.1.4" => ["7.1.4", "12 channels (FL+FR+FC+LFE+BL+BR+SL+SR+TFL+TFR+TBL+TBR)"],
        _ => [ours],
    };
}
