using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Wav;

namespace AudioPost.Sdk.Tests.Formats.Wav;

public sealed class WavRoundTripTests
{
    private const int Frames = 5000;

    public static TheoryData<SampleFormat, int> FormatsAndChannelCounts() => TestSignals.EveryFormatByChannelCount();

    [Theory]
    [MemberData(nameof(FormatsAndChannelCounts))]
    public void WriteThenRead_EveryFormatAndChannelCount_ReturnsEverySampleExactly(SampleFormat format, int channels)
    {
        var signal = TestSignals.Exact(format, channels, Frames);
        var layout = ChannelLayout.FromChannelCount(channels);
        using var stream = new MemoryStream();

        // Small buffers force both sides through many partial buffer fills.
        var encoderOptions = new EncoderOptions { LeaveOpen = true, BufferSize = 1000 };
        using (var writer = new WavEncoder().Create(stream, new AudioSpec(44100, layout), format, encoderOptions))
        {
            WriteInBlocks(writer, signal, channels, blockFrames: 777);
            writer.Complete();
            Assert.Equal(Frames, writer.FramesWritten);
        }

        stream.Position = 0;
        using var reader = AudioFormatRegistry.Default.OpenRead(stream, new DecoderOptions { BufferSize = 999 });

        Assert.Same(WavFormat.Instance, reader.Info.Format);
        Assert.Equal(format, reader.Info.SampleFormat);
        Assert.Equal(44100, reader.Info.SampleRate);
        Assert.Equal(layout, reader.Info.ChannelLayout);
        Assert.Equal(Frames, reader.Info.Frames);
        Assert.Equal(signal, ReadAll(reader, blockFrames: 1001));
    }

    [Fact]
    public void WriteThenRead_StridedSourceBlock_WritesOnlyTheViewedFrames()
    {
        // A block viewing the front of a larger buffer has a stride bigger than its frame count.
        using var buffer = new AudioBuffer(2, 64);
        for (var c = 0; c < 2; c++)
        {
            for (var f = 0; f < 64; f++)
            {
                buffer.GetChannel(c)[f] = ((c * 64) + f) / 256f;
            }
        }

        using var stream = new MemoryStream();
        using (var writer = new WavEncoder().Create(stream, new AudioSpec(48000, ChannelLayout.Stereo), SampleFormat.Float32, new EncoderOptions { LeaveOpen = true }))
        {
            writer.Write(buffer.GetBlock(10));
        }

        stream.Position = 0;
        using var reader = WavDecoder.Instance.Open(stream);
        var decoded = ReadAll(reader, blockFrames: 3);
        Assert.Equal(20, decoded.Length);
        Assert.Equal(Enumerable.Range(0, 10).Select(f => f / 256f), decoded[..10]);
        Assert.Equal(Enumerable.Range(64, 10).Select(f => f / 256f), decoded[10..]);
    }

    internal static void WriteInBlocks(IAudioFileWriter writer, float[] planar, int channels, int blockFrames)
    {
        var block = TestSignals.Block(planar, channels);
        for (var done = 0; done < block.FrameCount; done += blockFrames)
        {
            writer.Write(block.Slice(done, Math.Min(blockFrames, block.FrameCount - done)));
        }
    }

    /// <summary>Reads from the current position to the end in blocks of the given size; returns planar samples.</summary>
    internal static float[] ReadAll(IAudioFileReader reader, int blockFrames)
    {
        var channels = reader.Info.ChannelCount;
        var frames = (int)(reader.Info.Frames - reader.Position);
        var planar = new float[channels * frames];
        var scratch = new float[channels * blockFrames];
        var done = 0;
        while (true)
        {
            var read = reader.Read(new AudioBlock(scratch, channels, blockFrames));
            if (read == 0)
            {
                break;
            }

            for (var c = 0; c < channels; c++)
            {
                scratch.AsSpan(c * blockFrames, read).CopyTo(planar.AsSpan((c * frames) + done));
            }

            done += read;
        }

        Assert.Equal(frames, done);
        return planar;
    }
}
