using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Processing.Metering;
using AudioPost.Sdk.Processing.Mixing;
using AudioPost.Sdk.Sinks;
using AudioPost.Sdk.Sources;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Graph;

public sealed class OfflineRenderTests
{
    private static (RenderPlan Plan, BufferSink Sink) BuildMix(int frames)
    {
        var builder = new AudioGraphBuilder(new GraphOptions { BlockSize = 512 });
        var bus = builder.AddMultiInput(new MixerBus(4), "bus");
        for (var i = 0; i < 4; i++)
        {
            NodeId source = i % 2 == 0
                ? builder.AddSource(new ToneSource(220f * (i + 1), -12f))
                : builder.AddSource(new NoiseSource(NoiseColor.Pink, -24f, seed: (ulong)i));
            var pan = builder.AddProcessor(new PanProcessor((i - 1.5f) / 2f));
            builder.Connect(source, pan).Connect(pan, bus, i);
        }

        var fader = new GainProcessor(-1f);
        fader.Gain.SetValueAtTime(-1f, 1000).LinearRampToValueAtTime(-20f, 30_000);
        var master = builder.AddProcessor(fader, "master");
        var sink = new BufferSink(frames);
        builder.Connect(bus, master).Connect(master, builder.AddSink(sink));
        return (builder.Compile(), sink);
    }

    [Fact]
    public async Task RenderAsync_TwiceOverTheSameGraph_ProducesIdenticalBits()
    {
        const int Frames = 96_000;
        var (firstPlan, firstSink) = BuildMix(Frames);
        var (secondPlan, secondSink) = BuildMix(Frames);

        await OfflineRenderer.RenderAsync(firstPlan, Frames, cancellationToken: TestContext.Current.CancellationToken);
        await OfflineRenderer.RenderAsync(secondPlan, Frames, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(Frames, firstSink.FramesWritten);
        Assert.True(firstSink.GetChannel(0).ToArray().Any(s => s != 0f), "The render produced only silence.");
        Assert.Equal(SinkHash.Of(firstSink), SinkHash.Of(secondSink));
    }

    [Fact]
    public async Task RenderAsync_WithProgress_ReportsMonotonicallyAndFinishesAtTheTotal()
    {
        const int Frames = 480_000;
        var (plan, _) = BuildMix(Frames);
        var reports = new List<RenderProgress>();
        var progress = new SynchronousProgress(reports);

        var result = await OfflineRenderer.RenderAsync(plan, Frames, progress, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(Frames, result.FramesRendered);
        Assert.NotEmpty(reports);
        Assert.Equal(Frames, reports[^1].FramesRendered);
        Assert.Equal(1.0, reports[^1].Fraction);
        for (var i = 1; i < reports.Count; i++)
        {
            Assert.True(reports[i].FramesRendered >= reports[i - 1].FramesRendered);
        }
    }

    [Fact]
    public async Task RenderAsync_Cancelled_StopsAndStillCompletesTheSinks()
    {
        var builder = new AudioGraphBuilder();
        var sink = new CompletionProbe();
        builder.Connect(builder.AddSource(new ToneSource()), builder.AddSink(sink));
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => OfflineRenderer.RenderAsync(builder.Compile(), long.MaxValue / 2, cancellationToken: cancellation.Token));
        Assert.True(sink.Completed, "A render cancelled before it started left its sinks (open files) uncompleted.");
        Assert.Equal(0, sink.Frames);
    }

    [Fact]
    public void Render_CancelledMidway_CompletesTheSinks()
    {
        var builder = new AudioGraphBuilder();
        using var cancellation = new CancellationTokenSource();
        var sink = new CompletionProbe(() => cancellation.Cancel(), cancelAfterFrames: 10_000);
        builder.Connect(builder.AddSource(new ToneSource()), builder.AddSink(sink));

        Assert.ThrowsAny<OperationCanceledException>(() => OfflineRenderer.Render(builder.Compile(), 48_000 * 3600L, cancellationToken: cancellation.Token));
        Assert.True(sink.Completed);
        Assert.InRange(sink.Frames, 10_000, 10_000 + 256);
    }

    [Fact]
    public void Render_MeterTapInTheMix_ReadsTheExpectedLevel()
    {
        var builder = new AudioGraphBuilder();
        var meter = new MeterTap();
        var tone = builder.AddSource(new ToneSource(1000f, -6f));
        var tap = builder.AddProcessor(meter);
        builder.Connect(tone, tap).Connect(tap, builder.AddSink(new NullSink()));

        // Three seconds: ten of the RMS window's 300 ms time constants, so it has settled to 0.001 dB.
        OfflineRenderer.Render(builder.Compile(), 3 * 48_000, cancellationToken: TestContext.Current.CancellationToken);
        var readings = new MeterReading[1];

        Assert.True(meter.TryRead(readings));
        Assert.Equal(-6f, readings[0].MaxPeakDb, 0.01f);
        Assert.Equal(-6f - 3.0103f, readings[0].RmsDb, 0.05f);
    }

    private sealed class SynchronousProgress(List<RenderProgress> reports) : IProgress<RenderProgress>
    {
        public void Report(RenderProgress value) => reports.Add(value);
    }

    private sealed class CompletionProbe(Action? onThreshold = null, long cancelAfterFrames = long.MaxValue) : IAudioSink
    {
        public bool Completed { get; private set; }

        public long Frames { get; private set; }

        public void Prepare(in ProcessSpec spec)
        {
        }

        public void Reset()
        {
        }

        public void Write(ReadOnlyAudioBlock block, in ProcessContext context)
        {
            Frames += block.FrameCount;
            if (Frames >= cancelAfterFrames)
            {
                onThreshold?.Invoke();
            }
        }

        public void Complete() => Completed = true;
    }
}
