// CustomFormat: the format registry end to end.
//  1. Writes a Broadcast WAV with its metadata (bext, iXML, markers) and reads it back.
//  2. Registers a format of our own (Sun .au, in AuModule.cs, public API only) next to the built-in ones,
//     converts the WAV to it, and reads it back through header detection: every sample must match.
// Needs only the .NET SDK. Writes into out/.
using System.Globalization;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Metadata;
using AudioPost.Sdk.Sources;
using CustomFormat;

Directory.CreateDirectory("out");
var wavPath = Path.Combine("out", "take3.wav");
var auPath = Path.Combine("out", "take3.au");
var spec = new AudioSpec(48_000, ChannelLayout.Stereo);

// 1. A production recording as a field recorder would leave it: who, when, where on the clock, which take.
var metadata = new AudioMetadata
{
    Broadcast = new BroadcastExtension
    {
        Description = "Harbour, scene 12B take 3",
        Originator = "CustomFormat sample",
        TimeReference = 172_800_000, // 01:00:00:00 at 48 kHz: samples since midnight
        CodingHistory = "A=PCM,F=48000,W=24,M=stereo,T=CustomFormat sample\r\n",
    }.WithOrigination(new DateTime(2026, 11, 24, 7, 15, 30)),
    IXml = IXmlMetadata.Create()
        .WithValue("PROJECT", "Harbour")
        .WithValue("SCENE", "12B")
        .WithValue("TAKE", "3")
        .WithTimecodeRate(25, 1, dropFrame: false)
        .WithTimestamp(172_800_000, 48_000)
        .WithTracks([new IXmlTrack(1, 1, "Boom"), new IXmlTrack(2, 2, "Lav")]),
    Markers = [new AudioMarker(24_000, "slate"), new AudioMarker(48_000, "line", length: 36_000)],
};

var tone = new ToneSource(440f, levelDb: -12f, channelCount: 2);
tone.Prepare(new AudioPost.Sdk.Processing.ProcessSpec(spec.SampleRate, 4800, 2));
using var buffer = new AudioBuffer(2, 4800);
using (var writer = AudioFormatRegistry.Default.Create(wavPath, spec, SampleFormat.Pcm24, format: null, new EncoderOptions { Metadata = metadata }))
{
    for (var frame = 0L; frame < 3 * spec.SampleRate; frame += buffer.FrameCount)
    {
        tone.Read(buffer.Block, new AudioPost.Sdk.Processing.ProcessContext(frame, frame, spec.SampleRate, isOffline: true));
        writer.Write(buffer.Block);
    }
}

using (var reader = AudioFormatRegistry.Default.OpenRead(wavPath))
{
    var read = reader.Info.Metadata;
    Console.WriteLine($"{wavPath}: {reader.Info.Frames} frames, {reader.Info.SampleFormat}");
    Console.WriteLine($"  bext: \"{read.Broadcast?.Description}\" by {read.Broadcast?.Originator}, TimeReference {read.Broadcast?.TimeReference}");
    Console.WriteLine($"  iXML: project {read.IXml?.Project}, scene {read.IXml?.Scene}, take {read.IXml?.Take}, {read.IXml?.TimecodeRate} {read.IXml?.TimecodeFlag}");
    foreach (var marker in read.Markers)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  marker \"{marker.Label}\" at {marker.Position}{(marker.IsRegion ? $", {marker.Length} frames" : "")}"));
    }

    if (read.Broadcast?.TimeReference != 172_800_000 || read.Markers.Count != 2 || read.IXml?.Scene != "12B")
    {
        Console.Error.WriteLine("metadata did not survive the round trip");
        return 1;
    }
}

// 2. Our own format, registered beside WAV. The default registry is immutable; ToBuilder() copies it.
var registry = AudioFormatRegistry.Default.ToBuilder().AddModule(new AuModule()).Build();
using (var source = registry.OpenRead(wavPath))
using (var target = registry.Create(auPath, source.Info.Spec, SampleFormat.Float32)) // ".au" picks AuFormat
{
    using var block = new AudioBuffer(source.Info.ChannelCount, 4096);
    int frames;
    while ((frames = source.Read(block.Block)) > 0)
    {
        target.Write(block.GetBlock(frames));
    }
}

using var wav = registry.OpenRead(wavPath);
using var au = registry.OpenRead(auPath); // detected from ".snd", not from the extension
using var a = new AudioBuffer(2, 1000);
using var b = new AudioBuffer(2, 1000);
long compared = 0;
int n;
while ((n = wav.Read(a.Block)) > 0)
{
    if (au.Read(b.GetBlock(n)) != n || !a.GetChannel(0)[..n].SequenceEqual(b.GetChannel(0)[..n]) || !a.GetChannel(1)[..n].SequenceEqual(b.GetChannel(1)[..n]))
    {
        Console.Error.WriteLine($"samples differ near frame {compared}");
        return 1;
    }

    compared += n;
}

Console.WriteLine($"{auPath}: detected as '{au.Info.Format.Name}', {compared} frames identical to the WAV");
return 0;
