// QuickStart: build a small mix from generated material, render it offline to out/quickstart.wav,
// and say what happened. Needs only the .NET SDK: no input files, no native libraries.
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Processing.Metering;
using AudioPost.Sdk.Processing.Mixing;
using AudioPost.Sdk.Sinks;
using AudioPost.Sdk.Sources;

const int SampleRate = 48_000;
const int Seconds = 4;
var outputPath = Path.Combine("out", "quickstart.wav");
Directory.CreateDirectory("out");

var graph = new AudioGraphBuilder(new GraphOptions { SampleRate = SampleRate, BlockSize = 256 });

// Three voices of a chord, panned across the stereo field, plus a bed of pink noise.
var bus = graph.AddMultiInput(new MixerBus(4), "mix bus");
float[] chord = [220f, 277.18f, 329.63f];
for (var i = 0; i < chord.Length; i++)
{
    var tone = graph.AddSource(new ToneSource(chord[i], levelDb: -18f), $"tone {chord[i]} Hz");
    var pan = graph.AddProcessor(new PanProcessor(pan: i - 1), $"pan {i}");
    graph.Connect(tone, pan).Connect(pan, bus, port: i);
}

var noise = graph.AddSource(new NoiseSource(NoiseColor.Pink, levelDb: -30f, channelCount: 2), "pink noise");
graph.Connect(noise, bus, port: 3);

// A master fader automated sample-accurately: hold, then fade out over the last second.
var master = new GainProcessor(-3f);
master.Gain.SetValueAtTime(-3f, (Seconds - 1) * SampleRate).LinearRampToValueAtTime(-60f, Seconds * SampleRate);
var fader = graph.AddProcessor(master, "master fader");
var meter = new MeterTap();
var tap = graph.AddProcessor(meter, "meter");
var file = graph.AddSink(new FileSink(outputPath, SampleFormat.Pcm24), "wav file");
graph.Connect(bus, fader).Connect(fader, tap).Connect(tap, file);

var plan = graph.Compile();
var result = await OfflineRenderer.RenderAsync(plan, (long)Seconds * SampleRate);

var levels = new MeterReading[2];
meter.TryRead(levels);
Console.WriteLine($"Rendered {result.FramesRendered:N0} frames ({Seconds} s, stereo, 48 kHz, 24-bit) to {outputPath}");
Console.WriteLine($"  graph: {plan.NodeOrder.Count} nodes, latency {plan.LatencyFrames} frames, block {plan.BlockSize}");
Console.WriteLine($"  speed: {result.RealtimeFactor:N0}x real time in {result.Elapsed.TotalMilliseconds:N0} ms");
Console.WriteLine($"  peak:  L {levels[0].MaxPeakDb:N1} dBFS, R {levels[1].MaxPeakDb:N1} dBFS");
