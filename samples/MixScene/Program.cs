// MixScene: a small post-production mix. Six generated tracks (two dialogue voices with EQ and compression on their
// channel strips, a three-note music bed, spot effects) go through dialogue, music and effects buses, with post-fader sends to an echo return (solo-safe) and a
// VCA on the dialogue; the same sources are mixed to stereo and to 5.1 in one graph, and the 5.1 mix is also folded
// down to stereo by ITU-R BS.775. Midway the dialogue bus is soloed for a second. Writes three WAV files to out/
// and prints the level of every output channel. Needs only the .NET SDK.
using System.Globalization;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Mixing;
using AudioPost.Sdk.Processing.Delays;
using AudioPost.Sdk.Processing.Mixing;
using AudioPost.Sdk.Sinks;
using AudioPost.Sdk.Sources;
using MixScene;

const int SampleRate = 48_000;
const int Seconds = 6;
const int Frames = SampleRate * Seconds;
Directory.CreateDirectory("out");

var graph = new AudioGraphBuilder(new GraphOptions { SampleRate = SampleRate, BlockSize = 256 });

// The material, added once; both mixers read it (a source's output fans out to any number of tracks).
var sources = new (string Name, NodeId Node, string Bus)[]
{
    ("voice A", graph.AddSource(new ToneSource(196f, -14f), "voice A"), "dialogue"),
    ("voice B", graph.AddSource(new ToneSource(247f, -16f), "voice B"), "dialogue"),
    ("music 1", graph.AddSource(new ToneSource(392f, -24f), "music 1"), "music"),
    ("music 2", graph.AddSource(new ToneSource(494f, -24f), "music 2"), "music"),
    ("music 3", graph.AddSource(new ToneSource(587f, -24f), "music 3"), "music"),
    ("effects", graph.AddSource(new BurstSource(-12f, 0.75, 0.08), "effects"), "effects"),
};

// Stereo positions (−1 left … +1 right) and 5.1 azimuths (BS.2051: degrees, positive to the left).
float[] stereoPan = [-0.2f, 0.25f, -0.8f, 0f, 0.8f, 0f];
float[] azimuth = [0f, 0f, 30f, 110f, -30f, 0f];

var stereo = BuildMix(ChannelLayout.Stereo, "st");
var surround = BuildMix(ChannelLayout.Surround51, "5.1");

// The 5.1 effects sweep once around the room, with some spread and a little LFE.
var fx = surround.Channels.OfType<MixerTrack>().Single(t => t.Name == "5.1 effects").SurroundPanner!;
fx.Azimuth.SetValueAtTime(180f, 0).LinearRampToValueAtTime(-180f, Frames);
fx.Spread.Value = 20f;
fx.LfeLevel.Value = -10f;

var stereoOut = stereo.Build();
var surroundOut = surround.Build();
var downmix = graph.AddProcessor(new ChannelMatrixProcessor(ChannelMatrix.Downmix51ToStereo()), "BS.775 downmix");
graph.Connect(surroundOut, downmix);

var outputs = new (string File, NodeId Node, string[] Labels, BufferSink Levels)[]
{
    ("mixscene-stereo.wav", stereoOut, ["L", "R"], new BufferSink(Frames)),
    ("mixscene-5.1.wav", surroundOut, ["L", "R", "C", "LFE", "Ls", "Rs"], new BufferSink(Frames)),
    ("mixscene-5.1-downmix.wav", downmix, ["Lo", "Ro"], new BufferSink(Frames)),
};
foreach (var output in outputs)
{
    graph.Connect(output.Node, graph.AddSink(new FileSink(Path.Combine("out", output.File), SampleFormat.Pcm24), output.File));
    graph.Connect(output.Node, graph.AddSink(output.Levels, $"{output.File} levels"));
}

var plan = graph.Compile();
var renderer = new AudioRenderer(plan, isOffline: true);
var clock = System.Diagnostics.Stopwatch.StartNew();
for (var done = 0; done < Frames; done += renderer.BlockSize)
{
    // From 2 s to 3 s the dialogue buses are soloed: music and effects fade out (10 ms), the echo return is
    // solo-safe and keeps the dialogue's echo. The switch goes through smoothed parameters, so it does not click.
    if (done == 2 * SampleRate || done == 3 * SampleRate)
    {
        var solo = done == 2 * SampleRate;
        Bus(stereo, "st dialogue").Solo = solo;
        Bus(surround, "5.1 dialogue").Solo = solo;
    }

    renderer.RenderBlock(Math.Min(renderer.BlockSize, Frames - done));
}

renderer.CompleteSinks();
clock.Stop();

Console.WriteLine($"Mixed {sources.Length} tracks through dialogue, music and effects buses with echo sends, to stereo and 5.1 ({Seconds} s at {SampleRate} Hz, 24-bit)");
Console.WriteLine($"  graph: {plan.NodeOrder.Count} nodes, latency {plan.LatencyFrames} frames; rendered in {clock.Elapsed.TotalMilliseconds:N0} ms ({Seconds * 1000 / clock.Elapsed.TotalMilliseconds:N0}x real time)");
Console.WriteLine($"  dialogue bus soloed from 2 s to 3 s; echo return solo-safe");
foreach (var output in outputs)
{
    Console.WriteLine($"  out/{output.File}");
    for (var c = 0; c < output.Labels.Length; c++)
    {
        var samples = output.Levels.GetChannel(c);
        var soloed = samples.Slice((2 * SampleRate) + 4800, SampleRate - 4800);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"    {output.Labels[c],-4} peak {Decibels.FromGain(AudioMath.Peak(samples)),6:0.0} dBFS   RMS {Decibels.FromGain(AudioMath.Rms(samples)),6:0.0} dBFS   RMS while dialogue soloed {Decibels.FromGain(AudioMath.Rms(soloed)),6:0.0} dBFS"));
    }
}

Mixer BuildMix(ChannelLayout layout, string prefix)
{
    var mixer = new Mixer(graph, layout, PanLaw.ConstantPower, $"{prefix} master");
    var dialogue = mixer.AddBus($"{prefix} dialogue", layout);
    var music = mixer.AddBus($"{prefix} music", layout);
    var effects = mixer.AddBus($"{prefix} effects", layout);
    music.Fader.Value = -3f;

    // A reverb-style return: a 120 ms echo on a stereo bus, kept open by solo-safe. Into a 5.1 master it is
    // upmixed by ChannelMatrix.Convert (stereo → 5.1).
    var echo = mixer.AddBus($"{prefix} echo", ChannelLayout.Stereo);
    echo.AddInsert(new DelayProcessor(SampleRate * 120 / 1000));
    echo.Fader.Value = -8f;
    echo.SoloSafe = true;

    var voices = mixer.AddVca($"{prefix} voices");
    for (var i = 0; i < sources.Length; i++)
    {
        var (name, node, busName) = sources[i];
        var bus = busName switch { "dialogue" => dialogue, "music" => music, _ => effects };
        var track = mixer.AddTrackFromNode($"{prefix} {name}", node, ChannelLayout.Mono, bus);
        if (busName == "dialogue")
        {
            // Channel strip: a presence lift on the EQ and a gentle compressor (trim → EQ → dynamics → fader → pan → sends).
            var strip = track.AddChannelStrip();
            strip.Eq.Bands[2].Frequency.Value = 3000f;
            strip.Eq.Bands[2].Gain.Value = 3f;
            strip.Dynamics.Threshold.Value = -24f;
            strip.Dynamics.Ratio.Value = 2f;
            strip.Dynamics.Bypassed = false;
        }

        track.StereoPanner?.Pan.Value = stereoPan[i];
        track.SurroundPanner?.Azimuth.Value = azimuth[i];
        track.AddSend(echo, busName == "music" ? -20f : -10f);
        if (busName == "dialogue")
        {
            voices.Add(track);
        }
    }

    voices.Level = -2f;
    return mixer;
}

static MixerBusTrack Bus(Mixer mixer, string name) => mixer.Channels.OfType<MixerBusTrack>().Single(b => b.Name == name);
