using System.Diagnostics;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Devices;
using AudioPost.Sdk.Engine;
using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Processing.Mixing;
using AudioPost.Sdk.Sinks;
using AudioPost.Sdk.Sources;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Engine;

public sealed class AudioEngineTests
{
    private static readonly AudioEngineOptions ManualMonitor = new() { MonitorInterval = TimeSpan.Zero };

    [ThreadStatic]
    private static bool onAudioThread;

    [Theory]
    [InlineData(256)]
    [InlineData(100)]
    [InlineData(1024)]
    public void Process_DeviceBuffersOfAnySize_PlayTheSameSamplesAsAnOfflineHostRender(int deviceBuffer)
    {
        static RenderPlan Plan()
        {
            var builder = new AudioGraphBuilder(new GraphOptions { BlockSize = 256 });
            var tone = builder.AddSource(new ToneSource(997f, -6f, 2));
            var gain = builder.AddProcessor(new GainProcessor(-3f));
            builder.Connect(tone, gain).SetOutput(gain);
            return builder.Compile();
        }

        const int Frames = 48000;
        var reference = GraphHarness.RenderHost(new AudioRenderer(Plan()), Frames, 256);
        using var engine = new AudioEngine(Plan(), ManualMonitor);
        var planar = new float[2 * deviceBuffer];
        var played = new float[2 * Frames];

        for (var done = 0; done < Frames; done += deviceBuffer)
        {
            var count = Math.Min(deviceBuffer, Frames - done);
            engine.Process(default, new AudioBlock(planar, 2, count, deviceBuffer), new AudioDeviceTime(done, 0));
            for (var i = 0; i < count; i++)
            {
                played[2 * (done + i)] = planar[i];
                played[(2 * (done + i)) + 1] = planar[deviceBuffer + i];
            }
        }

        Assert.Equal(reference, played);
    }

    [Fact]
    public async Task ThrowingProcessor_IsBypassedReportedOffTheAudioThread_AndTheEngineKeepsRunning()
    {
        var builder = new AudioGraphBuilder(new GraphOptions { BlockSize = 64 });
        var dc = builder.AddSource(new DcSource(0.25f));
        var faulty = new ThrowingProcessor(at: 640);
        var plugin = builder.AddProcessor(faulty, "crashy plug-in");
        builder.Connect(dc, plugin).SetOutput(plugin);
        using var engine = new AudioEngine(builder.Compile(), new AudioEngineOptions { MonitorInterval = TimeSpan.FromMilliseconds(5) });
        var reported = new TaskCompletionSource<(RenderFault Fault, int Thread)>(TaskCreationOptions.RunContinuationsAsynchronously);
        engine.ProcessorFaulted += (_, e) => reported.TrySetResult((e.Fault, onAudioThread ? -1 : Environment.CurrentManagedThreadId));
        using var stream = (NullDeviceStream)engine.Open(new NullDeviceBackend(NullDeviceClock.Manual), options: new AudioStreamOptions { BufferFrames = 64 });
        engine.Start();

        onAudioThread = true;
        stream.Advance(40);
        onAudioThread = false;
        var (fault, thread) = await reported.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.Equal(plugin, fault.Node);
        Assert.Equal("crashy plug-in", fault.NodeName);
        Assert.Equal("the plug-in crashed", fault.Exception.Message);
        Assert.Equal(640, fault.StreamFrame);
        Assert.NotEqual(-1, thread);
        Assert.Equal(40, stream.CallbackCount);
        Assert.Equal(1, engine.Renderer.FaultCount);
        Assert.True(engine.Renderer.Plan.IsFaulted(plugin));
        Assert.Equal(11, faulty.Calls);
        Assert.Equal(40, engine.CallbackCount);
    }

    [Fact]
    public void ThrowingNodes_ProcessorPassesItsInputThrough_SourceFallsSilent_OthersUnaffected()
    {
        var builder = new AudioGraphBuilder(new GraphOptions { BlockSize = 32 });
        var dc = builder.AddSource(new DcSource(0.5f));
        var faulty = builder.AddProcessor(new ThrowingProcessor(at: 64));
        var broken = builder.AddSource(new ThrowingSource());
        var good = builder.AddSource(new DcSource(0.125f));
        var dry = new BufferSink(32 * 8);
        var silent = new BufferSink(32 * 8);
        var healthy = new BufferSink(32 * 8);
        builder.Connect(dc, faulty).Connect(faulty, builder.AddSink(dry));
        builder.Connect(broken, builder.AddSink(silent));
        builder.Connect(good, builder.AddSink(healthy));
        var renderer = new AudioRenderer(builder.Compile());

        for (var i = 0; i < 8; i++)
        {
            renderer.RenderBlock(32);
        }

        var passed = dry.GetChannel(0).ToArray();
        Assert.All(passed[..64], s => Assert.Equal(1f, s));
        Assert.All(passed[64..], s => Assert.Equal(0.5f, s));
        Assert.All(silent.GetChannel(0).ToArray(), s => Assert.Equal(0f, s));
        Assert.All(healthy.GetChannel(0).ToArray(), s => Assert.Equal(0.125f, s));
        Assert.Equal(2, renderer.FaultCount);
    }

    [Fact]
    public void Fault_SurvivesARecompile_UntilClearFault()
    {
        var host = new float[32];
        // Force the fault through a plan that throws at once.
        var builder2 = new AudioGraphBuilder(new GraphOptions { BlockSize = 32 });
        var plugin2 = builder2.AddProcessor(new ThrowingProcessor(at: 0));
        builder2.Connect(builder2.AddSource(new DcSource(0.5f)), plugin2).SetOutput(plugin2);
        var renderer2 = new AudioRenderer(builder2.Compile());
        renderer2.Render(host);
        Assert.Equal(0.5f, host[0]);
        Assert.True(renderer2.Plan.IsFaulted(plugin2));

        renderer2.SwapPlan(builder2.Compile());
        renderer2.Render(host);
        Assert.True(renderer2.Plan.IsFaulted(plugin2));
        Assert.Equal(0.5f, host[0]);

        Assert.True(builder2.ClearFault(plugin2));
        Assert.False(renderer2.Plan.IsFaulted(plugin2));
        Assert.False(builder2.ClearFault(plugin2));
        Assert.True(renderer2.TryGetFault(out var fault));
        Assert.Equal(plugin2, fault.Node);
        Assert.False(renderer2.TryGetFault(out _));
    }

    [Fact]
    public void Watchdog_CountsExactlyTheBuffersThatMissTheirDeadline()
    {
        // 4096-frame buffers at 48 kHz last 85 ms (room for a loaded machine); three buffers spin for twice that, the rest do almost nothing.
        const int Buffer = 4096;
        var period = Buffer * Stopwatch.Frequency / 48000;
        var builder = new AudioGraphBuilder(new GraphOptions { BlockSize = Buffer });
        var spin = builder.AddProcessor(new SpinProcessor(2 * period, 3, 7, 11));
        builder.Connect(builder.AddSource(new DcSource(0.1f)), spin).SetOutput(spin);
        using var engine = new AudioEngine(builder.Compile(), ManualMonitor);
        using var stream = (NullDeviceStream)engine.Open(new NullDeviceBackend(NullDeviceClock.Manual), options: new AudioStreamOptions { BufferFrames = Buffer });
        engine.Start();

        stream.Advance(16);

        Assert.Equal(3, engine.OverrunCount);
        Assert.InRange(engine.PeakLoad, 2.0, 10.0);
        engine.ResetStatistics();
        Assert.Equal(0, engine.OverrunCount);
    }

    [Fact]
    public void LoadMeter_ReadsTheShareOfThePeriodSpentRendering()
    {
        const int Buffer = 960;
        var period = Buffer * Stopwatch.Frequency / 48000;
        var builder = new AudioGraphBuilder(new GraphOptions { BlockSize = Buffer });
        var spin = builder.AddProcessor(new SpinProcessor(period / 2));
        builder.Connect(builder.AddSource(new DcSource(0.1f)), spin).SetOutput(spin);
        using var engine = new AudioEngine(builder.Compile(), ManualMonitor);
        var output = new float[Buffer * 1];

        // 100 buffers (2 s of audio) at half load; the 300 ms smoothing has settled.
        for (var i = 0; i < 100; i++)
        {
            engine.Render(output);
        }

        // Spinning guarantees at least half; preemption on a loaded machine can only add, so only the floor is exact.
        Assert.True(engine.Load >= 0.48, $"load {engine.Load}");
        Assert.True(engine.PeakLoad >= engine.Load);
        Assert.Equal(100, engine.CallbackCount);
    }

    [Fact]
    public void LoadMeter_IdleGraph_ReadsNearZero()
    {
        var builder = new AudioGraphBuilder(new GraphOptions { BlockSize = 960 });
        builder.SetOutput(builder.AddSource(new DcSource(0.1f)));
        using var engine = new AudioEngine(builder.Compile(), ManualMonitor);
        var output = new float[960];

        for (var i = 0; i < 100; i++)
        {
            engine.Render(output);
        }

        // Copying 960 constants takes microseconds of a 20 ms period.
        Assert.InRange(engine.Load, 0.0, 0.2);
    }

    [Theory]
    [InlineData(64, 64)]
    [InlineData(64, 100)]
    public void Recording_NullLoopback_FindsTheClickWhereItWasPlayed(int blockSize, int deviceBuffer)
    {
        const long ClickAt = 5000;
        var builder = new AudioGraphBuilder(new GraphOptions { BlockSize = blockSize });
        var click = builder.AddSource(new ImpulseSource(1, ClickAt));
        builder.SetOutput(click);
        var input = new DeviceInputSource(1);
        var recorded = new BufferSink(20000);
        var capture = new CaptureSink(recorded);
        builder.Connect(builder.AddSource(input), builder.AddSink(capture));
        using var engine = new AudioEngine(builder.Compile(), new AudioEngineOptions { Input = input, MonitorInterval = TimeSpan.Zero });
        using var stream = (NullDeviceStream)engine.Open(new NullDeviceBackend(NullDeviceClock.Manual, loopback: true), options: new AudioStreamOptions { BufferFrames = deviceBuffer });
        capture.Arm(0, engine.RoundTripLatencyFrames);
        engine.Start();

        stream.Advance(10000 / deviceBuffer);
        engine.Stop();
        capture.Complete();

        var samples = recorded.GetChannel(0);
        var peak = samples.IndexOf(1f);
        Assert.Equal(ClickAt, peak);
        Assert.Equal(0, capture.FirstPlaybackFrame);
        Assert.Equal(deviceBuffer + (deviceBuffer % blockSize == 0 ? 0 : blockSize), engine.RoundTripLatencyFrames);
        Assert.Equal(0, capture.DroppedFrames);
    }

    [Fact]
    public void Process_AllocatesNothing_WithInputCaptureAndAutomation()
    {
        var builder = new AudioGraphBuilder(new GraphOptions { BlockSize = 128 });
        var tone = builder.AddSource(new ToneSource(440f, -12f, 2));
        var gainNode = new GainProcessor(-6f);
        var gain = builder.AddProcessor(gainNode);
        builder.Connect(tone, gain).SetOutput(gain);
        var input = new DeviceInputSource(2);
        builder.Connect(builder.AddSource(input), builder.AddSink(new NullSink()));
        using var engine = new AudioEngine(builder.Compile(), new AudioEngineOptions { Input = input, MonitorInterval = TimeSpan.Zero });
        using var stream = (NullDeviceStream)engine.Open(new NullDeviceBackend(NullDeviceClock.Manual, loopback: true), options: new AudioStreamOptions { BufferFrames = 128 });
        engine.Start();

        AllocationAssert.NoAllocations(i =>
        {
            if (i % 100 == 0)
            {
                gainNode.Gain.Value = -6f - (i % 7);
            }

            stream.Advance(1);
        });
    }

    [Fact]
    public void Render_HostDriven_AllocatesNothing()
    {
        var builder = new AudioGraphBuilder(new GraphOptions { BlockSize = 256 });
        var tone = builder.AddSource(new ToneSource(440f, -12f, 2));
        builder.SetOutput(tone);
        using var engine = new AudioEngine(builder.Compile(), ManualMonitor);
        var host = new float[2 * 333];

        AllocationAssert.NoAllocations(_ => engine.Render(host));
    }

    [Fact]
    public void AudioThreadCompiledMethods_CountsCodeANodeReachesForTheFirstTimeMidStream()
    {
        Assert.SkipUnless(System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeCompiled, "no JIT (Native AOT)");
        var builder = new AudioGraphBuilder(new GraphOptions { BlockSize = 64 });
        var late = new LateCodeProcessor(at: 64 * 10);
        var dc = builder.AddSource(new DcSource(0.25f));
        var node = builder.AddProcessor(late);
        builder.Connect(dc, node).SetOutput(node);
        using var engine = new AudioEngine(builder.Compile(), ManualMonitor);
        var host = new float[64];

        engine.Render(host);
        var afterFirst = engine.AudioThreadCompiledMethods;
        for (var i = 1; i < 10; i++)
        {
            engine.Render(host);
        }

        var beforeLateCode = engine.AudioThreadCompiledMethods;
        engine.Render(host);

        Assert.True(afterFirst > 0, "the first block compiles the node's Process");
        Assert.Equal(afterFirst, beforeLateCode);
        Assert.True(engine.AudioThreadCompiledMethods > beforeLateCode, "the late path was compiled on the render thread and counted");
        Assert.Equal(1f, host[0]);
    }

    [Fact]
    public async Task DeviceLost_IsForwardedByTheEngine_AndReopenResumesTheAudio()
    {
        var builder = new AudioGraphBuilder(new GraphOptions { BlockSize = 64 });
        builder.SetOutput(builder.AddSource(new DcSource(0.5f)));
        using var engine = new AudioEngine(builder.Compile(), ManualMonitor);
        using var stream = (NullDeviceStream)engine.Open(new NullDeviceBackend(NullDeviceClock.Manual), options: new AudioStreamOptions { BufferFrames = 64 });
        var lost = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        engine.DeviceLost += (_, e) => lost.TrySetResult(e.Reason);
        engine.Start();
        stream.Advance(3);

        stream.SimulateDeviceLost("server stopped");

        Assert.Equal("server stopped", await lost.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        engine.Reopen();
        stream.Advance(3);
        Assert.Equal(6, engine.CallbackCount);
        Assert.Equal(6 * 64, engine.Renderer.StreamFrame);
    }
}
