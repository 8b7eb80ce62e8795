using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Mixing;
using AudioPost.Sdk.Sinks;
using AudioPost.Sdk.Processing.Mixing;

namespace AudioPost.Sdk.Tests.Mixing;

/// <summary>Builds a mixer into a fresh graph and records its master (and any extra taps) in buffer sinks.</summary>
internal sealed class MixerHarness
{
    public const int Rate = 48_000;

    public MixerHarness(ChannelLayout master, PanLaw law = PanLaw.ConstantPower)
    {
        Graph = new AudioGraphBuilder(new GraphOptions { SampleRate = Rate, BlockSize = 256 });
        Mixer = new Mixer(Graph, master, law);
    }

    public AudioGraphBuilder Graph { get; }

    public Mixer Mixer { get; }

    public BufferSink MasterSink { get; private set; } = null!;

    /// <summary>Records the output of <paramref name="channel"/> (after its panner) once built.</summary>
    public BufferSink Tap(MixerChannel channel, int frames)
    {
        var sink = new BufferSink(frames);
        _pending.Add((channel, sink));
        return sink;
    }

    private readonly List<(MixerChannel Channel, BufferSink Sink)> _pending = [];

    /// <summary>Builds the mixer and a renderer whose output is the master.</summary>
    public AudioRenderer Build(int capacityFrames)
    {
        var master = Mixer.Build();
        MasterSink = new BufferSink(capacityFrames);
        Graph.Connect(master, Graph.AddSink(MasterSink, "master sink"));
        foreach (var (channel, sink) in _pending)
        {
            Graph.Connect(channel.OutputNode!.Value, Graph.AddSink(sink, $"{channel.Name} sink"));
        }

        Graph.SetOutput(master);
        return new AudioRenderer(Graph.Compile(), isOffline: true);
    }

    /// <summary>Builds and renders <paramref name="frames"/> frames offline.</summary>
    public void Render(int frames)
    {
        var renderer = Build(frames);
        for (var done = 0; done < frames; done += renderer.BlockSize)
        {
            renderer.RenderBlock(Math.Min(renderer.BlockSize, frames - done));
        }
    }
}
