using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Sinks;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Sinks;

/// <summary>Dropping a chain's latency from the start of a render, across block boundaries.</summary>
public sealed class LatencyCompensatedSinkTests
{
    [Theory]
    [InlineData(0, 64)]
    [InlineData(100, 64)]
    [InlineData(64, 64)]
    [InlineData(1000, 7)]
    public void Write_DropsExactlySkipFramesThenForwardsTheRest(int skip, int blockFrames)
    {
        const int Total = 3000;
        var inner = new BufferSink(Total);
        var sink = new LatencyCompensatedSink(inner, skip);
        sink.Prepare(new ProcessSpec(48_000, blockFrames, 1));
        var ramp = Enumerable.Range(0, Total).Select(i => (float)i).ToArray();

        for (var start = 0; start < Total; start += blockFrames)
        {
            var frames = Math.Min(blockFrames, Total - start);
            sink.Write(new ReadOnlyAudioBlock(ramp.AsSpan(start, frames), 1, frames), new ProcessContext(start, start, 48_000, true));
        }

        Assert.Equal(Total - skip, inner.FramesWritten);
        Assert.Equal(ramp[skip..], inner.GetChannel(0).ToArray());
    }

    [Fact]
    public void Reset_StartsTheSkipAgain_AndSettingSkipFramesRestartsIt()
    {
        var inner = new BufferSink(100);
        var sink = new LatencyCompensatedSink(inner, 10);
        sink.Prepare(new ProcessSpec(48_000, 16, 1));
        var block = new float[16];
        sink.Write(new ReadOnlyAudioBlock(block, 1, 16), default);
        Assert.Equal(6, inner.FramesWritten);

        sink.Reset();
        sink.SkipFrames = 4;
        sink.Write(new ReadOnlyAudioBlock(block, 1, 16), default);

        Assert.Equal(6 + 12, inner.FramesWritten);
        Assert.Throws<ArgumentOutOfRangeException>(() => sink.SkipFrames = -1);
    }

    [Fact]
    public void Write_AllocatesNothing()
    {
        var sink = new LatencyCompensatedSink(new NullSink(), 100);
        sink.Prepare(new ProcessSpec(48_000, 256, 2));
        var data = new float[512];

        AllocationAssert.NoAllocations(_ => sink.Write(new ReadOnlyAudioBlock(data, 2, 256), default));
    }
}
