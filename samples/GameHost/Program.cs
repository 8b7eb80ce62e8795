using System.Diagnostics;
using System.Globalization;
using AudioPost.Sdk.Engine;
using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Processing.Mixing;
using AudioPost.Sdk.Sources;

// Host-driven rendering, the way a game engine embeds the mixer: the engine's audio thread pulls fixed blocks at the
// device's cadence (here a timer, as no device is needed), while the game thread starts and stops sounds and moves
// their parameters. The audio thread measures its own allocations and the process's GC collections.
const int SampleRate = 48000;
const int Block = 256;
const int Voices = 8;
var runFor = TimeSpan.FromSeconds(3);

// The mixer: eight "sounds" (tones standing in for clips), each with a gain and a pan, into a stereo bus.
var builder = new AudioGraphBuilder(new GraphOptions { SampleRate = SampleRate, BlockSize = Block });
var bus = builder.AddMultiInput(new MixerBus(Voices), "sfx bus");
var gains = new GainProcessor[Voices];
var pans = new PanProcessor[Voices];
for (var v = 0; v < Voices; v++)
{
    gains[v] = new GainProcessor(-96f);
    pans[v] = new PanProcessor(0f);
    var tone = builder.AddSource(new ToneSource(220f * (v + 1), -18f), $"sound {v}");
    var gain = builder.AddProcessor(gains[v], $"gain {v}");
    var pan = builder.AddProcessor(pans[v], $"pan {v}");
    builder.Connect(tone, gain).Connect(gain, pan).Connect(pan, bus, v);
}

builder.SetOutput(bus);
using var engine = new AudioEngine(builder.Compile());
var renderer = engine.Renderer;

// The engine's audio thread: pulls one block per block period into the interleaved buffer a device would take.
var stop = false;
long blocks = 0, audioThreadAllocated = -1, threadAllocated = -1, compiledInRender = -1;
var peak = 0f;
var audioThread = new Thread(() =>
{
    var buffer = new float[Block * 2];
    var period = (double)Block / SampleRate * Stopwatch.Frequency;
    engine.Render(buffer); // First call: JIT happens here, outside the measurement.
    engine.ResetStatistics(); // Peak load and overruns from here on: the first block's compile is not the steady state.
    var renderAllocatedBefore = engine.AudioThreadAllocatedBytes;
    var renderCompiledBefore = engine.AudioThreadCompiledMethods;
    var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
    var start = Stopwatch.GetTimestamp();
    while (!Volatile.Read(ref stop))
    {
        engine.Render(buffer);
        foreach (var sample in buffer)
        {
            peak = Math.Max(peak, Math.Abs(sample));
        }

        blocks++;
        var due = start + (long)(blocks * period);
        var wait = due - Stopwatch.GetTimestamp();
        if (wait > 0)
        {
            Thread.Sleep(TimeSpan.FromTicks(wait * TimeSpan.TicksPerSecond / Stopwatch.Frequency));
        }
    }

    Volatile.Write(ref threadAllocated, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
    Volatile.Write(ref audioThreadAllocated, engine.AudioThreadAllocatedBytes - renderAllocatedBefore);
    Volatile.Write(ref compiledInRender, engine.AudioThreadCompiledMethods - renderCompiledBefore);
})
{ Name = "engine audio thread", Priority = ThreadPriority.Highest };

var gcBefore = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
audioThread.Start();

// The game thread: every 100 ms a sound starts (a 30 ms fade in, scheduled on the exact frame) or stops, and the
// playing sounds move across the stereo field.
var random = new Random(2026);
var playing = new bool[Voices];
int started = 0, stopped = 0, moves = 0;
var clock = Stopwatch.StartNew();
while (clock.Elapsed < runFor)
{
    var v = random.Next(Voices);
    var now = renderer.TimelineFrame + Block;
    var fade = SampleRate * 30 / 1000;
    gains[v].Gain.SetValueAtTime(gains[v].Gain.CurrentValue, now);
    gains[v].Gain.LinearRampToValueAtTime(playing[v] ? -96f : -12f, now + fade);
    if (playing[v])
    {
        stopped++;
    }
    else
    {
        started++;
    }

    playing[v] = !playing[v];
    for (var p = 0; p < Voices; p++)
    {
        if (playing[p])
        {
            pans[p].Pan.Value = (float)Math.Sin(clock.Elapsed.TotalSeconds * (p + 1));
            moves++;
        }
    }

    Thread.Sleep(100);
}

Volatile.Write(ref stop, true);
audioThread.Join();
var gcDuring = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2) - gcBefore;

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
    GameHost: {Voices} sounds into a stereo bus, {SampleRate} Hz, {Block}-frame blocks pulled by the engine audio thread.
      game thread: {started} sounds started, {stopped} stopped (30 ms fades on the exact frame), {moves} pan moves
      audio thread: {blocks} blocks ({blocks * Block / (double)SampleRate:F2} s of audio), peak {20 * Math.Log10(Math.Max(peak, 1e-9f)):F1} dBFS
      engine: load {engine.Load:P1}, peak {engine.PeakLoad:P1}, {engine.OverrunCount} overruns, {engine.Renderer.FaultCount} faults
      bytes allocated on the audio thread inside Render after the first call: {audioThreadAllocated}
      bytes allocated by the audio thread's loop in all (timer, runtime tier-up included): {threadAllocated}
      methods compiled on the audio thread inside Render after the first call: {compiledInRender}
      GC collections in the process while it ran: {gcDuring}
    """));

if (audioThreadAllocated != 0 || compiledInRender != 0 || blocks == 0 || started == 0)
{
    Console.WriteLine("FAILED: the audio thread allocated or compiled code after its first block, or nothing ran.");
    return 1;
}

Console.WriteLine(gcDuring == 0 ? "no GC happened while the audio thread ran" : "a GC happened (caused by another thread; the audio thread allocated nothing)");
return 0;
