using System.Diagnostics;
using System.Globalization;
using AudioPost.Sdk.Automation;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Filters;
using AudioPost.Sdk.Engine;
using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Mixing;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Processing.Delays;
using AudioPost.Sdk.Processing.Dynamics;
using AudioPost.Sdk.Processing.Filters;
using AudioPost.Sdk.Processing.Metering;
using AudioPost.Sdk.Processing.Mixing;
using AudioPost.Sdk.Processing.Restoration;
using AudioPost.Sdk.Processing.Reverb;
using AudioPost.Sdk.Sources;
using AudioPost.Sdk.Timeline;

// Each built-in processor, meter tap and generator in a process of its own (what one process has compiled, the next
// must not inherit): a stereo tone through it (or the generator alone), one block, 50 more at rest, then every
// parameter ramped (300 blocks), then every parameter set (300 blocks, the glide). The engine counts what the audio
// thread compiled and allocated inside Render.
// Usage: realtime-first-use            (all, and the mixer session, one child process each; exit 1 if any compiled or allocated)
//        realtime-first-use NAME       (one, in this process)
//        realtime-first-use compile-cost   (what the warm-up costs: first and second Compile() of two graphs)
var nodes = Nodes();
if (args is ["compile-cost"])
{
    return CompileCost();
}

if (args.Length == 1)
{
    return args[0] == "mixer" ? AuditMixer() : Audit(args[0], nodes[args[0]]);
}

var failed = 0;
foreach (var name in nodes.Keys.Append("mixer"))
{
    var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
    if (!Environment.ProcessPath!.EndsWith("realtime-first-use", StringComparison.Ordinal))
    {
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
    }

    start.ArgumentList.Add(name);
    using var child = Process.Start(start)!;
    Console.Write(child.StandardOutput.ReadToEnd());
    child.WaitForExit();
    failed += child.ExitCode == 0 ? 0 : 1;
}

Console.WriteLine(failed == 0
    ? $"real-time first use: {nodes.Count} nodes and a mixer, nothing compiled or allocated on the audio thread after the first block"
    : $"real-time first use: FAILED for {failed} of {nodes.Count + 1} runs");
return failed == 0 ? 0 : 1;

static int Audit(string name, Func<(IAudioNode Node, AudioParameter[] Parameters)> make)
{
    var (node, parameters) = make();
    var builder = new AudioGraphBuilder(new GraphOptions { SampleRate = 48_000, BlockSize = 256 });
    if (node is IAudioSource source)
    {
        builder.SetOutput(builder.AddSource(source));
    }
    else
    {
        // A surround panner places one mono source; everything else takes the stereo tone.
        var tone = builder.AddSource(new ToneSource(440f, -12f, node is SurroundPannerProcessor ? 1 : 2));
        var processor = builder.AddProcessor((IAudioProcessor)node);
        builder.Connect(tone, processor).SetOutput(processor);
    }

    return Measure(name, builder, parameters, () => { });
}

// A mixer session: tracks into stem buses, a solo-safe reverb return with an insert, sends, a VCA. After the first
// block the faders, pans and sends move; then a track is soloed, another muted and the VCA pulled down.
static int AuditMixer()
{
    var graph = new AudioGraphBuilder(new GraphOptions { SampleRate = 48_000, BlockSize = 256 });
    var mixer = new Mixer(graph, ChannelLayout.Stereo);
    MixerBusTrack[] stems = [mixer.AddBus("dialogue", ChannelLayout.Stereo), mixer.AddBus("music", ChannelLayout.Stereo)];
    var reverb = mixer.AddBus("reverb", ChannelLayout.Stereo);
    reverb.SoloSafe = true;
    reverb.AddInsert(new AlgorithmicReverbProcessor());
    var vca = mixer.AddVca("dialogue");
    var parameters = new List<AudioParameter>();
    var tracks = new List<MixerTrack>();
    for (var i = 0; i < 4; i++)
    {
        IAudioSource source = i == 3 ? new NoiseSource(NoiseColor.Pink, -30f, 2) : new ToneSource(200f + (100f * i), -18f);
        var track = mixer.AddTrack($"track {i}", source, stems[i % 2]);
        parameters.Add(track.Fader);
        parameters.Add(track.AddSend(reverb, -12f).Level);
        if (track.StereoPanner is { } pan)
        {
            parameters.Add(pan.Pan);
        }

        if (i % 2 == 0)
        {
            vca.Add(track);
        }

        tracks.Add(track);
    }

    graph.SetOutput(mixer.Build());
    return Measure("mixer", graph, [.. parameters], () =>
    {
        tracks[1].Solo = true;
        tracks[2].Mute = true;
        vca.Level = -10f;
    });
}

static int Measure(string name, AudioGraphBuilder builder, AudioParameter[] parameters, Action controlMoves)
{
    using var engine = new AudioEngine(builder.Compile(), new AudioEngineOptions { MonitorInterval = TimeSpan.Zero });
    var buffer = new float[Math.Max(2, engine.Renderer.OutputChannelCount) * 256 * 2];
    engine.Render(buffer);
    for (var i = 0; i < 50; i++)
    {
        engine.Render(buffer);
    }

    var compiled = engine.AudioThreadCompiledMethods;
    var allocated = engine.AudioThreadAllocatedBytes;
    var now = engine.Renderer.TimelineFrame + 256;
    foreach (var parameter in parameters)
    {
        parameter.SetValueAtTime(parameter.CurrentValue, now).LinearRampToValueAtTime(parameter.Minimum + (0.7f * (parameter.Maximum - parameter.Minimum)), now + 24_000);
    }

    for (var i = 0; i < 300; i++)
    {
        engine.Render(buffer);
    }

    var rampCompiled = engine.AudioThreadCompiledMethods - compiled;
    foreach (var parameter in parameters)
    {
        parameter.Value = parameter.Minimum + (0.2f * (parameter.Maximum - parameter.Minimum));
    }

    controlMoves();

    for (var i = 0; i < 300; i++)
    {
        engine.Render(buffer);
    }

    var totalCompiled = engine.AudioThreadCompiledMethods - compiled;
    var totalAllocated = engine.AudioThreadAllocatedBytes - allocated;
    var ok = totalCompiled == 0 && totalAllocated == 0 && engine.Renderer.FaultCount == 0;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-22} {parameters.Length,2} parameters: compiled {rampCompiled} methods on the ramps, {totalCompiled - rampCompiled} on the set values; allocated {totalAllocated} B; faults {engine.Renderer.FaultCount}{(ok ? "" : "  FAILED")}"));
    return ok ? 0 : 1;
}

// The first Compile() in a process pays for the warm-ups (shared kernels once, each warmed node type once); later
// compiles do not. Run it in a fresh process: `dotnet run --project benchmarks/RealTimeFirstUse -c Release -- compile-cost`.
static int CompileCost()
{
    static double Milliseconds(AudioGraphBuilder builder)
    {
        var start = Stopwatch.GetTimestamp();
        builder.Compile();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    var gain = new AudioGraphBuilder(new GraphOptions { SampleRate = 48_000, BlockSize = 256 });
    var tone = gain.AddSource(new ToneSource(440f, -12f, 2));
    var node = gain.AddProcessor(new GainProcessor());
    gain.Connect(tone, node).SetOutput(node);
    var first = Milliseconds(gain);
    var again = Milliseconds(gain);

    var warmed = new AudioGraphBuilder(new GraphOptions { SampleRate = 48_000, BlockSize = 256 });
    var previous = warmed.AddSource(new ToneSource(440f, -12f, 2));
    IAudioProcessor[] chain =
    [
        new BiquadFilterProcessor(), new ParametricEqProcessor(), new ButterworthFilterProcessor(FilterPass.HighPass, 4, 80f),
        new CompressorProcessor(), new LevelerProcessor(), new DeHumProcessor(), new MultibandCompressorProcessor([200f, 2_000f]),
    ];
    foreach (var processor in chain)
    {
        var next = warmed.AddProcessor(processor);
        warmed.Connect(previous, next);
        previous = next;
    }

    warmed.SetOutput(previous);
    var firstWarmed = Milliseconds(warmed);
    var againWarmed = Milliseconds(warmed);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"first Compile() in the process (one gain): {first:F1} ms, again {again:F2} ms; then a graph of the seven warmed types: {firstWarmed:F1} ms, again {againWarmed:F2} ms"));
    return 0;
}

// A node and the parameters the audit moves, named after the node is made.
static (IAudioNode, AudioParameter[]) With<T>(T node, Func<T, AudioParameter[]> parameters)
    where T : IAudioNode => (node, parameters(node));

static Dictionary<string, Func<(IAudioNode, AudioParameter[])>> Nodes() => new()
{
    ["gain"] = () => With(new GainProcessor(-6f), p => [p.Gain]),
    ["pan"] = () => With(new PanProcessor(0f), p => [p.Pan]),
    ["fader"] = () => With(new FaderProcessor(-6f), p => [p.Gain, p.Offset, p.Mute]),
    ["fractional delay"] = () => With(new FractionalDelayProcessor(5f), p => [p.Delay]),
    ["modulated delay"] = () => With(new ModulatedDelayProcessor(), p => [p.Delay, p.Depth, p.Rate, p.Feedback, p.Mix]),
    ["compressor"] = () => With(new CompressorProcessor(), p => [p.Threshold, p.Ratio, p.Knee, p.Attack, p.Release, p.Makeup, p.Link]),
    ["multiband compressor"] = () => With(new MultibandCompressorProcessor([200f, 2_000f]), p => [.. Enumerable.Range(0, p.BandCount).Select(p.GetBand).SelectMany(b => new[] { b.Threshold, b.Ratio, b.Knee, b.Attack, b.Release, b.Makeup })]),
    ["de-esser"] = () => With(new DeEsserProcessor(), p => [p.Frequency, p.Threshold, p.Ratio, p.Attack, p.Release]),
    ["expander"] = () => With(new ExpanderProcessor(), p => [p.Threshold, p.Ratio, p.Range, p.Hysteresis, p.Hold, p.Attack, p.Release]),
    ["gate"] = () => With(new GateProcessor(), p => [p.Threshold, p.Range, p.Hysteresis, p.Hold, p.Attack, p.Release]),
    ["true-peak limiter"] = () => (new TruePeakLimiterProcessor(-1), []),
    ["biquad"] = () => With(new BiquadFilterProcessor(), p => [p.Frequency, p.Q, p.Gain]),
    ["parametric eq"] = () => With(new ParametricEqProcessor(), p => [.. p.Bands.SelectMany(b => new[] { b.Frequency, b.Q, b.Gain })]),
    ["butterworth"] = () => With(new ButterworthFilterProcessor(FilterPass.HighPass, 4, 100f), p => [p.Frequency]),
    ["linkwitz-riley"] = () => With(new LinkwitzRileyFilterProcessor(FilterPass.LowPass, 4, 1_000f), p => [p.Frequency]),
    ["de-click"] = () => With(new DeClickProcessor(), p => [p.Threshold]),
    ["de-hum"] = () => With(new DeHumProcessor(), p => [p.Amount, p.Bandwidth]),
    ["leveler"] = () => With(new LevelerProcessor(), p => [p.Target, p.MaxBoost, p.MaxCut, p.Speed, p.Gate]),
    ["noise reduction"] = () => With(new NoiseReductionProcessor(), p => [p.Reduction]),
    ["convolution reverb"] = () => With(new ConvolutionReverbProcessor(ImpulseResponse()), p => [p.Wet, p.Dry, p.Gain]),
    ["surround panner"] = () => With(new SurroundPannerProcessor(ChannelLayout.Surround51), p => [p.Azimuth, p.Elevation, p.Spread, p.LfeLevel]),
    ["meter tap"] = () => (new MeterTap(), []),
    ["loudness meter tap"] = () => (new LoudnessMeterTap(), []),
    ["tone source"] = () => With(new ToneSource(440f, -12f, 2), p => [p.Frequency, p.Level]),
    ["noise source"] = () => With(new NoiseSource(NoiseColor.Pink, -20f, 2), p => [p.Level]),
    ["clip track"] = () => (ClipTrack(), []),
    ["algorithmic reverb"] = () => With(new AlgorithmicReverbProcessor(), p => [p.DecayLow, p.DecayHigh, p.Damping, p.Size, p.PreDelay, p.Modulation, p.Wet, p.Dry]),
};

// A 0.1 s stereo room: decaying noise, fixed seed.
static float[][] ImpulseResponse()
{
    var random = new Random(7);
    var channels = new float[2][];
    for (var c = 0; c < 2; c++)
    {
        channels[c] = new float[4_800];
        for (var i = 0; i < channels[c].Length; i++)
        {
            channels[c][i] = (float)((random.NextDouble() - 0.5) * Math.Exp(-i / 800.0));
        }
    }

    return channels;
}

// A timeline track whose clips start, cross-fade and end only after the first block: a fade-out into an
// overlapping clip at 0.8 s (S-curve fade-in, -3 dB), and a third clip at 3 s with linear fades.
static ClipTrackSource ClipTrack() => new(2,
[
    new TimelineClip(new ToneSource(440f, -12f, 2), 0, 48_000) { FadeOut = 4_800 },
    new TimelineClip(new ToneSource(660f, -12f, 2), 38_400, 96_000) { FadeIn = 9_600, FadeInShape = FadeShape.SCurve, GainDb = -3f },
    new TimelineClip(new ToneSource(880f, -12f, 2), 144_000, 24_000) { FadeIn = 480, FadeOut = 480, FadeInShape = FadeShape.Linear, FadeOutShape = FadeShape.Linear },
]);
