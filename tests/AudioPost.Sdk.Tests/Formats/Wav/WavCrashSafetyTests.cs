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
    public void Write_RefreshIntervalZero_HeaderStaysEmptyUntilFlush() =>
        RefreshIntervalHarness.AssertHeaderStaysEmptyUntilFlush(
            new WavEncoder(new WavEncoderOptions { HeaderRefreshInterval = TimeSpan.Zero }), WavDecoder.Instance);

    [Fact]
    public void Write_ShortRefreshInterval_RefreshesOnBlockBoundariesAfterEachInterval() =>
        RefreshIntervalHarness.AssertRefreshesOnBlockBoundariesAfterEachInterval(
            new WavEncoder(new WavEncoderOptions { HeaderRefreshInterval = TimeSpan.FromMilliseconds(100) }), WavDecoder.Instance);
}
