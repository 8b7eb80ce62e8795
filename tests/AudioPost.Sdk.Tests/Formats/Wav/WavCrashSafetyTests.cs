using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Wav;

namespace AudioPost.Sdk.Tests.Formats.Wav;

public sealed class WavCrashSafetyTests
{
    [Fact]
    public void Write_WithoutComplete_FileOnDiskIsReadableUpToTheLastHeaderRefresh()
    {
        const int Rate = 8000;
        const int BlockFrames = 1000;
        using var directory = new TempDirectory();
        var path = directory.File("recording.wav");
        var signal = TestSignals.Exact(SampleFormat.Pcm24, 2, Rate * 5 / 2);

        // The default refresh interval: one second of audio.
        var writer = AudioFormatRegistry.Default.Create(path, new AudioSpec(Rate, ChannelLayout.Stereo), SampleFormat.Pcm24);
        try
        {
            WavRoundTripTests.WriteInBlocks(writer, signal, 2, BlockFrames);
            Assert.Equal(Rate * 5 / 2, writer.FramesWritten);

            // What a crash would leave: the bytes on disk now, with no Complete and no Dispose.
            var snapshot = directory.File("after-crash.wav");
            using (var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            using (var copy = File.Create(snapshot))
            {
                source.CopyTo(copy);
            }

            using var reader = AudioFormatRegistry.Default.OpenRead(snapshot);
            Assert.Equal(2 * Rate, reader.Info.Frames);
            var recovered = WavRoundTripTests.ReadAll(reader, 333);
            var frames = 2 * Rate;
            var total = signal.Length / 2;
            Assert.Equal(signal.AsSpan(0, frames).ToArray(), recovered[..frames]);
            Assert.Equal(signal.AsSpan(total, frames).ToArray(), recovered[frames..]);
        }
        finally
        {
            writer.Dispose();
        }

        using var completed = AudioFormatRegistry.Default.OpenRead(path);
        Assert.Equal(Rate * 5 / 2, completed.Info.Frames);
    }

    [Fact]
    public void Write_RefreshIntervalZero_HeaderStaysEmptyUntilFlush()
    {
        using var stream = new MemoryStream();
        var encoder = new WavEncoder(new WavEncoderOptions { HeaderRefreshInterval = TimeSpan.Zero });
        using var writer = encoder.Create(stream, new AudioSpec(100, ChannelLayout.Mono), SampleFormat.Float32, new EncoderOptions { LeaveOpen = true, BufferSize = 64 });
        var signal = TestSignals.Exact(SampleFormat.Float32, 1, 1000);
        writer.Write(TestSignals.Block(signal, 1));

        Assert.Equal(0, FramesOnDisk(stream));

        writer.Flush();
        Assert.Equal(1000, FramesOnDisk(stream));
    }

    [Fact]
    public void Write_ShortRefreshInterval_RefreshesOnBlockBoundariesAfterEachInterval()
    {
        using var stream = new MemoryStream();
        var encoder = new WavEncoder(new WavEncoderOptions { HeaderRefreshInterval = TimeSpan.FromMilliseconds(100) });
        using var writer = encoder.Create(stream, new AudioSpec(1000, ChannelLayout.Mono), SampleFormat.Pcm16, new EncoderOptions { LeaveOpen = true });
        var block = new ReadOnlyAudioBlock(new float[30], 1, 30);

        for (var i = 0; i < 3; i++)
        {
            writer.Write(block);
        }

        Assert.Equal(0, FramesOnDisk(stream));
        writer.Write(block);
        Assert.Equal(120, FramesOnDisk(stream));
    }

    private static long FramesOnDisk(MemoryStream stream)
    {
        using var reader = WavDecoder.Instance.Open(new MemoryStream(stream.ToArray()));
        return reader.Info.Frames;
    }
}
