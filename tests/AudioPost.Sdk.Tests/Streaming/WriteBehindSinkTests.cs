using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Sinks;
using AudioPost.Sdk.Sources;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Streaming;

public sealed class WriteBehindSinkTests
{
    private const int Rate = 48_000;

    [Fact]
    public void Write_WaitMode_TheInnerSinkReceivesEveryFrameInOrder_WithContinuingContexts()
    {
        var inner = new RecordingSink();
        using var sink = new WriteBehindSink(inner, StreamingMode.Wait, bufferFrames: 2048);
        sink.Prepare(new ProcessSpec(Rate, 1024, 2));
        var storage = new float[2 * 1024];
        var random = new Random(3);
        var total = 0;
        for (var step = 0; step < 2_000; step++)
        {
            var frames = random.Next(1, 1025);
            var block = new AudioBlock(storage, 2, frames);
            for (var i = 0; i < frames; i++)
            {
                block[0][i] = total + i;
                block[1][i] = -(total + i);
            }

            sink.Write(block, new ProcessContext(5_000 + total, 90_000 + total, Rate, true));
            total += frames;
        }

        sink.Complete();

        Assert.True(inner.Completed);
        Assert.Equal(total, inner.Left.Count);
        for (var i = 0; i < total; i++)
        {
            Assert.Equal(i, inner.Left[i]);
            Assert.Equal(-i, inner.Right[i]);
        }

        Assert.Equal(90_000, inner.FirstTimelineFrame);
        Assert.True(inner.ContextsContinue);
        Assert.Equal(0, sink.DroppedFrames);
    }

    [Fact]
    public void Write_RealTimeMode_AllocatesNothing_AndCountsWhatItDrops()
    {
        var inner = new BufferSink(1 << 22);
        using var sink = new WriteBehindSink(inner, StreamingMode.RealTime, bufferFrames: 1 << 16);
        sink.Prepare(new ProcessSpec(Rate, 64, 2));
        var storage = new float[2 * 64];
        var writes = 0L;
        AllocationAssert.NoAllocations(step =>
        {
            sink.Write(new ReadOnlyAudioBlock(storage, 2, 64), new ProcessContext(step, step * 64L, Rate, false));
            writes++;
        });
        sink.Complete();

        Assert.Equal(writes * 64, inner.FramesWritten + sink.DroppedFrames);
    }

    [Fact]
    public void Complete_AfterTheInnerSinkFailed_RethrowsItsException()
    {
        using var sink = new WriteBehindSink(new FailingSink(), StreamingMode.Wait, bufferFrames: 1024);
        sink.Prepare(new ProcessSpec(Rate, 256, 1));
        var storage = new float[256];

        var error = Assert.Throws<IOException>(() =>
        {
            for (var step = 0; step < 1_000; step++)
            {
                sink.Write(new ReadOnlyAudioBlock(storage, 1, 256), new ProcessContext(step, step * 256L, Rate, true));
            }

            sink.Complete();
        });
        Assert.Equal("disk full", error.Message);
    }

    [Fact]
    public void OfflineRender_ASinkThatFails_StopsTheRenderWithItsException()
    {
        var graph = new AudioGraphBuilder(new GraphOptions { SampleRate = Rate, BlockSize = 256 });
        graph.Connect(graph.AddSource(new RampSource(), "ramp"), graph.AddSink(new FailingSink(), "file"));

        var error = Assert.Throws<IOException>(() => OfflineRenderer.Render(graph.Compile(), Rate, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("disk full", error.Message);
    }

    private sealed class RecordingSink : IAudioSink
    {
        private long _expected = long.MinValue;

        public List<float> Left { get; } = [];

        public List<float> Right { get; } = [];

        public long FirstTimelineFrame { get; private set; } = -1;

        public bool ContextsContinue { get; private set; } = true;

        public bool Completed { get; private set; }

        public void Prepare(in ProcessSpec spec)
        {
        }

        public void Reset()
        {
        }

        public void Write(ReadOnlyAudioBlock block, in ProcessContext context)
        {
            if (FirstTimelineFrame < 0)
            {
                FirstTimelineFrame = context.TimelineFrame;
            }
            else
            {
                ContextsContinue &= context.TimelineFrame == _expected;
            }

            _expected = context.TimelineFrame + block.FrameCount;
            Left.AddRange(block[0]);
            Right.AddRange(block[1]);
        }

        public void Complete() => Completed = true;
    }

    private sealed class FailingSink : IAudioSink
    {
        private int _writes;

        public void Prepare(in ProcessSpec spec)
        {
        }

        public void Reset()
        {
        }

        public void Write(ReadOnlyAudioBlock block, in ProcessContext context)
        {
            if (++_writes > 2)
            {
                throw new IOException("disk full");
            }
        }

        public void Complete()
        {
        }
    }
}
