using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Resampling;
using AudioPost.Sdk.Formats;

namespace AudioPost.Sdk.Tests.Processing.Restoration;

/// <summary>
/// The noise-reduction quality material (shared by the test and benchmarks/DenoiseQuality): clean speech from
/// espeak-ng at 48 kHz, preceded by 1 s and followed by 0.5 s of silence, mixed with white, pink, 50 Hz hum or babble
/// at a given SNR. The SNR is over the whole file: 10·log10(Σ clean² / Σ noise²).
/// </summary>
internal static class DenoiseMaterial
{
    public const int Rate = 48_000;
    public const double LeadInSeconds = 1.0;
    public const double TailSeconds = 0.5;

    public static readonly string[] NoiseKinds = ["white", "pink", "hum", "babble"];

    public static readonly int[] SnrsDb = [0, 5, 10, 20];

    /// <summary>The clean take: one voice, about 5 s.</summary>
    public static readonly (string Voice, string Text) CleanTake =
        ("en-us", "Welcome back to the show. Today we talk about cleaning up noisy recordings, and why the first second of room tone matters.");

    /// <summary>The babble: five other voices and texts, summed at equal levels.</summary>
    public static readonly (string Voice, string Text)[] BabbleTakes =
    [
        ("en+f3", "I told him the meeting was moved to Thursday, but he never checks his mail before lunch."),
        ("en+m3", "The train was late again this morning, so we waited on the platform for almost twenty minutes."),
        ("en-gb+f2", "Could you pass the salt? And the bread, please, if there is any left on your side of the table."),
        ("de", "Wir treffen uns morgen um acht Uhr vor dem Bahnhof und fahren dann gemeinsam in die Stadt."),
        ("fr", "Nous avons visité le marché samedi matin, il y avait beaucoup de monde et de très bons fromages."),
    ];

    /// <summary>Reads a mono (or first-channel) WAV file and resamples it to <see cref="Rate"/>.</summary>
    public static float[] LoadAt48k(string path)
    {
        using var reader = AudioFormatRegistry.Default.OpenRead(path);
        var info = reader.Info;
        var frames = (int)info.Frames;
        var samples = new float[info.ChannelCount * frames];
        var read = 0;
        while (read < frames)
        {
            var n = reader.Read(new AudioBlock(samples, info.ChannelCount, frames, frames).Slice(read));
            if (n <= 0)
            {
                break;
            }

            read += n;
        }

        var mono = samples.AsSpan(0, read).ToArray();
        if (info.SampleRate == Rate)
        {
            return mono;
        }

        using var resampled = Resampler.Resample(new ReadOnlyAudioBlock(mono, 1, mono.Length), info.SampleRate, Rate);
        return resampled.GetChannel(0).ToArray();
    }

    /// <summary>The clean reference: lead-in silence, the speech, tail silence.</summary>
    public static float[] Clean(float[] speech)
    {
        var lead = (int)(LeadInSeconds * Rate);
        var clean = new float[lead + speech.Length + (int)(TailSeconds * Rate)];
        speech.CopyTo(clean, lead);
        return clean;
    }

    /// <summary>Noise of <paramref name="kind"/>, <paramref name="frames"/> long, RMS 1.</summary>
    public static float[] Noise(string kind, int frames, IReadOnlyList<float[]> babbleVoices) => kind switch
    {
        "white" => NoiseMaterial.White(frames, 1.0, seed: 101),
        "pink" => NoiseMaterial.Pink(frames, Rate, 1.0, seed: 102),
        "hum" => NoiseMaterial.Hum(frames, Rate, 50.0, harmonics: 8, rms: 1.0, seed: 103),
        "babble" => Babble(frames, babbleVoices),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown noise."),
    };

    /// <summary>Clean plus noise scaled so that the whole-file SNR is <paramref name="snrDb"/>.</summary>
    public static float[] Mix(float[] clean, float[] noise, double snrDb)
    {
        double cleanPower = 0, noisePower = 0;
        for (var i = 0; i < clean.Length; i++)
        {
            cleanPower += (double)clean[i] * clean[i];
            noisePower += (double)noise[i] * noise[i];
        }

        var gain = Math.Sqrt(cleanPower / noisePower / Math.Pow(10, snrDb / 10));
        var mix = new float[clean.Length];
        for (var i = 0; i < mix.Length; i++)
        {
            mix[i] = clean[i] + (float)(gain * noise[i]);
        }

        return mix;
    }

    // Each voice repeats end to end from its own offset, so the babble is continuous and the voices do not start together.
    private static float[] Babble(int frames, IReadOnlyList<float[]> voices)
    {
        var sum = new double[frames];
        for (var v = 0; v < voices.Count; v++)
        {
            var voice = voices[v];
            double power = 0;
            foreach (var s in voice)
            {
                power += (double)s * s;
            }

            var gain = 1.0 / Math.Sqrt(power / voice.Length);
            var offset = voice.Length * v / voices.Count;
            for (var i = 0; i < frames; i++)
            {
                sum[i] += gain * voice[(i + offset) % voice.Length];
            }
        }

        double total = 0;
        foreach (var s in sum)
        {
            total += s * s;
        }

        var scale = 1.0 / Math.Sqrt(total / frames);
        var babble = new float[frames];
        for (var i = 0; i < frames; i++)
        {
            babble[i] = (float)(sum[i] * scale);
        }

        return babble;
    }
}
