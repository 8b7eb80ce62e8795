using System.Buffers.Binary;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Aiff;
using AudioPost.Sdk.Tests.Formats.Wav;

namespace AudioPost.Sdk.Tests.Formats.Aiff;

public sealed class AiffCrashSafetyTests
{
    [Theory]
    [InlineData(SampleFormat.Pcm24)]
    [InlineData(SampleFormat.Float32)]
    public void Write_WithoutComplete_FileOnDiskIsReadableUpToTheLastHeaderRefresh(SampleFormat format)
    {
        const int Rate = 8000;
        const int BlockFrames = 1000;
        using var directory = new TempDirectory();
        var path = directory.File("recording.aiff");
        var signal = TestSignals.Exact(format, 2, Rate * 5 / 2);

        // The default refresh interval: one second of audio.
        var writer = AudioFormatRegistry.Default.Create(path, new AudioSpec(Rate, ChannelLayout.Stereo), format);
        try
        {
            WavRoundTripTests.WriteInBlocks(writer, signal, 2, BlockFrames);
            Assert.Equal(Rate * 5 / 2, writer.FramesWritten);

            // What a crash would leave: the bytes on disk now, with no Complete and no Dispose.
            var snapshot = directory.File("after-crash.aiff");
            using (var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            using (var copy = File.Create(snapshot))
            {
                source.CopyTo(copy);
            }

            using var reader = AudioFormatRegistry.Default.OpenRead(snapshot);
            Assert.Same(AiffFormat.Instance, reader.Info.Format);
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
    public void Write_RefreshIntervalZero_HeaderStaysEmptyUntilFlush() =>
        RefreshIntervalHarness.AssertHeaderStaysEmptyUntilFlush(
            new AiffEncoder(new AiffEncoderOptions { HeaderRefreshInterval = TimeSpan.Zero }), AiffDecoder.Instance);

    [Fact]
    public void Write_ShortRefreshInterval_RefreshesOnBlockBoundariesAfterEachInterval() =>
        RefreshIntervalHarness.AssertRefreshesOnBlockBoundariesAfterEachInterval(
            new AiffEncoder(new AiffEncoderOptions { HeaderRefreshInterval = TimeSpan.FromMilliseconds(100) }), AiffDecoder.Instance);

    [Fact]
    public void Refresh_OddSizedSsnd_EverySnapshotHasConsistentSizesAndTheFinalFileIsPadded()
    {
        using var stream = new MemoryStream();
        var encoder = new AiffEncoder(new AiffEncoderOptions { HeaderRefreshInterval = TimeSpan.FromMilliseconds(1) });
        using var writer = encoder.Create(stream, new AudioSpec(1000, ChannelLayout.Mono), SampleFormat.Pcm24, new EncoderOptions { LeaveOpen = true });
        var block = new ReadOnlyAudioBlock(new float[3], 1, 3);

        for (var i = 1; i <= 5; i++)
        {
            // 3 frames × 3 bytes per block: the SSND payload is odd after every other block.
            writer.Write(block);
            var bytes = stream.ToArray();
            Assert.Equal((uint)bytes.Length - 8, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4)));
            Assert.Equal(3 * i, FramesOnDisk(stream));
        }

        writer.Complete();
        var final = stream.ToArray();
        Assert.Equal(0, final.Length & 1);
        Assert.Equal((uint)final.Length - 8, BinaryPrimitives.ReadUInt32BigEndian(final.AsSpan(4)));
        Assert.Equal(45, FramesOnDisk(stream) * 3);
    }

    private static long FramesOnDisk(MemoryStream stream) => RefreshIntervalHarness.FramesOnDisk(stream, AiffDecoder.Instance);
}
