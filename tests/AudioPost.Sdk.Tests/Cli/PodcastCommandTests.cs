using System.Globalization;
using System.Text.Json;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Tests.Dsp.Loudness;
using AudioPost.Sdk.Tests.Formats.Interop;

namespace AudioPost.Sdk.Tests.Cli;

/// <summary>
/// <c>audiopost podcast</c> on a noisy spoken file (espeak-ng speech, quiet, with 50 Hz hum and its harmonics and a
/// white noise floor): the delivery measures −16 LUFS within 0.5 LU by our meter and by libebur128, its true peak is at
/// or under −1 dBTP, and its noise floor is lower than the input's although the programme is 14 dB louder (measured:
/// −41.5 → −49.1 dBFS; without the noise-reduction stage it rose to −37.5).
/// </summary>
public sealed class PodcastCommandTests : IDisposable
{
    private static readonly PeerTool Espeak = new("espeak-ng", "--version", "espeak-ng");
    private readonly string _directory = Directory.CreateTempSubdirectory("apsdk-podcast-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Podcast_NoisySpeech_MeetsTheTargetAndLowersTheNoiseFloor()
    {
        Espeak.Require();
        LibEbur128.Require();
        var input = Path.Combine(_directory, "noisy.wav");
        var output = Path.Combine(_directory, "clean.wav");
        WriteNoisySpeech(input);

        var run = CliRunner.Run("podcast", input, output, "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var report = JsonDocument.Parse(run.Stdout);
        var root = report.RootElement;
        var floorBefore = root.GetProperty("before").GetProperty("noise_floor_dbfs").GetDouble();
        var floorAfter = root.GetProperty("after").GetProperty("noise_floor_dbfs").GetDouble();
        var loudnessBefore = root.GetProperty("before").GetProperty("integrated_lufs").GetDouble();
        var (signal, layout) = TestSignal.Read(output);
        var ours = signal.Measure(layout);
        var reference = LibEbur128.Measure(signal, [LibEbur128.Left]);
        TestContext.Current.TestOutputHelper?.WriteLine(run.Stdout);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"delivered: ours {ours.Integrated:F2} LUFS {ours.TruePeak:F2} dBTP; libebur128 {reference.Integrated:F2} LUFS {reference.TruePeak:F2} dBTP; noise floor {floorBefore:F1} -> {floorAfter:F1} dBFS"));

        Assert.InRange(ours.Integrated, -16.5, -15.5);
        Assert.InRange(reference.Integrated, -16.5, -15.5);
        Assert.True(ours.TruePeak <= -1, $"true peak {ours.TruePeak:F2} dBTP");
        Assert.True(floorAfter < floorBefore - 5, $"noise floor {floorBefore:F1} -> {floorAfter:F1} dBFS");
        var gain = (ours.Integrated - floorAfter) - (loudnessBefore - floorBefore);
        Assert.True(gain >= 15, $"loudness over the noise floor grew by {gain:F1} dB only");
        Assert.Equal("Hz50", root.GetProperty("hum").GetString());
    }

    [Fact]
    public void Podcast_BadTarget_IsBadUsage()
    {
        var run = CliRunner.Run("podcast", "in.wav", Path.Combine(_directory, "out.wav"), "--target", "5");
        Assert.Equal(1, run.ExitCode);
    }

    // espeak-ng's speech (22 050 Hz mono), three sentences with pauses, at about −30 LUFS, plus hum (50 Hz fundamental at
    // −40 dBFS, harmonics) and white noise at −60 dBFS RMS; written as 32-bit float WAV.
    private static void WriteNoisySpeech(string path)
    {
        var speechPath = path + ".speech.wav";
        Espeak.Run("-w", speechPath, "-s", "150", "Welcome to the show. Today we talk about clean audio. Noise and hum are the enemy of every podcast.");
        var (speech, _) = TestSignal.Read(speechPath);
        File.Delete(speechPath);
        var rate = speech.SampleRate;
        var pause = rate;
        var frames = (2 * pause) + speech.Frames;
        var data = new float[frames];
        var random = new Random(4);
        for (var n = 0; n < frames; n++)
        {
            var t = (double)n / rate;
            var hum = (0.01 * Math.Sin(2 * Math.PI * 50 * t)) + (0.004 * Math.Sin(2 * Math.PI * 100 * t)) + (0.005 * Math.Sin(2 * Math.PI * 150 * t));
            var noise = 0.001 * 1.732 * ((random.NextDouble() * 2) - 1);
            var voice = n >= pause && n < pause + speech.Frames ? 0.25 * speech.Channel(0)[n - pause] : 0;
            data[n] = (float)(voice + hum + noise);
        }

        using var writer = AudioFormatRegistry.Default.Create(path, new AudioSpec(rate, ChannelLayout.Mono), SampleFormat.Float32);
        writer.Write(new AudioBlock(data, 1, frames));
        writer.Complete();
    }
}
