// QuickStart: build a small mix from generated material, render it offline to out/quickstart.wav, then place it in a
// scene at timecode 01:00:00:00 with other clips and fades, written as a Broadcast Wave file (out/scene.wav) that
// carries its start time. Needs only the .NET SDK: no input files, no native libraries.
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Processing.Metering;
using AudioPost.Sdk.Processing.Mixing;
using AudioPost.Sdk.Sinks;
using AudioPost.Sdk.Sources;
using AudioPost.Sdk.Timeline;
using AudioPost.Sdk.Timing;

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

// Two more clips to spot: a 1 kHz sync pop (one frame long) and six seconds of room tone.
var popPath = Path.Combine("out", "pop.wav");
var roomPath = Path.Combine("out", "room.wav");
Bounce(new ToneSource(1000f, levelDb: -12f), popPath, SampleRate / 25);
Bounce(new NoiseSource(NoiseColor.Pink, levelDb: -36f, channelCount: 2), roomPath, 6 * SampleRate);

// The scene: 25 fps, starting at 01:00:00:00. Clips are spotted by timecode and land on their exact samples.
var rate = FrameRate.Fps25;
using var scene = new AudioTimeline(SampleRate, Timecode.Parse("01:00:00:00", rate));
TimelineClip Spot(string path, string timecode, double fadeInSeconds = 0, double fadeOutSeconds = 0, long length = 0)
{
    var media = ClipMedia.Open(path, SampleRate);
    var clipLength = length > 0 ? length : media.Length;
    return new TimelineClip(media, scene.FrameOf(Timecode.Parse(timecode, rate)), clipLength)
    {
        Name = $"{Path.GetFileName(path)} @ {timecode}",
        FadeIn = (long)(fadeInSeconds * SampleRate),
        FadeOut = (long)(fadeOutSeconds * SampleRate),
    };
}

var music = scene.Add(new TimelineTrack("music", channelCount: 2) { GainDb = -2f });
music.Add(Spot(outputPath, "01:00:01:00", fadeInSeconds: 0.5, fadeOutSeconds: 1));
var pops = scene.Add(new TimelineTrack("sync pops") { Pan = -0.3f });
pops.Add(Spot(popPath, "01:00:00:00"));
pops.Add(new TimelineClip(ClipMedia.Open(popPath, SampleRate), scene.FrameOf(Timecode.Parse("01:00:06:00", rate)), SampleRate / 25) { Name = "pop.wav @ 01:00:06:00" });
var room = scene.Add(new TimelineTrack("room tone", channelCount: 2) { CrossfadeShape = FadeShape.EqualPower });
room.Add(Spot(roomPath, "01:00:00:00", fadeInSeconds: 0.25, length: 4 * SampleRate));
room.Add(Spot(roomPath, "01:00:03:00", fadeOutSeconds: 0.5, length: (long)(3.04 * SampleRate))); // a 1 s crossfade with the first

var scenePath = Path.Combine("out", "scene.wav");
var render = TimelineFileRenderer.Render(scene, scenePath, new TimelineRenderOptions { Description = "QuickStart scene" });
using var check = AudioFormatRegistry.Default.OpenRead(scenePath);
Console.WriteLine($"Rendered the scene: {render.FramesRendered:N0} frames from {scene.Start} ({rate} fps) to {scenePath}");
Console.WriteLine($"  BWF TimeReference {check.Info.Metadata.Broadcast?.TimeReference:N0} samples since midnight, iXML rate {check.Info.Metadata.IXml?.TimecodeRate} {check.Info.Metadata.IXml?.TimecodeFlag}");
foreach (var track in scene.Tracks)
{
    foreach (var clip in track.Clips)
    {
        Console.WriteLine($"  {track.Name,-10} {clip.Name,-26} starts at file sample {clip.Position - scene.StartFrame,9:N0} ({scene.TimecodeOf(clip.Position)})");
    }
}

static void Bounce(IAudioSource source, string path, long frames)
{
    var builder = new AudioGraphBuilder(new GraphOptions { SampleRate = SampleRate });
    using var sink = new FileSink(path, SampleFormat.Pcm24);
    builder.Connect(builder.AddSource(source), builder.AddSink(sink));
    OfflineRenderer.Render(builder.Compile(), frames);
}
