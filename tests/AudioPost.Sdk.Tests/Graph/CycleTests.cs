using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Processing.Delays;
using AudioPost.Sdk.Processing.Mixing;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Graph;

public sealed class CycleTests
{
    [Fact]
    public void Compile_CycleWithoutDelay_IsRejectedNamingTheNodes()
    {
        var builder = new AudioGraphBuilder();
        var source = builder.AddSource(new ImpulseSource(), "impulse");
        var bus = builder.AddMultiInput(new MixerBus(2), "bus");
        var gain = builder.AddProcessor(new GainProcessor(-6f), "feedback gain");
        builder.Connect(source, bus, 0).Connect(bus, gain).Connect(gain, bus, 1).SetOutput(bus);

        var error = Assert.Throws<GraphCompileException>(builder.Compile);

        Assert.Contains("'bus'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'feedback gain'", error.Message, StringComparison.Ordinal);
        Assert.Contains("bus", error.Nodes);
        Assert.Contains("feedback gain", error.Nodes);
        Assert.DoesNotContain("impulse", error.Nodes);
    }

    [Fact]
    public void Compile_CycleThroughDelayShorterThanABlock_IsRejected()
    {
        var builder = new AudioGraphBuilder(new GraphOptions { BlockSize = 256 });
        var source = builder.AddSource(new ImpulseSource(), "impulse");
        var bus = builder.AddMultiInput(new MixerBus(2), "bus");
        var delay = builder.AddProcessor(new DelayProcessor(255), "short delay");
        builder.Connect(source, bus, 0).Connect(bus, delay).Connect(delay, bus, 1).SetOutput(bus);

        var error = Assert.Throws<GraphCompileException>(builder.Compile);

        Assert.Contains("short delay", error.Nodes);
        Assert.Contains("256", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_SelfLoop_IsRejected()
    {
        var builder = new AudioGraphBuilder();
        var source = builder.AddSource(new ImpulseSource(), "impulse");
        var gain = builder.AddProcessor(new GainProcessor(), "loop");
        builder.Connect(source, gain).Connect(gain, gain);

        var error = Assert.Throws<GraphCompileException>(builder.Compile);
        Assert.Equal(["loop", "loop"], error.Nodes);
    }

    [Theory]
    [InlineData(256, 256)]
    [InlineData(64, 100)]
    public void Render_FeedbackThroughOneBlockDelay_EchoesAtTheDelay(int blockSize, int delayFrames)
    {
        var builder = new AudioGraphBuilder(new GraphOptions { BlockSize = blockSize });
        var source = builder.AddSource(new ImpulseSource(at: 3), "impulse");
        var bus = builder.AddMultiInput(new MixerBus(2), "bus");
        var delay = builder.AddProcessor(new DelayProcessor(delayFrames), "delay");
        var feedback = builder.AddProcessor(new GainProcessor(-6.0206f), "feedback");
        builder.Connect(source, bus, 0).Connect(bus, delay).Connect(delay, feedback).Connect(feedback, bus, 1).SetOutput(bus);

        var output = GraphHarness.RenderHost(new AudioRenderer(builder.Compile()), blockSize * 8 + delayFrames * 4, 17);

        Assert.Equal(1f, output[3]);
        Assert.Equal(0.5f, output[3 + delayFrames], 5);
        Assert.Equal(0.25f, output[3 + (2 * delayFrames)], 5);
        Assert.Equal(0.125f, output[3 + (3 * delayFrames)], 5);
        Assert.Equal(0f, output[4 + delayFrames]);
    }
}
