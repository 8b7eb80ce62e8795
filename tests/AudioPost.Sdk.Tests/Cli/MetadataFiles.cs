using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Metadata;
using AudioPost.Sdk.Tests.Formats.Wav;

namespace AudioPost.Sdk.Tests.Cli;

/// <summary>WAV files with Broadcast Wave, iXML and marker metadata, written through the SDK, for the CLI tests.</summary>
internal static class MetadataFiles
{
    public const int SampleRate = 48_000;

    /// <summary>A bext with every field set; TimeReference is 01:00:00;00 at 29.97 DF, 48 kHz (REFERENCE.md §5.1).</summary>
    public static BroadcastExtension FullBext() => new BroadcastExtension
    {
        Description = "Scene 12B take 3: harbour ambience",
        Originator = "AudioPost.Sdk tests",
        OriginatorReference = "USID-0123456789ABCDEF",
        TimeReference = 172_799_827,
        Umid = Enumerable.Range(1, 64).Select(i => (byte)i).ToArray(),
        LoudnessValue = -23.00,
        LoudnessRange = 7.25,
        MaxTruePeakLevel = -1.00,
        MaxMomentaryLoudness = -15.37,
        MaxShortTermLoudness = -18.50,
        CodingHistory = "A=PCM,F=48000,W=24,M=stereo,T=recorder\r\nA=PCM,F=48000,W=24,M=stereo,T=edit\r\n",
    }.WithOrigination(new DateTime(2026, 11, 24, 7, 15, 30));

    /// <summary>An iXML document with production fields, a 29.97 DF timecode rate and two tracks.</summary>
    public static IXmlMetadata FullIXml() => IXmlMetadata.Create()
        .WithValue("PROJECT", "Harbour")
        .WithValue("SCENE", "12B")
        .WithValue("TAKE", "3")
        .WithValue("TAPE", "R07")
        .WithValue("NOTE", "gulls at the end")
        .WithValue("CIRCLED", "TRUE")
        .WithTimecodeRate(30000, 1001, dropFrame: true)
        .WithTimestamp(172_799_827, SampleRate)
        .WithTracks([new IXmlTrack(1, 1, "Boom", "LEFT"), new IXmlTrack(2, 2, "Lav 1")]);

    public static AudioMetadata Full() => new()
    {
        Broadcast = FullBext(),
        IXml = FullIXml(),
        Markers = [new AudioMarker(100, "Slate") { Note = "clap" }, new AudioMarker(2000, "Gulls", length: 1000)],
    };

    /// <summary>Writes a stereo 48 kHz file of <paramref name="frames"/> frames whose samples <paramref name="format"/> holds exactly.</summary>
    public static float[] Write(string path, AudioMetadata metadata, SampleFormat format = SampleFormat.Pcm24, int frames = 4800)
    {
        var samples = TestSignals.Exact(format, 2, frames);
        using var writer = AudioFormatRegistry.Default.Create(
            path, new AudioSpec(SampleRate, ChannelLayout.Stereo), format, format: null, new EncoderOptions { Metadata = metadata });
        writer.Write(TestSignals.Block(samples, 2));
        writer.Complete();
        return samples;
    }

    /// <summary>Reads every frame of the file at <paramref name="path"/> as planar floats.</summary>
    public static (AudioFileInfo Info, float[] Samples) Read(string path)
    {
        using var reader = AudioFormatRegistry.Default.OpenRead(path);
        var info = reader.Info;
        var samples = new float[info.ChannelCount * (int)info.Frames];
        var read = reader.Read(new AudioBlock(samples, info.ChannelCount, (int)info.Frames));
        Assert.Equal(info.Frames, read);
        return (info, samples);
    }
}
