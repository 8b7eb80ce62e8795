using System.Buffers.Binary;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Aiff;

namespace AudioPost.Sdk.Tests.Formats.Aiff;

public sealed class AiffCrashSafetyTests
{
    [Theory]
    [InlineData(SampleFormat.Pcm24)]
    [InlineData(SampleFormat.Float32)]
    public void Write_WithoutComplete_FileOnDiskIsReadableUpToTheLastHeaderRefresh(SampleFormat format) =>
        RefreshIntervalHarness.AssertKilledWriterReadableUpToLastRefresh("recording.aiff", format, AiffFormat.Instance);

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
