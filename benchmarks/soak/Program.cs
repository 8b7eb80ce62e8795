using System.Diagnostics;
using System.Globalization;
using AudioPost.Sdk.Devices;
using AudioPost.Sdk.Devices.Jack;
using AudioPost.Sdk.Engine;
using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Processing.Mixing;
using AudioPost.Sdk.Sources;

// Usage: jack-soak SECONDS [SERVER]. Plays 16 tones through gain and pan into a stereo bus, through JACK, for
// SECONDS; the first 10 s are warm-up, the rest is the steady state the figures describe.
var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 600;
var server = args.Length > 1 ? args[1] : null;
const int Voices = 16;
var warmUp = TimeSpan.FromSeconds(Math.Min(10, seconds / 4.0));

var backend = new JackDeviceBackend(new JackOptions { ServerName = server });
var devices = backend.GetDevices();
var device = devices.Count > 0 ? devices[0] : throw new InvalidOperationException("No JACK server is running.");
var builder = new AudioGraphBuilder(new GraphOptions { SampleRate = device.DefaultSampleRate, BlockSize = device.DefaultBufferFrames });
var bus = new MixerBus(Voices);
var busId = builder.AddMultiInput(bus, "bus");
var gains = new GainProcessor[Voices];
var pans = new PanProcessor[Voices];
for (var v = 0; v < Voices; v++)
{
    var tone = builder.AddSource(new ToneSource(110f * (v + 1), -30f));
    gains[v] = new GainProcessor(-6f);
    pans[v] = new PanProcessor((v / (Voices - 1f) * 2) - 1);
    var gain = builder.AddProcessor(gains[v]);
    var pan = builder.AddProcessor(pans[v]);
    builder.Connect(tone, gain).Connect(gain, pan).Connect(pan, busId, v);
}

builder.SetOutput(busId);
using var engine = new AudioEngine(builder.Compile());
var stream = (JackDeviceStream)engine.Open(backend, device, new AudioStreamOptions { ClientName = "soak" });
engine.Start();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"soak: {Voices} voices, {stream.SampleRate} Hz, {stream.BufferFrames}-frame buffers ({1000.0 * stream.BufferFrames / stream.SampleRate:F2} ms), {seconds} s, warm-up {warmUp.TotalSeconds} s, libjack {JackLibrary.Version}"));

var clock = Stopwatch.StartNew();
var random = new Random(7);
long xruns0 = 0, overruns0 = 0, callbacks0 = 0, allocated0 = 0;
int gen0 = 0, gen1 = 0, gen2 = 0;
var steady = false;
var moves = 0L;
while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
{
    // The control thread's work: move a parameter every 20 ms, like a fader being ridden.
    var voice = random.Next(Voices);
    gains[voice].Gain.Value = -6f - (float)(random.NextDouble() * 12);
    pans[voice].Pan.Value = (float)((random.NextDouble() * 2) - 1);
    moves++;
    Thread.Sleep(20);
    if (!steady && clock.Elapsed >= warmUp)
    {
        steady = true;
        engine.ResetStatistics();
        xruns0 = stream.XrunCount;
        overruns0 = engine.OverrunCount;
        callbacks0 = stream.CallbackCount;
        allocated0 = stream.AudioThreadAllocatedBytes;
        (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
    }
}

var report = string.Create(CultureInfo.InvariantCulture, $"""
    steady state: {clock.Elapsed.TotalSeconds - warmUp.TotalSeconds:F0} s, {stream.CallbackCount - callbacks0} callbacks, {moves} parameter moves
    jack xruns: {stream.XrunCount - xruns0} (total {stream.XrunCount} including warm-up)
    watchdog overruns (render longer than the buffer period): {engine.OverrunCount - overruns0}
    load: smoothed {engine.Load:P1} at the end, peak {engine.PeakLoad:P1}
    gc collections in the process: gen0 {GC.CollectionCount(0) - gen0}, gen1 {GC.CollectionCount(1) - gen1}, gen2 {GC.CollectionCount(2) - gen2}
    bytes allocated on the process thread: {stream.AudioThreadAllocatedBytes - allocated0} (engine {engine.AudioThreadAllocatedBytes})
    callback errors: {stream.CallbackErrorCount}, device lost: {stream.IsLost}
    """);
engine.Stop();
Console.WriteLine(report);
