using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Processing.Mixing;
using AudioPost.Sdk.Sources;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Graph;

public sealed class HostRenderTests
{
    private static AudioRenderer StereoToneRenderer(int blockSize)
    {
        var builder = new AudioGraphBuilder(new GraphOptions { BlockSize = blockSize });
        var tone = builder.AddSource(new ToneSource(440f, -6f));
        var pan = builder.AddProcessor(new PanProcessor(0.3f));
        var gain = builder.AddProcessor(new GainProcessor(-3f));
        builder.Connect(tone, pan).Connect(pan, gain).SetOutput(gain);
        return new AudioRenderer(builder.Compile());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(33, 1, 1000, 255)]
    [InlineData(257)]
    [InlineData(4096)]
    public void Render_OddHostBlockSizes_AreReblockedToTheSameSamples(params int[] chunks)
    {
        const int Frames = 10_000;
        var reference = GraphHarness.RenderHost(StereoToneRenderer(256), Frames, 256);

        var reblocked = GraphHarness.RenderHost(StereoToneRenderer(256), Frames, chunks);

        Assert.Equal(reference, reblocked);
    }

    [Fact]
    public void Render_Interleaved_PutsLeftAndRightInAlternateSlots()
    {
        var builder = new AudioGraphBuilder(new GraphOptions { BlockSize = 16 });
        var source = builder.AddSource(new RampSource(2));
        builder.SetOutput(source);
        var renderer = new AudioRenderer(builder.Compile());
        var host = new float[2 * 40];

        renderer.Render(host.AsSpan(0, 2 * 25));
        renderer.Render(host.AsSpan(2 * 25));

        for (var frame = 0; frame < 40; frame++)
        {
            Assert.Equal(frame, host[2 * frame]);
            Assert.Equal(frame + 0.5f, host[(2 * frame) + 1]);
        }
    }

    [Fact]
    public void Render_PlanarHostBlockWithWideStride_FillsOnlyTheViewedFrames()
    {
        var builder = new AudioGraphBuilder(new GraphOptions { BlockSize = 8 });
        builder.SetOutput(builder.AddSource(new RampSource(2)));
        var renderer = new AudioRenderer(builder.Compile());
        var storage = new float[2 * 32];
        storage.AsSpan().Fill(-1f);

        renderer.Render(new AudioBlock(storage, 2, 20, 32));

        Assert.Equal(Enumerable.Range(0, 20).Select(i => (float)i), storage.Take(20));
        Assert.All(storage.Skip(20).Take(12), s => Assert.Equal(-1f, s));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => i + 0.5f), storage.Skip(32).Take(20));
    }

    [Fact]
    public void Render_WrongHostBufferShape_ThrowsArgumentException()
    {
        var renderer = StereoToneRenderer(64);

        Assert.Throws<ArgumentException>(() => renderer.Render(new float[3]));
    }

    [Fact]
    public void Render_HostDriven_AllocatesNothingAfterWarmUp()
    {
        var renderer = StereoToneRenderer(256);
        var host = new float[2 * 441];

        AllocationAssert.NoAllocations(_ => renderer.Render(host));
    }
}
