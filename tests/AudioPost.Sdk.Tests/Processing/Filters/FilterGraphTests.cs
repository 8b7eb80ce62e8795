using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Filters;
using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Processing.Filters;
using AudioPost.Sdk.Sinks;
using AudioPost.Sdk.Sources;
using AudioPost.Sdk.Tests.Formats.Wav;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Processing.Filters;

/// <summary>The docs/processors.md example as a test: the filter chain in a graph, rendered offline and host-driven.</summary>
public sealed class FilterGraphTests
{
    private static (AudioGraphBuilder Graph, NodeId Eq) BuildChain()
    {
        var graph = new AudioGraphBuilder(new GraphOptions { SampleRate = 48_000, BlockSize = 256 });
        var source = graph.AddSource(new NoiseSource(NoiseColor.Pink, levelDb: -20f, channelCount: 2), "pink");
        var highPass = graph.AddProcessor(new ButterworthFilterProcessor(FilterPass.HighPass, order: 4, frequency: 80f), "hpf");
        var eq = new ParametricEqProcessor(bandCount: 4);
        eq.Bands[0].Frequency.Value = 300f;
        eq.Bands[0].Q.Value = 1.4f;
        eq.Bands[0].Gain.Value = -3f;
        eq.Bands[1].Frequency.Value = 3500f;
        eq.Bands[1].Q.Value = 1f;
        eq.Bands[1].Gain.Value = 2.5f;
        eq.Bands[2].Type = BiquadType.HighShelf;
        eq.Bands[2].Frequency.Value = 10_000f;
        eq.Bands[2].Gain.Value = 2f;
        eq.Bands[1].Gain.SetValueAtTime(2.5f, 48_000).LinearRampToValueAtTime(6f, 96_000);
        var eqNode = graph.AddProcessor(eq, "eq");
        graph.Connect(source, highPass).Connect(highPass, eqNode);
        return (graph, eqNode);
    }

    [Fact]
    public async Task DocumentedChain_RendersOfflineToAFile()
    {
        using var temp = new TempDirectory();
        var (graph, eq) = BuildChain();
        var path = temp.File("filtered.wav");
        graph.Connect(eq, graph.AddSink(new FileSink(path, SampleFormat.Pcm24)));

        await OfflineRenderer.RenderAsync(graph.Compile(), frameCount: 3 * 48_000, cancellationToken: TestContext.Current.CancellationToken);

        // 44-byte minimum header plus 3 s of 24-bit stereo.
        Assert.True(new FileInfo(path).Length >= 3 * 48_000 * 2 * 3);
    }

    [Fact]
    public void DocumentedChain_HostDriven_IsAudibleFiniteAndAllocatesNothing()
    {
        var (graph, eq) = BuildChain();
        graph.SetOutput(eq);
        var renderer = new AudioRenderer(graph.Compile());
        var output = GraphHarness.RenderHost(renderer, 48_000, 100, 256, 37);

        Assert.All(output, y => Assert.True(float.IsFinite(y)));
        Assert.True(output.Max(Math.Abs) > 0.01f);

        var buffer = new float[2 * 256];
        AllocationAssert.NoAllocations(_ => renderer.Render(buffer));
    }
}
