using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Processing.Metering;
using AudioPost.Sdk.Processing.Mixing;
using AudioPost.Sdk.Sources;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Graph;

public sealed class PlanSwapTests
{
    private const int Frames = 48_000;

    private sealed class Session
    {
        public Session()
        {
            Builder = new AudioGraphBuilder(new GraphOptions { BlockSize = 128 });
            var tone = Builder.AddSource(new ToneSource(997f, -6f), "tone");
            var noise = Builder.AddSource(new NoiseSource(NoiseColor.Pink, -30f), "noise");
            var latent = Builder.AddProcessor(new LatentProcessor(77), "look-ahead");
            Gain = Builder.AddProcessor(new GainProcessor(-3f), "gain");
            Bus = Builder.AddMultiInput(new MixerBus(2), "bus");
            Builder.Connect(tone, latent).Connect(latent, Bus, 0).Connect(noise, Gain).Connect(Gain, Bus, 1).SetOutput(Bus);
        }

        public AudioGraphBuilder Builder { get; }

        public NodeId Gain { get; }

        public NodeId Bus { get; }
    }

    [Fact]
    public void SwapPlan_DuringRender_MatchesAnUninterruptedRender()
    {
        var reference = GraphHarness.RenderHost(new AudioRenderer(new Session().Builder.Compile()), Frames, 480);

        var session = new Session();
        var renderer = new AudioRenderer(session.Builder.Compile());
        var output = new float[Frames];
        renderer.Render(output.AsSpan(0, 20_000));

        // Edit while playing: insert a meter between gain and bus, compile off the audio thread, swap.
        var meter = session.Builder.AddProcessor(new MeterTap(), "meter");
        session.Builder.Disconnect(session.Gain, session.Bus, 1);
        session.Builder.Connect(session.Gain, meter).Connect(meter, session.Bus, 1);
        var edited = session.Builder.Compile();
        renderer.SwapPlan(edited);
        renderer.Render(output.AsSpan(20_000, 7_001));
        renderer.Render(output.AsSpan(27_001));

        Assert.Same(edited, renderer.Plan);
        Assert.Equal(reference, output);
    }

    [Fact]
    public void TrySchedulePlanSwap_AtAFrameInsideABlock_SwitchesOnThatExactSample()
    {
        var builder = new AudioGraphBuilder(new GraphOptions { BlockSize = 64 });
        var source = builder.AddSource(new DcSource(1f), "dc");
        var gain = builder.AddProcessor(new GainProcessor(), "gain");
        builder.Connect(source, gain).SetOutput(gain);
        var renderer = new AudioRenderer(builder.Compile());

        var mute = builder.AddProcessor(new GainProcessor(AudioPost.Sdk.Dsp.Decibels.SilenceDb), "mute");
        builder.Disconnect(source, gain);
        builder.Connect(source, mute).Connect(mute, gain);
        Assert.True(renderer.TrySchedulePlanSwap(builder.Compile(), atStreamFrame: 100));

        var output = GraphHarness.RenderHost(renderer, 200, 64);

        Assert.All(output.Take(100), s => Assert.Equal(1f, s));
        Assert.All(output.Skip(100), s => Assert.Equal(0f, s));
    }

    [Fact]
    public void TryScheduleLocate_AtAFrame_JumpsTheTimelineOnThatSample()
    {
        var builder = new AudioGraphBuilder(new GraphOptions { BlockSize = 64 });
        builder.SetOutput(builder.AddSource(new RampSource()));
        var renderer = new AudioRenderer(builder.Compile());
        Assert.True(renderer.TryScheduleLocate(timelineFrame: 48_000, atStreamFrame: 150));

        var output = GraphHarness.RenderHost(renderer, 300, 50);

        Assert.Equal(149f, output[149]);
        Assert.Equal(48_000f, output[150]);
        Assert.Equal(48_149f, output[299]);
        // The renderer works in whole 64-frame blocks: 320 frames rendered, 20 staged for the host.
        Assert.Equal(320, renderer.StreamFrame);
        Assert.Equal(48_000 + (320 - 150), renderer.TimelineFrame);
    }

    [Fact]
    public void Compile_ChangingAPreparedNodesChannelCount_IsRejected()
    {
        var builder = new AudioGraphBuilder();
        var mono = builder.AddSource(new DcSource(1f, 1), "mono");
        var gain = builder.AddProcessor(new GainProcessor(), "gain");
        builder.Connect(mono, gain).SetOutput(gain);
        builder.Compile();

        var stereo = builder.AddSource(new DcSource(1f, 2), "stereo");
        builder.Disconnect(mono, gain);
        builder.Connect(stereo, gain);

        var error = Assert.Throws<GraphCompileException>(builder.Compile);
        Assert.Equal(["gain"], error.Nodes);
    }

    [Fact]
    public void SwapPlan_WithAnotherOutputWidth_IsRejected()
    {
        var builder = new AudioGraphBuilder();
        builder.SetOutput(builder.AddSource(new DcSource(1f, 1)));
        var renderer = new AudioRenderer(builder.Compile());
        var other = new AudioGraphBuilder();
        other.SetOutput(other.AddSource(new DcSource(1f, 2)));

        Assert.Throws<ArgumentException>(() => renderer.SwapPlan(other.Compile()));
    }
}
