using System.Text.Json;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Tests.Formats.Wav;

namespace AudioPost.Sdk.Tests.Cli;

/// <summary><c>audiopost trim</c>: long pauses cut to the maximum, audio outside them untouched, bad settings refused.</summary>
public sealed class TrimCommandTests
{
    private const int Rate = 48_000;

    [Fact]
    public void Trim_CutsEachLongPauseToTheMaximumAndKeepsTheBursts()
    {
        // Three half-second bursts of a ±0.25 square wave (never quiet) with two 2 s silences between them.
        using var directory = new TempDirectory();
        var input = directory.File("talk.wav");
        var output = directory.File("trimmed.wav");
        var burst = Rate / 2;
        var gap = 2 * Rate;
        var samples = new float[(3 * burst) + (2 * gap)];
        foreach (var start in new[] { 0, burst + gap, (2 * burst) + (2 * gap) })
        {
            for (var i = 0; i < burst; i++)
            {
                samples[start + i] = i / 24 % 2 == 0 ? 0.25f : -0.25f;
            }
        }

        using (var writer = AudioFormatRegistry.Default.Create(input, new AudioSpec(Rate, ChannelLayout.Mono), SampleFormat.Float32))
        {
            writer.Write(TestSignals.Block(samples, 1));
            writer.Complete();
        }

        var result = CliRunner.Run("trim", input, output, "--max-pause", "500", "--fade", "10", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        var pauses = root.GetProperty("pauses").EnumerateArray().ToArray();
        Assert.Equal(2, pauses.Length);
        foreach (var pause in pauses)
        {
            Assert.Equal(2.0, pause.GetProperty("length_seconds").GetDouble(), 6);
            Assert.Equal(0.5, pause.GetProperty("kept_seconds").GetDouble(), 6);
        }

        // Each 2 s pause loses 1.5 s: 3 s in all, to the sample.
        Assert.Equal(samples.Length, root.GetProperty("frames_in").GetInt64());
        Assert.Equal(samples.Length - (3 * Rate), root.GetProperty("frames_out").GetInt64());
        using var reader = AudioFormatRegistry.Default.OpenRead(output);
        Assert.Equal(samples.Length - (3 * Rate), reader.Info.Frames);
        var trimmed = new float[reader.Info.Frames];
        Assert.Equal(trimmed.Length, reader.Read(new AudioBlock(trimmed, 1, trimmed.Length)));

        // The bursts come through untouched: the first at 0, the second after 0.5 s of kept pause.
        Assert.Equal(samples.AsSpan(0, burst).ToArray(), trimmed.AsSpan(0, burst).ToArray());
        Assert.Equal(samples.AsSpan(burst + gap, burst).ToArray(), trimmed.AsSpan(burst + (Rate / 2), burst).ToArray());
        Assert.All(trimmed.AsSpan(burst, Rate / 2).ToArray(), s => Assert.Equal(0f, s));
    }

    [Fact]
    public void Trim_FadeLongerThanTheKeptPause_IsAUsageError()
    {
        using var directory = new TempDirectory();
        var input = directory.File("in.wav");
        using (var writer = AudioFormatRegistry.Default.Create(input, new AudioSpec(Rate, ChannelLayout.Mono), SampleFormat.Float32))
        {
            writer.Write(TestSignals.Block(new float[Rate], 1));
            writer.Complete();
        }

        var result = CliRunner.Run("trim", input, directory.File("out.wav"), "--max-pause", "5", "--fade", "10");

        Assert.Equal(1, result.ExitCode);
        Assert.NotEqual(string.Empty, result.Stderr);
        Assert.False(File.Exists(directory.File("out.wav")));
    }
}
