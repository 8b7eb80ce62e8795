using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Processing.Delays;
using AudioPost.Sdk.Processing.Mixing;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Graph;

public sealed class LatencyCompensationTests
{
    [Theory]
    [InlineData(64, 100)]
    [InlineData(256, 1)]
    [InlineData(256, 1000)]
    [InlineData(37, 37)]
    public void Compile_ParallelPathsWithDifferentLatency_MeetSampleExactly(int blockSize, int latency)
    {
        var builder = new AudioGraphBuilder(new GraphOptions { BlockSize = blockSize });
        var impulse = builder.AddSource(new ImpulseSource(at: 10), "impulse");
        var latent = builder.AddProcessor(new LatentProcessor(latency), "look-ahead");
        var dry = builder.AddProcessor(new GainProcessor(0f), "dry");
        var bus = builder.AddMultiInput(new MixerBus(2), "bus");
        builder.Connect(impulse, latent).Connect(impulse, dry).Connect(latent, bus, 0).Connect(dry, bus, 1).SetOutput(bus);

        var plan = builder.Compile();
        var output = GraphHarness.RenderHost(new AudioRenderer(plan), 10 + latency + blockSize * 3);

        Assert.Equal(latency, plan.LatencyFrames);
        Assert.Equal(1, plan.CompensationDelayCount);
        for (var i = 0; i < output.Length; i++)
        {
            Assert.Equal(i == 10 + latency ? 2f : 0f, output[i]);
        }
    }

    [Fact]
    public void Compile_SerialLatencies_AddUpAndAreReportedPerNode()
    {
        var builder = new AudioGraphBuilder();
        var source = builder.AddSource(new ImpulseSource());
        var a = builder.AddProcessor(new LatentProcessor(30));
        var b = builder.AddProcessor(new LatentProcessor(12));
        builder.Connect(source, a).Connect(a, b).SetOutput(b);

        var plan = builder.Compile();

        Assert.Equal(42, plan.LatencyFrames);
        Assert.Equal(30, plan.GetNodeLatency(a));
        Assert.Equal(0, plan.CompensationDelayCount);
    }

    [Fact]
    public void Compile_ThreeWayFanInOnOnePort_AlignsEveryWireToTheLatest()
    {
        var builder = new AudioGraphBuilder(new GraphOptions { BlockSize = 32 });
        var source = builder.AddSource(new ImpulseSource(), "impulse");
        var slow = builder.AddProcessor(new LatentProcessor(50), "slow");
        var medium = builder.AddProcessor(new LatentProcessor(20), "medium");
        var sum = builder.AddProcessor(new GainProcessor(), "sum");
        builder.Connect(source, slow).Connect(source, medium).Connect(slow, sum).Connect(medium, sum).Connect(source, sum).SetOutput(sum);

        var plan = builder.Compile();
        var output = GraphHarness.RenderHost(new AudioRenderer(plan), 200);

        Assert.Equal(2, plan.CompensationDelayCount);
        Assert.Equal(3f, output[50]);
        Assert.Equal(3f, output.Sum());
    }

    [Fact]
    public void Compile_ParallelPathsOutOfAFeedbackDelay_AreAlignedWithEachOther()
    {
        var builder = new AudioGraphBuilder(new GraphOptions { BlockSize = 64 });
        var impulse = builder.AddSource(new ImpulseSource(), "impulse");
        var loopBus = builder.AddMultiInput(new MixerBus(2), "loop bus");
        var echo = builder.AddProcessor(new DelayProcessor(1000), "echo");
        var feedback = builder.AddProcessor(new GainProcessor(AudioPost.Sdk.Dsp.Decibels.SilenceDb), "feedback");
        var latent = builder.AddProcessor(new LatentProcessor(10), "linear-phase eq");
        var tap = builder.AddProcessor(new GainProcessor(0f), "tap");
        var wetBus = builder.AddMultiInput(new MixerBus(2), "wet bus");
        builder.Connect(impulse, loopBus, 0).Connect(loopBus, echo).Connect(echo, feedback).Connect(feedback, loopBus, 1)
            .Connect(echo, latent).Connect(echo, tap).Connect(latent, wetBus, 0).Connect(tap, wetBus, 1).SetOutput(wetBus);

        var plan = builder.Compile();
        var output = GraphHarness.RenderHost(new AudioRenderer(plan), 1200);

        // Both wet paths leave the same echo: they must meet in step, not 10 frames apart.
        Assert.Equal(2f, output[1010]);
        Assert.Equal(2f, output.Sum());
        Assert.Equal(1, plan.CompensationDelayCount);
    }

    [Fact]
    public void Compile_EchoReturnMeetingTheDryPath_DoesNotDelayTheDryPath()
    {
        var builder = new AudioGraphBuilder(new GraphOptions { BlockSize = 64 });
        var impulse = builder.AddSource(new ImpulseSource(), "impulse");
        var bus = builder.AddMultiInput(new MixerBus(2), "bus");
        var echo = builder.AddProcessor(new DelayProcessor(200), "echo");
        var latent = builder.AddProcessor(new LatentProcessor(50), "look-ahead on the return");
        builder.Connect(impulse, bus, 0).Connect(bus, echo).Connect(echo, latent).Connect(latent, bus, 1).SetOutput(bus);

        var plan = builder.Compile();
        var output = GraphHarness.RenderHost(new AudioRenderer(plan), 600);

        Assert.Equal(0, plan.LatencyFrames);
        Assert.Equal(1f, output[0]);
        Assert.Equal(1f, output[250]);
        Assert.Equal(1f, output[500]);
    }
}
