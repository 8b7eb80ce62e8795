using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Filters;
using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Processing.Filters;
using AudioPost.Sdk.Processing.Mixing;
using AudioPost.Sdk.Sinks;
using AudioPost.Sdk.Sources;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Graph;

/// <summary>Offline renders with the plan's lanes on several threads: the same bits as a serial render, faults surfaced
/// as a serial render surfaces them, no allocation per block, and worker threads that stop.</summary>
public sealed class ParallelRenderTests
{
    private const int Tracks = 12;

    /// <summary>
    /// A session-like graph: 12 tracks (tone, pink or white noise → EQ → automated gain → pan), one of them also sent to
    /// an aux bus through a latent processor (so the compiler adds compensation delays at the master's summing point),
    /// a master bus with automated gain into a sink. Every track is a lane; the buses, send and master are the join.
    /// </summary>
    private static (RenderPlan Plan, BufferSink Sink) BuildSession(int blockSize, long frames, Func<int, IAudioProcessor?>? extra = null) =>
        BuildSession(blockSize, frames, extra, []);

    private static (RenderPlan Plan, BufferSink Sink) BuildSession(int blockSize, long frames, Func<int, IAudioProcessor?>? extra, List<NodeId> extraIds)
    {
        var builder = new AudioGraphBuilder(new GraphOptions { BlockSize = blockSize });
        var master = builder.AddMultiInput(new MixerBus(Tracks + 1), "master");
        var aux = builder.AddMultiInput(new MixerBus(1), "aux");
        for (var i = 0; i < Tracks; i++)
        {
            NodeId node = (i % 3) switch
            {
                0 => builder.AddSource(new ToneSource(110f * (i + 1), -14f), $"tone {i}"),
                1 => builder.AddSource(new NoiseSource(NoiseColor.Pink, -22f, seed: (ulong)(i + 1)), $"pink {i}"),
                _ => builder.AddSource(new NoiseSource(NoiseColor.White, -30f, seed: (ulong)(i + 1)), $"white {i}"),
            };
            var eq = builder.AddProcessor(new BiquadFilterProcessor(BiquadType.Peak, 500f + (300f * i), 1.2f, 4f), $"eq {i}");
            builder.Connect(node, eq);
            node = eq;
            if (extra?.Invoke(i) is { } processor)
            {
                var added = builder.AddProcessor(processor, $"extra {i}");
                extraIds.Add(added);
                builder.Connect(node, added);
                node = added;
            }

            var gain = new GainProcessor(-2f - i);
            gain.Gain.SetValueAtTime(-2f - i, 3_000 + (i * 777)).LinearRampToValueAtTime(-20f, 40_000 + (i * 1_001))
                .ExponentialRampToValueAtTime(-1f, 90_000);
            var gainNode = builder.AddProcessor(gain, $"gain {i}");
            var pan = builder.AddProcessor(new PanProcessor((i / 5.5f) - 1f), $"pan {i}");
            builder.Connect(node, gainNode).Connect(gainNode, pan).Connect(pan, master, i);
            if (i == 4)
            {
                // Fan-out: this track's pan also feeds the aux bus, so its last node belongs to the join stage's readers.
                builder.Connect(pan, aux, 0);
            }
        }

        var latent = builder.AddProcessor(new LatentProcessor(37), "aux latency");
        builder.Connect(aux, latent).Connect(latent, master, Tracks);
        var fader = new GainProcessor(-3f);
        fader.Gain.SetValueAtTime(-3f, 20_000).LinearRampToValueAtTime(-9f, 70_000);
        var masterGain = builder.AddProcessor(fader, "master gain");
        var sink = new BufferSink(frames);
        builder.Connect(master, masterGain).Connect(masterGain, builder.AddSink(sink, "sink"));
        return (builder.Compile(), sink);
    }

    public static TheoryData<int, int> BlockSizesAndThreads()
    {
        // Random block sizes (fixed seed, so a failure reproduces), each at a few thread counts.
        var random = new Random(20261124);
        var data = new TheoryData<int, int>();
        foreach (var threads in new[] { 2, 3, 8 })
        {
            data.Add(random.Next(1, 64), threads);
            data.Add(random.Next(64, 1024), threads);
            data.Add(random.Next(1024, 4097), threads);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BlockSizesAndThreads))]
    public void Render_MultiTrackSessionWithAutomation_IsBitIdenticalToSerial(int blockSize, int threads)
    {
        const long Frames = 100_003;
        var (serialPlan, serialSink) = BuildSession(blockSize, Frames);
        var (parallelPlan, parallelSink) = BuildSession(blockSize, Frames);

        OfflineRenderer.Render(serialPlan, Frames, cancellationToken: TestContext.Current.CancellationToken, options: OfflineRenderOptions.Serial);
        OfflineRenderer.Render(parallelPlan, Frames, cancellationToken: TestContext.Current.CancellationToken, options: new OfflineRenderOptions { MaxDegreeOfParallelism = threads });

        Assert.Equal(Tracks, parallelPlan.LaneCount);
        Assert.Equal(Frames, parallelSink.FramesWritten);
        Assert.True(serialPlan.CompensationDelayCount > 0, "The aux send should need a compensation delay.");
        Assert.True(parallelSink.GetChannel(0).ToArray().Any(s => s != 0f), "The render produced only silence.");
        Assert.Equal(SinkHash.Of(serialSink), SinkHash.Of(parallelSink));
    }

    [Fact]
    public void Compile_LanesOfASession_HoldTheTracksAndLeaveTheBusesToTheJoin()
    {
        var (plan, _) = BuildSession(256, 1);

        // One lane per source; buses, latency, master gain and sink are not in any lane.
        Assert.Equal(Tracks, plan.LaneCount);
    }

    [Fact]
    public void Render_LaneThatThrows_RethrowsTheNodesExceptionAndStopsTheWorkers()
    {
        const long Frames = 48_000;
        var failing = new ThrowingProcessor(atStreamFrame: 20_000, "disk gone in track 7");
        var extras = new List<NodeId>();
        var (plan, sink) = BuildSession(512, Frames, i => i == 7 ? failing : null, extras);
        ParallelPlanExecutor? used = null;
        void Capture(ParallelPlanExecutor executor)
        {
            if (executor.Plan == plan)
            {
                used = executor;
            }
        }

        ParallelPlanExecutor.Started += Capture;
        try
        {
            var thrown = Assert.Throws<InvalidOperationException>(() =>
                OfflineRenderer.Render(plan, Frames, cancellationToken: TestContext.Current.CancellationToken, options: new OfflineRenderOptions { MaxDegreeOfParallelism = 4 }));
            Assert.Same(failing.Thrown, thrown);
        }
        finally
        {
            ParallelPlanExecutor.Started -= Capture;
        }

        Assert.True(plan.IsFaulted(Assert.Single(extras)));

        // The block that failed was still completed (as a serial render does), and nothing after it.
        Assert.Equal(20_480, sink.FramesWritten);
        Assert.NotNull(used);
        Assert.Equal(3, used.WorkerCount);
        Assert.True(used.WorkersStopped, "The lane workers are still running after the render threw.");
    }

    [Fact]
    public void Render_TwoLanesThrowInOneBlock_RethrowsTheEarlierTracksFault()
    {
        const long Frames = 48_000;
        var first = new ThrowingProcessor(atStreamFrame: 10_000, "track 2");
        var second = new ThrowingProcessor(atStreamFrame: 10_000, "track 9");

        for (var attempt = 0; attempt < 5; attempt++)
        {
            // Thread timing differs from attempt to attempt; the fault reported must not.
            var (plan, _) = BuildSession(1024, Frames, i => i switch { 2 => first.Fresh(), 9 => second.Fresh(), _ => null });
            var thrown = Assert.Throws<InvalidOperationException>(() =>
                OfflineRenderer.Render(plan, Frames, cancellationToken: TestContext.Current.CancellationToken, options: new OfflineRenderOptions { MaxDegreeOfParallelism = 3 }));
            Assert.Equal("track 2", thrown.Message);
        }
    }

    [Fact]
    public void Execute_AfterWarmUp_AllocatesNothingOnTheRenderThreadOrTheWorkers()
    {
        const int BlockSize = 256;
        var probes = new AllocationProbe[Tracks];
        var (plan, _) = BuildSession(BlockSize, 1, i => probes[i] = new AllocationProbe());
        var renderer = new AudioRenderer(plan, isOffline: true);
        using var executor = new ParallelPlanExecutor(plan, 3);
        renderer.UseParallelExecutor(executor);

        // Long enough for tiered compilation to settle on every thread, which may allocate once per method.
        var warmUp = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 2_000 || warmUp.ElapsedMilliseconds < 1_000; i++)
        {
            renderer.RenderBlock(BlockSize);
        }

        AllocationAssert.NoAllocations(_ => renderer.RenderBlock(BlockSize), iterations: 5_000, warmup: 0);

        // The probes see every thread that runs a lane: between two of their calls on one thread (lanes, scheduling,
        // waiting), nothing may be allocated. As in AllocationAssert, up to three windows: the runtime can allocate
        // once on a thread while it swaps in optimised code (slow to settle on a loaded machine); a per-block
        // allocation shows in every window.
        var windows = new List<long>(3);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            AllocationProbe.StartWindow();
            for (var i = 0; i < 5_000; i++)
            {
                renderer.RenderBlock(BlockSize);
            }

            AllocationProbe.StopWindow();
            var allocated = probes.Sum(p => p.TakeWarmAllocatedBytes());
            if (allocated == 0)
            {
                break;
            }

            windows.Add(allocated);
        }

        Assert.True(windows.Count < 3, $"{string.Join(", ", windows)} bytes allocated on the lane threads in three windows of 5,000 blocks.");
        Assert.All(probes, p => Assert.True(p.Calls > 5_000));
    }

    [Fact]
    public void Dispose_StopsAndJoinsEveryWorker()
    {
        var (plan, _) = BuildSession(128, 1);
        var executor = new ParallelPlanExecutor(plan, 4);
        var renderer = new AudioRenderer(plan, isOffline: true);
        renderer.UseParallelExecutor(executor);
        for (var i = 0; i < 100; i++)
        {
            renderer.RenderBlock(128);
        }

        Assert.Equal(3, executor.WorkerCount);
        executor.Dispose();
        executor.Dispose();

        Assert.True(executor.WorkersStopped);
        Assert.Throws<ObjectDisposedException>(() => renderer.RenderBlock(128));
    }

    [Fact]
    public void Render_OneLaneOrOneThread_RunsSerially()
    {
        var builder = new AudioGraphBuilder(new GraphOptions { BlockSize = 64 });
        var sink = new BufferSink(1_000);
        builder.Connect(builder.AddSource(new ToneSource(440f, -6f)), builder.AddSink(sink));
        var plan = builder.Compile();

        Assert.Equal(1, plan.LaneCount);
        Assert.False(ParallelPlanExecutor.IsWorthwhile(plan, 8));
        Assert.False(ParallelPlanExecutor.IsWorthwhile(BuildSession(64, 1).Plan, 1));
        OfflineRenderer.Render(plan, 1_000, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1_000, sink.FramesWritten);
    }

    [Fact]
    public void Options_DegreeBelowOne_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OfflineRenderOptions { MaxDegreeOfParallelism = 0 });
        Assert.Equal(Environment.ProcessorCount, OfflineRenderOptions.Default.MaxDegreeOfParallelism);
        Assert.Equal(1, OfflineRenderOptions.Serial.MaxDegreeOfParallelism);
    }

    /// <summary>Throws once the stream reaches a frame: a file that fails in the middle of a render.</summary>
    private sealed class ThrowingProcessor(long atStreamFrame, string message) : IAudioProcessor
    {
        public InvalidOperationException Thrown { get; } = new(message);

        public ThrowingProcessor Fresh() => new(atStreamFrame, message);

        public void Prepare(in ProcessSpec spec)
        {
        }

        public void Reset()
        {
        }

        public void Process(AudioBlock buffer, in ProcessContext context)
        {
            if (context.StreamFrame + buffer.FrameCount > atStreamFrame)
            {
                throw Thrown;
            }
        }
    }

    /// <summary>Records the bytes its thread allocated between two of its calls on that thread within one measuring
    /// window.</summary>
    private sealed class AllocationProbe : IAudioProcessor
    {
        [ThreadStatic]
        private static long t_last;

        [ThreadStatic]
        private static int t_window;

        private static int s_window;
        private static volatile bool s_measuring;

        private long _warmAllocated;
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public static void StartWindow()
        {
            Interlocked.Increment(ref s_window);
            s_measuring = true;
        }

        public static void StopWindow() => s_measuring = false;

        public long TakeWarmAllocatedBytes() => Interlocked.Exchange(ref _warmAllocated, 0);

        public void Prepare(in ProcessSpec spec)
        {
        }

        public void Reset()
        {
        }

        public void Process(AudioBlock buffer, in ProcessContext context)
        {
            var now = GC.GetAllocatedBytesForCurrentThread();
            Interlocked.Increment(ref _calls);
            if (s_measuring)
            {
                // Only between two calls on this thread inside the same window.
                var window = Volatile.Read(ref s_window);
                if (t_window == window)
                {
                    Interlocked.Add(ref _warmAllocated, now - t_last);
                }

                t_window = window;
            }

            t_last = GC.GetAllocatedBytesForCurrentThread();
        }
    }
}
