using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Mixing;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Processing.Delays;
using AudioPost.Sdk.Processing.Mixing;
using AudioPost.Sdk.Sinks;
using AudioPost.Sdk.Sources;
using BenchmarkDotNet.Attributes;

namespace AudioPost.Sdk.Benchmarks.Mixing;

/// <summary>
/// A 32-track console, one 256-frame internal block per operation: every track with a channel strip (4-band EQ with
/// one band active, a compressor on every other track), a post-fader reverb send and a pre-fader cue send, three stem
/// buses, a solo-safe return with a delay insert; master stereo or 5.1 (mono tracks surround-panned).
/// </summary>
public class MixerBenchmarks
{
    private const int Block = 256;
    private AudioRenderer _renderer = null!;

    [Params("stereo", "5.1")]
    public string Master { get; set; } = "stereo";

    [GlobalSetup]
    public void Setup()
    {
        var layout = ChannelLayout.Parse(Master);
        var graph = new AudioGraphBuilder(new GraphOptions { BlockSize = Block });
        var mixer = new Mixer(graph, layout);
        MixerBusTrack[] stems = [mixer.AddBus("dialogue", layout), mixer.AddBus("music", layout), mixer.AddBus("effects", layout)];
        var reverb = mixer.AddBus("reverb", ChannelLayout.Stereo);
        reverb.SoloSafe = true;
        reverb.AddInsert(new DelayProcessor(4800));
        var cue = mixer.AddBus("cue", ChannelLayout.Stereo);
        for (var i = 0; i < 32; i++)
        {
            IAudioSource source = i % 4 == 3
                ? new NoiseSource(NoiseColor.Pink, -30f, channelCount: 2, seed: (ulong)i)
                : new ToneSource(100f + (i * 37), -24f);
            var track = mixer.AddTrack($"track {i}", source, stems[i % 3]);
            var strip = track.AddChannelStrip();
            strip.Eq.Bands[1].Gain.Value = 3f;
            strip.Dynamics.Bypassed = i % 2 == 1;
            track.AddSend(reverb, -12f);
            track.AddSend(cue, -6f, SendTap.PreFader);
            track.SurroundPanner?.Azimuth.Value = (i * 11.25f) - 180f;
        }

        var output = mixer.Build();
        graph.Connect(output, graph.AddSink(new NullSink()));
        _renderer = new AudioRenderer(graph.Compile(), isOffline: true);
    }

    [Benchmark]
    public void RenderBlock() => _renderer.RenderBlock(Block);
}

/// <summary>The mixing nodes alone, one 256-frame block per operation.</summary>
public class MixingNodeBenchmarks
{
    private const int Block = 256;
    private readonly float[] _storage = new float[12 * Block];
    private ChannelMatrixProcessor _downmix = null!;
    private SurroundPannerProcessor _panner = null!;
    private long _frame;

    [GlobalSetup]
    public void Setup()
    {
        _downmix = new ChannelMatrixProcessor(ChannelMatrix.Downmix51ToStereo());
        _downmix.Prepare(new ProcessSpec(48_000, Block, 6));
        _panner = new SurroundPannerProcessor(ChannelLayout.Surround714, spreadDegrees: 20f);
        _panner.Prepare(new ProcessSpec(48_000, Block, 1));
        _panner.Azimuth.SetValueAtTime(-180f, 0).LinearRampToValueAtTime(180f, long.MaxValue / 2);
        for (var i = 0; i < _storage.Length; i++)
        {
            _storage[i] = (i % 97) / 97f;
        }
    }

    /// <summary>ITU-R BS.775 5.1 → 2.0.</summary>
    [Benchmark]
    public void Downmix51ToStereo() => _downmix.Process(new AudioBlock(_storage, 6, Block), new ProcessContext(0, 0, 48_000, true));

    /// <summary>Mono into 7.1.4 with the azimuth automated (gains recomputed every 32 frames, triplet VBAP, 5-source spread).</summary>
    [Benchmark]
    public void SurroundPan714Automated()
    {
        _panner.Process(new AudioBlock(_storage, 12, Block), new ProcessContext(_frame, _frame, 48_000, true));
        _frame += Block;
    }
}
