using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Processing.Metering;
using AudioPost.Sdk.Processing.Mixing;
using AudioPost.Sdk.Sinks;
using AudioPost.Sdk.Sources;
using BenchmarkDotNet.Attributes;

namespace AudioPost.Sdk.Benchmarks.Graph;

/// <summary>
/// Whole graphs, one internal block per operation: N sources → gain → pan → bus → meter → sink.
/// Divide the mean by the block size for time per frame (docs/benchmarks.md does).
/// </summary>
public class GraphRenderBenchmarks
{
    private AudioRenderer _renderer = null!;

    [Params(64, 256, 1024)]
    public int BlockSize { get; set; }

    [Params(1, 16)]
    public int Sources { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var builder = new AudioGraphBuilder(new GraphOptions { BlockSize = BlockSize });
        var bus = builder.AddMultiInput(new MixerBus(Sources));
        for (var i = 0; i < Sources; i++)
        {
            NodeId source = i % 2 == 0
                ? builder.AddSource(new ToneSource(100f + i, -18f))
                : builder.AddSource(new NoiseSource(NoiseColor.Pink, -30f, seed: (ulong)i));
            var gain = builder.AddProcessor(new GainProcessor(-3f));
            var pan = builder.AddProcessor(new PanProcessor(0.1f * (i % 10)));
            builder.Connect(source, gain).Connect(gain, pan).Connect(pan, bus, i);
        }

        var meter = builder.AddProcessor(new MeterTap());
        builder.Connect(bus, meter).Connect(meter, builder.AddSink(new NullSink()));
        _renderer = new AudioRenderer(builder.Compile(), isOffline: true);
    }

    [Benchmark]
    public void RenderBlock() => _renderer.RenderBlock(BlockSize);
}
