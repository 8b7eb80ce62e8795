using System.Text.Json;
using AudioPost.Sdk.Tests.Formats.Wav;
using AudioPost.Sdk.Tests.Timeline;
using AudioPost.Sdk.Timing;

namespace AudioPost.Sdk.Tests.Cli;

/// <summary><c>audiopost render</c>: sessions at 23.976, 25 and 29.97 DF put every clip's first sample on the exact
/// sample frame its timecode names.</summary>
public sealed class RenderCommandTests
{
    private const int Rate = 48_000;

    public static TheoryData<string, string, string[]> Sessions() => new()
    {
        { "23.976", "00:59:59:00", ["00:59:59:12", "01:00:00:00", "01:00:03:07"] },
        { "25", "01:00:00:00", ["01:00:00:00", "01:00:00:01", "01:00:02:24"] },
        { "29.97df", "00:59:58;00", ["00:59:59;29", "01:00:00;00", "01:00:00;01", "01:00:01;15"] },
    };

    [Theory]
    [MemberData(nameof(Sessions))]
    public void Render_SessionAtTimecodes_EveryClipStartsOnItsExactSample(string frameRate, string start, string[] clips)
    {
        using var directory = new TempDirectory();
        Directory.CreateDirectory(directory.File("clips"));
        var clipJson = new List<string>();
        for (var i = 0; i < clips.Length; i++)
        {
            TimelineFiles.WriteImpulse(directory.File($"clips/c{i}.wav"), Rate, 3_000, 0.5f + (0.1f * i));
            clipJson.Add($$"""{ "name": "t{{i}}", "clips": [ { "file": "clips/c{{i}}.wav", "at": "{{clips[i]}}" } ] }""");
        }

        var session = directory.File("scene.json");
        File.WriteAllText(session, $$"""
            { "sampleRate": 48000, "frameRate": "{{frameRate}}", "start": "{{start}}",
              "tracks": [ {{string.Join(", ", clipJson)}} ],
              "output": { "layout": "mono", "format": "float32" } }
            """);
        var output = directory.File("scene.wav");

        var result = CliRunner.Run("render", session, output, "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var rate = FrameRate.Parse(frameRate);
        var startFrame = Timecode.Parse(start, rate).ToSampleFrame(Rate);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(startFrame, json.RootElement.GetProperty("time_reference").GetInt64());
        Assert.Equal(start, json.RootElement.GetProperty("start").GetString());

        var samples = TimelineFiles.ReadAll(output, out var info)[0];
        Assert.Equal((ulong)startFrame, info.Metadata.Broadcast!.TimeReference);
        for (var i = 0; i < clips.Length; i++)
        {
            var index = Timecode.Parse(clips[i], rate).ToSampleFrame(Rate) - startFrame;
            Assert.True(index == 0 || samples[index - 1] < 0.01f, $"clip {i}: sample {index - 1} is {samples[Math.Max(0, index - 1)]}");
            Assert.True(Math.Abs(samples[index] - (0.5f + (0.1f * i))) < 0.004f, $"clip {i} expected at {index}, found {samples[index]}");
        }
    }

    [Fact]
    public void Render_Threads_GiveTheSameFileAtEveryCountAndRejectZero()
    {
        using var directory = new TempDirectory();
        string[] pans = ["-0.8", "-0.4", "0", "0.4", "0.8"];
        var tracks = new List<string>();
        for (var i = 0; i < pans.Length; i++)
        {
            TimelineFiles.WriteImpulse(directory.File($"c{i}.wav"), Rate, 9_000 + (i * 1_234), 0.3f + (0.1f * i), rest: 0.01f * (i + 1));
            tracks.Add($$"""{ "name": "t{{i}}", "pan": {{pans[i]}}, "inserts": [ { "type": "eq", "f": {{1000 + (i * 500)}}, "gain": 3, "q": 1 } ], "clips": [ { "file": "c{{i}}.wav", "at": "00:00:00:0{{i}}" } ] }""");
        }

        var session = directory.File("s.json");
        File.WriteAllText(session, $$"""{ "frameRate": "25", "start": "00:00:00:00", "tracks": [ {{string.Join(", ", tracks)}} ], "output": { "layout": "stereo", "format": "float32" } }""");

        var one = CliRunner.Run("render", session, directory.File("one.wav"), "--threads", "1");
        var three = CliRunner.Run("render", session, directory.File("three.wav"), "--threads", "3");
        var zero = CliRunner.Run("render", session, directory.File("zero.wav"), "--threads", "0");

        Assert.True(one.ExitCode == 0, one.Stderr);
        Assert.True(three.ExitCode == 0, three.Stderr);
        Assert.Equal(File.ReadAllBytes(directory.File("one.wav")), File.ReadAllBytes(directory.File("three.wav")));
        Assert.Equal(1, zero.ExitCode);
        Assert.Contains("--threads", zero.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Text_SaysWhereTheRenderStarts()
    {
        using var directory = new TempDirectory();
        TimelineFiles.WriteImpulse(directory.File("a.wav"), Rate, 4_800, 0.5f);
        var session = directory.File("s.json");
        File.WriteAllText(session, """{ "frameRate": "25", "start": "10:00:00:00", "tracks": [ { "name": "a", "clips": [ { "file": "a.wav", "at": "10:00:00:05" } ] } ] }""");

        var result = CliRunner.Run("render", session, directory.File("out.wav"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("from 10:00:00:00 at 25 fps", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("TimeReference 1728000000", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_BadSession_ExitsWithBadInputAndTheJsonPath()
    {
        using var directory = new TempDirectory();
        var session = directory.File("s.json");
        File.WriteAllText(session, """{ "frameRate": "29.97df", "tracks": [ { "name": "a", "clips": [ { "file": "a.wav", "at": "00:01:00;00" } ] } ] }""");
        TimelineFiles.WriteImpulse(directory.File("a.wav"), Rate, 100, 0.5f);

        var result = CliRunner.Run("render", session, directory.File("out.wav"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("$.tracks[0].clips[0].at", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.False(File.Exists(directory.File("out.wav")));
    }

    [Fact]
    public void Render_ClipOutsideTheSessionFolder_IsRefusedUnlessAllowed()
    {
        using var directory = new TempDirectory();
        Directory.CreateDirectory(directory.File("session"));
        TimelineFiles.WriteImpulse(directory.File("secret.wav"), Rate, 100, 0.5f);
        var session = directory.File("session/s.json");
        File.WriteAllText(session, """{ "frameRate": "25", "tracks": [ { "name": "a", "clips": [ { "file": "../secret.wav", "at": 0 } ] } ] }""");

        var refused = CliRunner.Run("render", session, directory.File("out.wav"));
        var allowed = CliRunner.Run("render", session, directory.File("out.wav"), "--allow-outside-paths");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("outside the session's folder", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, allowed.ExitCode);
    }

    [Fact]
    public void Render_MissingSessionFile_ExitsWithBadInput()
    {
        using var directory = new TempDirectory();

        var result = CliRunner.Run("render", directory.File("none.json"), directory.File("out.wav"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no such file", result.Stderr, StringComparison.Ordinal);
    }
}
