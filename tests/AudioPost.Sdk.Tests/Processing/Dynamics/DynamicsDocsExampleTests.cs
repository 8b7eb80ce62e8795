using AudioPost.Sdk.Dsp.Dynamics;
using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Processing.Dynamics;
using AudioPost.Sdk.Processing.Mixing;
using AudioPost.Sdk.Sinks;
using AudioPost.Sdk.Sources;

namespace AudioPost.Sdk.Tests.Processing.Dynamics;

/// <summary>The example of docs/processors.md (Dynamics), run as written, with its claims checked.</summary>
public sealed class DynamicsDocsExampleTests
{
    [Fact]
    public async Task VoiceOverDuckingExample_CompilesWithTheLookAheadAndDucksTheMusic()
    {
        var graph = new AudioGraphBuilder(new GraphOptions { SampleRate = 48_000, BlockSize = 256 });
        var music = graph.AddSource(new NoiseSource(NoiseColor.Pink, levelDb: -14f, channelCount: 2), "music");
        var voice = graph.AddSource(new ToneSource(220f, levelDb: -12f), "voice");

        var gate = graph.AddProcessor(new GateProcessor(thresholdDb: -50f, rangeDb: 20f), "gate");
        var deEsser = graph.AddProcessor(new DeEsserProcessor(frequencyHz: 6_000f, thresholdDb: -28f), "de-esser");
        var leveller = new CompressorProcessor(thresholdDb: -24f, ratio: 3f, kneeDb: 6f, attackMilliseconds: 5f,
            releaseMilliseconds: 120f, makeupDb: 4f, detection: DetectionMode.Rms, lookAheadMilliseconds: 3);
        var level = graph.AddProcessor(leveller, "leveller");

        var ducker = new CompressorProcessor(thresholdDb: -40f, ratio: 8f, attackMilliseconds: 20f, releaseMilliseconds: 400f);
        var duck = graph.AddMultiInput(ducker, "ducker");

        var bus = graph.AddMultiInput(new MixerBus(2), "mix");
        graph.Connect(voice, gate).Connect(gate, deEsser).Connect(deEsser, level)
             .Connect(music, duck, port: 0).Connect(level, duck, port: 1)
             .Connect(duck, bus, port: 0).Connect(level, bus, port: 1);
        var recorder = new BufferSink(capacityFrames: 2 * 48_000);
        graph.Connect(bus, graph.AddSink(recorder));

        var plan = graph.Compile();
        Assert.Equal(144, plan.LatencyFrames);
        await OfflineRenderer.RenderAsync(plan, frameCount: 2 * 48_000, cancellationToken: TestContext.Current.CancellationToken);

        var reduction = new float[2];
        Assert.True(ducker.GainReduction.TryRead(reduction));

        // The key (the levelled voice) sits far above the −40 dB threshold: several dB of ducking, on both channels.
        Assert.InRange(reduction[0], 5f, 30f);
        Assert.Equal(reduction[0], reduction[1]);
        Assert.Equal(2 * 48_000, recorder.FramesWritten);
    }
}
