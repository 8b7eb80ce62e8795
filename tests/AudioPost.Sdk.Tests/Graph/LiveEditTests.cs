using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Processing.Delays;
using AudioPost.Sdk.Processing.Mixing;
using AudioPost.Sdk.Sinks;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Graph;

/// <summary>Edits made while a plan renders: what the compiler allows, and that the running plan is never disturbed.</summary>
public sealed class LiveEditTests
{
    [Fact]
    public void Compile_NodeRemovedAndAddedBackWithAnotherShape_IsRejectedAndTheRunningPlanKeepsRendering()
    {
        var builder = new AudioGraphBuilder(new GraphOptions { BlockSize = 64 });
        var mono = builder.AddSource(new DcSource(1f, 1));
        var echo = new DelayProcessor(100);
        var node = builder.AddProcessor(echo, "echo");
        builder.Connect(mono, node).SetOutput(node);
        var running = new AudioRenderer(builder.Compile());
        GraphHarness.RenderHost(running, 256);

        // An "undo delete" that feeds the same instance stereo must not re-prepare it under the running plan.
        builder.Remove(node);
        var stereo = builder.AddSource(new DcSource(1f, 2));
        var again = builder.AddProcessor(echo, "echo");
        builder.Connect(stereo, again).SetOutput(again);

        var error = Assert.Throws<GraphCompileException>(builder.Compile);
        Assert.Equal(["echo"], error.Nodes);
        var output = GraphHarness.RenderHost(running, 256);
        Assert.All(output, s => Assert.Equal(1f, s));
    }

    [Fact]
    public void Compile_TrackWiredIntoAPlayingBus_IsAcceptedAndHeardFromTheSwap()
    {
        var builder = new AudioGraphBuilder(new GraphOptions { BlockSize = 64 });
        var first = builder.AddSource(new DcSource(0.25f, 2), "track 1");
        var bus = builder.AddMultiInput(new MixerBus(8), "bus");
        builder.Connect(first, bus, 0).SetOutput(bus);
        var renderer = new AudioRenderer(builder.Compile());
        var before = GraphHarness.RenderHost(renderer, 128);

        var second = builder.AddSource(new DcSource(0.5f, 1), "track 2 (mono)");
        builder.Connect(second, bus, 1);
        renderer.SwapPlan(builder.Compile());
        var after = GraphHarness.RenderHost(renderer, 128);

        Assert.All(before, s => Assert.Equal(0.25f, s));
        Assert.All(after, s => Assert.Equal(0.75f, s));
    }

    [Fact]
    public void Compile_SinkReconnectedToANarrowerSource_IsRejectedNamingTheSink()
    {
        var builder = new AudioGraphBuilder();
        var stereo = builder.AddSource(new DcSource(1f, 2));
        var sink = builder.AddSink(new NullSink(), "recorder");
        builder.Connect(stereo, sink);
        builder.Compile();
        builder.Disconnect(stereo, sink);
        builder.Connect(builder.AddSource(new DcSource(1f, 1)), sink);

        var error = Assert.Throws<GraphCompileException>(builder.Compile);

        Assert.Equal(["recorder"], error.Nodes);
    }
}
