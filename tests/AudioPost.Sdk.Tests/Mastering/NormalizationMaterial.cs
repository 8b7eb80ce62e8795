using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Metadata;
using AudioPost.Sdk.Tests.Dsp.Loudness;

namespace AudioPost.Sdk.Tests.Mastering;

/// <summary>Programme material for the normaliser, and WAV files of it.</summary>
internal static class NormalizationMaterial
{
    public const int Rate = 48_000;

    public static TestSignal Create(string kind) => kind switch
    {
        "noise" => TestMaterial.PinkNoiseSwell(Rate, 2, seed: 11),
        "transients" => MusicWithTransients(seed: 12),
        "quiet-speech" => QuietSpeechLike(seed: 13),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown material."),
    };

    /// <summary>The music-like material with a full-scale drum-like hit every 1.5 s: peaks far above its loudness, so
    /// every preset needs the limiter.</summary>
    public static TestSignal MusicWithTransients(int seed)
    {
        var signal = TestMaterial.MusicLike(Rate, 2, seed);
        var random = new Random(seed);
        for (var start = Rate / 2; start + Rate / 50 < signal.Frames; start += 3 * Rate / 2)
        {
            for (var c = 0; c < 2; c++)
            {
                var channel = signal.Channel(c);
                for (var i = 0; i < Rate / 50; i++)
                {
                    var envelope = Math.Exp(-i / (0.003 * Rate));
                    channel[start + i] = (float)Math.Clamp(channel[start + i] + (envelope * ((random.NextDouble() * 2) - 1)), -1, 1);
                }
            }
        }

        return signal;
    }

    /// <summary>Syllables (voiced tones of 100–220 Hz with formant-like harmonics, 4 Hz syllable rate) in phrases
    /// with pauses, around −45 dBFS: needs gain of 20 dB or more.</summary>
    public static TestSignal QuietSpeechLike(int seed)
    {
        var random = new Random(seed);
        var signal = new TestSignal(Rate, 2, 40 * Rate);
        var mix = signal.Channel(0);
        var n = 0;
        while (n < signal.Frames)
        {
            var phraseEnd = Math.Min(signal.Frames, n + (int)((2 + (3 * random.NextDouble())) * Rate));
            while (n < phraseEnd)
            {
                var length = (int)((0.12 + (0.18 * random.NextDouble())) * Rate);
                var f0 = 100 + (120 * random.NextDouble());
                var level = 0.004 + (0.006 * random.NextDouble());
                for (var i = 0; i < length && n + i < signal.Frames; i++)
                {
                    var t = (double)i / Rate;
                    var envelope = Math.Sin(Math.PI * i / length);
                    double value = 0;
                    for (var h = 1; h <= 12; h++)
                    {
                        var formant = Math.Exp(-Math.Pow((f0 * h) - 700, 2) / 2e5) + (0.5 * Math.Exp(-Math.Pow((f0 * h) - 1800, 2) / 4e5));
                        value += (0.2 + formant) * Math.Sin(2 * Math.PI * f0 * h * t) / h;
                    }

                    mix[n + i] = (float)(level * envelope * value);
                }

                n += length + (int)(0.05 * Rate * random.NextDouble());
            }

            n = Math.Min(signal.Frames, n + (int)((0.3 + random.NextDouble()) * Rate));
        }

        mix.CopyTo(signal.Channel(1));
        return signal;
    }

    public static string Write(TestSignal signal, string path, SampleFormat sampleFormat = SampleFormat.Float32, AudioMetadata? metadata = null)
    {
        var options = new EncoderOptions { Metadata = metadata ?? AudioMetadata.Empty };
        using var writer = AudioFormatRegistry.Default.Create(path, new AudioSpec(signal.SampleRate, ChannelLayout.FromChannelCount(signal.Channels)), sampleFormat, null, options);
        writer.Write(signal.Block);
        writer.Complete();
        return path;
    }
}
