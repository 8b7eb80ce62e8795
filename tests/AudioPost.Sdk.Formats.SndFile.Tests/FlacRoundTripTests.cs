using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Tests.Formats.Wav;

namespace AudioPost.Sdk.Formats.SndFile.Tests;

/// <summary>FLAC written by us and read back by us and by ffmpeg: lossless means sample-exact.</summary>
public sealed class FlacRoundTripTests
{
    private const int Frames = 10_000;

    public static TheoryData<SampleFormat, int> DepthsByChannelCount()
    {
        var data = new TheoryData<SampleFormat, int>();
        foreach (var format in new[] { SampleFormat.Pcm8, SampleFormat.Pcm16, SampleFormat.Pcm24 })
        {
            foreach (var channels in new[] { 1, 2, 6 })
            {
                data.Add(format, channels);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DepthsByChannelCount))]
    public void WriteThenRead_NoiseOnTheBitGrid_IsSampleExact(SampleFormat format, int channels)
    {
        NativePeers.RequireLibSndFile();
        var signal = Audio.ExactNoise(format.GetBitsPerSample(), channels, Frames);
        using var memory = new MemoryStream();
        var spec = new AudioSpec(48000, ChannelLayout.FromChannelCount(channels));
        using (var writer = new SndFileEncoder(SndFileFormat.Flac).Create(memory, spec, format, new EncoderOptions { LeaveOpen = true }))
        {
            Audio.Write(writer, signal, channels, blockFrames: 777);
            Assert.Equal(Frames, writer.FramesWritten);
        }

        memory.Position = 0;
        using var reader = SndFileDecoder.Instance.Open(memory);

        Assert.Same(SndFileFormat.Flac, reader.Info.Format);
        Assert.Equal(format, reader.Info.SampleFormat);
        Assert.Equal(48000, reader.Info.SampleRate);
        Assert.Equal(ChannelLayout.FromChannelCount(channels), reader.Info.ChannelLayout);
        Assert.Equal(Frames, reader.Info.Frames);
        Assert.Equal(signal, Audio.ReadAll(reader, blockFrames: 1024));
        Assert.Equal(Frames, reader.Position);
    }

    [Theory]
    [InlineData(SampleFormat.Pcm16, 2)]
    [InlineData(SampleFormat.Pcm24, 6)]
    public void Create_FileDecodedByFfmpeg_IsSampleExact(SampleFormat format, int channels)
    {
        NativePeers.RequireFfmpeg();
        using var directory = new TempDirectory();
        var path = directory.File("ours.flac");
        var signal = Audio.ExactNoise(format.GetBitsPerSample(), channels, Frames);
        var registry = new AudioFormatRegistryBuilder().AddSndFileFormats().Build();
        using (var writer = registry.Create(path, new AudioSpec(44100, ChannelLayout.FromChannelCount(channels)), format))
        {
            Audio.Write(writer, signal, channels);
        }

        Assert.Equal(signal, NativePeers.FfmpegDecode(path));
    }

    [Fact]
    public void Create_OutOfRangeSamples_Saturate()
    {
        NativePeers.RequireLibSndFile();
        using var memory = new MemoryStream();
        using (var writer = new SndFileEncoder(SndFileFormat.Flac).Create(
            memory, new AudioSpec(44100, ChannelLayout.Mono), SampleFormat.Pcm16, new EncoderOptions { LeaveOpen = true }))
        {
            Audio.Write(writer, [2f, -3f, 1f, 0.5f], channels: 1);
        }

        memory.Position = 0;
        using var reader = SndFileDecoder.Instance.Open(memory);
        Assert.Equal([32767f / 32768, -1f, 32767f / 32768, 0.5f], Audio.ReadAll(reader));
    }
}
