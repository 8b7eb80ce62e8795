using System.Text;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Processing.Mixing;
using AudioPost.Sdk.Sessions;
using AudioPost.Sdk.Tests.Formats.Wav;
using AudioPost.Sdk.Tests.Timeline;
using AudioPost.Sdk.Timeline;

namespace AudioPost.Sdk.Tests.Sessions;

public sealed class SessionFileTests
{
    private static LoadedSession Load(TempDirectory directory, string json, SessionLoadOptions? options = null)
    {
        var path = directory.File("session.json");
        File.WriteAllText(path, json);
        return SessionFile.Load(path, options);
    }

    private static SessionException LoadError(string json, params string[] clipFiles)
    {
        using var directory = new TempDirectory();
        foreach (var clip in clipFiles)
        {
            TimelineFiles.WriteImpulse(directory.File(clip), 48_000, 4_800, 1f);
        }

        return Assert.ThrowsAny<SessionException>(() => Load(directory, json).Dispose());
    }

    [Fact]
    public void Load_FullSession_BuildsTheTimeline()
    {
        using var directory = new TempDirectory();
        Directory.CreateDirectory(directory.File("audio"));
        TimelineFiles.WriteImpulse(directory.File("audio/line.wav"), 48_000, 48_000, 1f);
        TimelineFiles.WriteImpulse(directory.File("audio/take.wav"), 48_000, 9_600, 1f, timeReference: 172_800_000 + 480);
        const string Json = """
            {
              // Comments and trailing commas are allowed.
              "sampleRate": 48000,
              "frameRate": "25",
              "start": "01:00:00:00",
              "tracks": [
                { "name": "Dialogue", "gainDb": -3, "pan": -0.5, "crossfade": "sCurve",
                  "inserts": [ { "type": "gain", "db": -6 }, { "type": "compressor", "ratio": 3 } ],
                  "clips": [
                    { "file": "audio/line.wav", "at": "01:00:02:00", "sourceIn": "00:00:00:05", "length": "00:00:00:10",
                      "gainDb": -1.5, "fadeInMs": 10, "fadeOutMs": 20, "fadeShape": "linear" },
                    { "file": "audio/take.wav", "at": "bwf" },
                  ] },
                { "name": "FX", "channels": 2, "mute": true, "solo": false,
                  "clips": [ { "file": "audio/line.wav", "at": 172900000 } ] }
              ],
              "output": { "layout": "stereo", "format": "float32", "length": "00:00:05:00" }
            }
            """;

        using var session = Load(directory, Json);

        var timeline = session.Timeline;
        Assert.Equal(48_000, timeline.SampleRate);
        Assert.Equal("01:00:00:00", timeline.Start.ToString());
        Assert.Equal(172_800_000, timeline.StartFrame);
        Assert.Equal(SampleFormat.Float32, session.Output.Format);
        Assert.Equal(5 * 48_000, session.Output.Length);
        Assert.Equal(2, timeline.OutputChannelCount);

        var dialogue = timeline.Tracks[0];
        Assert.Equal(("Dialogue", 1, -3f, -0.5f, FadeShape.SCurve), (dialogue.Name, dialogue.ChannelCount, dialogue.GainDb, dialogue.Pan, dialogue.CrossfadeShape));
        Assert.IsType<GainProcessor>(dialogue.Inserts[0]);
        Assert.Equal(-6f, ((GainProcessor)dialogue.Inserts[0]).Gain.Value);
        Assert.Equal(2, dialogue.Inserts.Count);

        var line = dialogue.Clips[0];
        Assert.Equal(172_800_000 + (2 * 48_000), line.Position);
        Assert.Equal(10 * 1_920, line.Length);
        Assert.Equal(-1.5f, line.GainDb);
        Assert.Equal((480L, 960L, FadeShape.Linear), (line.FadeIn, line.FadeOut, line.FadeInShape));
        Assert.Equal(5 * 1_920, ((ClipMedia)line.Source).SourceInFileFrames);

        var take = dialogue.Clips[1];
        Assert.Equal(172_800_480, take.Position);
        Assert.Equal(9_600, take.Length);

        var fx = timeline.Tracks[1];
        Assert.Equal((2, true), (fx.ChannelCount, fx.Mute));
        Assert.Equal(172_900_000, fx.Clips[0].Position);
    }

    public static TheoryData<string, string> BadSessions() => new()
    {
        { """{ "frameRate": "25", "tracks": [ """, "$.tracks" },
        { """{ "frameRate": "26", "tracks": [] }""", "$.frameRate" },
        { """{ "tracks": [ { "name": "a" } ] }""", "$.frameRate" },
        { """{ "frameRate": "25", "sampleRate": "48000", "tracks": [] }""", "$.sampleRate" },
        { """{ "frameRate": "25", "tracks": [] }""", "$.tracks" },
        { """{ "frameRate": "25", "start": "25:00:00:00", "tracks": [ { "name": "a" } ] }""", "$.start" },
        { """{ "frameRate": "25", "tracks": [ { "name": "a", "gainDbb": 1 } ] }""", "$.tracks[0]" },
        { """{ "frameRate": "25", "tracks": [ { "name": "a", "pan": 2 } ] }""", "$.tracks[0].pan" },
        { """{ "frameRate": "25", "tracks": [ { "name": "a", "crossfade": "cubic" } ] }""", "$.tracks[0].crossfade" },
        { """{ "frameRate": "25", "tracks": [ { "name": "a", "inserts": [ { "type": "vocoder" } ] } ] }""", "$.tracks[0].inserts[0].type" },
        { """{ "frameRate": "25", "tracks": [ { "name": "a", "inserts": [ { "type": "gain", "db": 40 } ] } ] }""", "$.tracks[0].inserts[0].db" },
        { """{ "frameRate": "25", "tracks": [ { "name": "a", "inserts": [ { "type": "gain", "dB": -3 } ] } ] }""", "$.tracks[0].inserts[0].dB" },
        { """{ "frameRate": "29.97df", "tracks": [ { "name": "a", "clips": [ { "file": "c.wav", "at": "00:01:00;00" } ] } ] }""", "$.tracks[0].clips[0].at" },
        { """{ "frameRate": "25", "tracks": [ { "name": "a", "clips": [ { "file": "c.wav", "at": "bwf" } ] } ] }""", "$.tracks[0].clips[0].at" },
        { """{ "frameRate": "25", "tracks": [ { "name": "a", "clips": [ { "file": "c.wav" } ] } ] }""", "$.tracks[0].clips[0].at" },
        { """{ "frameRate": "25", "tracks": [ { "name": "a", "clips": [ { "file": "missing.wav", "at": 0 } ] } ] }""", "$.tracks[0].clips[0].file" },
        { """{ "frameRate": "25", "tracks": [ { "name": "a", "clips": [ { "file": "c.wav", "at": 0, "length": "00:00:01:00" } ] } ] }""", "$.tracks[0].clips[0].length" },
        { """{ "frameRate": "25", "tracks": [ { "name": "a", "clips": [ { "file": "c.wav", "at": 0, "fadeInMs": 500 } ] } ] }""", "$.tracks[0].clips[0].fadeInMs" },
        { """{ "frameRate": "25", "tracks": [ { "name": "a", "clips": [ { "file": "c.wav", "at": 0, "speed": "warp" } ] } ] }""", "$.tracks[0].clips[0].speed" },
        { """{ "frameRate": "25", "tracks": [ { "name": "a" } ], "output": { "format": "mp3" } }""", "$.output.format" },
        { """{ "frameRate": "25", "tracks": [ { "name": "a", "channels": 6 } ], "output": { "layout": "stereo" } }""", "$.tracks[0].channels" },
    };

    [Theory]
    [MemberData(nameof(BadSessions))]
    public void Load_BadValue_NamesItsJsonPath(string json, string expectedPath)
    {
        var error = LoadError(json, "c.wav");

        Assert.StartsWith(expectedPath, error.JsonPath, StringComparison.Ordinal);
        Assert.Contains(expectedPath, error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.Reason));
    }

    [Fact]
    public void Load_SyntaxError_ReportsTheLine()
    {
        var error = LoadError("{\n  \"frameRate\": \"25\",\n  \"tracks\": [ { \"name\": \"a\" }, ]\n  \"output\": {}\n}");

        Assert.Equal(4, error.LineNumber);
        Assert.Contains("session.json:4", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../outside.wav")]
    [InlineData("audio/../../outside.wav")]
    [InlineData("/tmp/outside.wav")]
    [InlineData("link/outside.wav")]
    [InlineData("file-link.wav")]
    public void Load_PathEscapingTheSessionFolder_IsRefusedUnlessAllowed(string written)
    {
        using var outer = new TempDirectory();
        var sessionFolder = Path.Combine(outer.Path, "session");
        Directory.CreateDirectory(Path.Combine(sessionFolder, "audio"));
        var outside = Path.Combine(outer.Path, "outside.wav");
        TimelineFiles.WriteImpulse(outside, 48_000, 100, 1f);
        Directory.CreateSymbolicLink(Path.Combine(sessionFolder, "link"), outer.Path);
        File.CreateSymbolicLink(Path.Combine(sessionFolder, "file-link.wav"), outside);
        if (written.StartsWith('/'))
        {
            written = outside;
        }

        var json = $$"""{ "frameRate": "25", "tracks": [ { "name": "a", "clips": [ { "file": "{{written}}", "at": 0 } ] } ] }""";
        var sessionPath = Path.Combine(sessionFolder, "session.json");
        File.WriteAllText(sessionPath, json);

        var error = Assert.Throws<SessionPathException>(() => SessionFile.Load(sessionPath).Dispose());
        Assert.Equal("$.tracks[0].clips[0].file", error.JsonPath);
        Assert.Equal(written, error.FilePath);

        using var allowed = SessionFile.Load(sessionPath, new SessionLoadOptions { AllowPathsOutsideSessionFolder = true });
        Assert.Equal(100, allowed.Timeline.Tracks[0].Clips[0].Length);
    }

    [Fact]
    public void Load_LinkInsideTheFolder_IsAccepted()
    {
        using var directory = new TempDirectory();
        Directory.CreateDirectory(directory.File("media"));
        TimelineFiles.WriteImpulse(directory.File("media/a.wav"), 48_000, 100, 1f);
        File.CreateSymbolicLink(directory.File("alias.wav"), directory.File("media/a.wav"));

        using var session = Load(directory, """{ "frameRate": "25", "tracks": [ { "name": "a", "clips": [ { "file": "alias.wav", "at": 0 } ] } ] }""");

        Assert.Single(session.Timeline.Tracks[0].Clips);
    }

    private sealed class InvertProcessor : IAudioProcessor
    {
        public void Prepare(in ProcessSpec spec)
        {
        }

        public void Reset()
        {
        }

        public void Process(AudioBlock buffer, in ProcessContext context)
        {
            for (var c = 0; c < buffer.ChannelCount; c++)
            {
                Sdk.Dsp.AudioMath.ApplyGain(buffer[c], -1f, buffer[c]);
            }
        }
    }

    [Fact]
    public void Load_InsertRegisteredByName_IsBuilt()
    {
        using var directory = new TempDirectory();
        var registry = InsertRegistry.CreateDefault().Register("invert", p => p.GetBoolean("enabled", true) ? new InvertProcessor() : new GainProcessor());

        using var session = Load(directory, """{ "frameRate": "25", "tracks": [ { "name": "a", "inserts": [ { "type": "Invert" } ] } ] }""", new SessionLoadOptions { Inserts = registry });

        Assert.IsType<InvertProcessor>(session.Timeline.Tracks[0].Inserts[0]);
        Assert.Contains("limiter", InsertRegistry.CreateDefault().Types);
    }

    [Fact]
    public void Load_TypeOnlyInTheProcessorFactory_IsBuiltFromItsChainParameters()
    {
        using var directory = new TempDirectory();
        var registry = new InsertRegistry { Processors = AudioPost.Sdk.Processing.Chains.ProcessorFactory.CreateDefault() };

        using (var session = Load(directory, """{ "frameRate": "25", "tracks": [ { "name": "a", "inserts": [ { "type": "limiter", "ceiling": -2, "lookahead": 5 } ] } ] }""", new SessionLoadOptions { Inserts = registry }))
        {
            var limiter = Assert.IsType<AudioPost.Sdk.Processing.Dynamics.TruePeakLimiterProcessor>(session.Timeline.Tracks[0].Inserts[0]);
            Assert.Equal(-2, limiter.CeilingDbtp);
        }

        var error = Assert.ThrowsAny<SessionException>(() => Load(directory, """{ "frameRate": "25", "tracks": [ { "name": "a", "inserts": [ { "type": "limiter", "bogus": 1 } ] } ] }""", new SessionLoadOptions { Inserts = registry }).Dispose());
        Assert.Equal("$.tracks[0].inserts[0].bogus", error.JsonPath);
        Assert.Contains("bogus", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Utf8Text_ResolvesAgainstTheFolderGiven()
    {
        using var directory = new TempDirectory();
        TimelineFiles.WriteImpulse(directory.File("a.wav"), 48_000, 100, 1f);
        var json = Encoding.UTF8.GetBytes("""{ "frameRate": "23.976", "start": "00:00:10:00", "tracks": [ { "name": "a", "clips": [ { "file": "a.wav", "at": "00:00:10:01" } ] } ] }""");

        using var session = SessionFile.Parse(json, directory.Path);

        Assert.Equal(2_002 + (240 * 2_002L), session.Timeline.Tracks[0].Clips[0].Position);
    }
}
