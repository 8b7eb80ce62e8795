using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats.Wav;

namespace AudioPost.Sdk.Tests.Formats.Wav;

public sealed class WavCrashSafetyTests
{
    [Fact]
    public void Write_WithoutComplete_FileOnDiskIsReadableUpToTheLastHeaderRefresh() =>
        RefreshIntervalHarness.AssertKilledWriterReadableUpToLastRefresh("recording.wav", SampleFormat.Pcm24, WavFormat.Instance);

    [Fact]
    public void Write_RefreshIntervalZero_HeaderStaysEmptyUntilFlush() =>
        RefreshIntervalHarness.AssertHeaderStaysEmptyUntilFlush(
            new WavEncoder(new WavEncoderOptions { HeaderRefreshInterval = TimeSpan.Zero }), WavDecoder.Instance);

    [Fact]
    public void Write_ShortRefreshInterval_RefreshesOnBlockBoundariesAfterEachInterval() =>
        RefreshIntervalHarness.AssertRefreshesOnBlockBoundariesAfterEachInterval(
            new WavEncoder(new WavEncoderOptions { HeaderRefreshInterval = TimeSpan.FromMilliseconds(100) }), WavDecoder.Instance);
}
