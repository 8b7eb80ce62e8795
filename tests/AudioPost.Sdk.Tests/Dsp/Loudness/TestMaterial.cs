namespace AudioPost.Sdk.Tests.Dsp.Loudness;

/// <summary>Seeded, varied programme material for comparing meters: noise with level changes and gaps, music-like tones.</summary>
internal static class TestMaterial
{
    public const int Seconds = 90;

    public static TestSignal Create(string kind, int sampleRate, int channels) => kind switch
    {
        "white" => WhiteNoiseSections(sampleRate, channels, seed: 1),
        "pink" => PinkNoiseSwell(sampleRate, channels, seed: 2),
        "music" => MusicLike(sampleRate, channels, seed: 3),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown material."),
    };

    /// <summary>White noise in sections of 2–8 s at random levels (−45 to −10 dBFS), with silent gaps and sections under the −70 gate.</summary>
    public static TestSignal WhiteNoiseSections(int sampleRate, int channels, int seed)
    {
        var random = new Random(seed);
        var signal = new TestSignal(sampleRate, channels, Seconds * sampleRate);
        var n = 0;
        while (n < signal.Frames)
        {
            var end = Math.Min(signal.Frames, n + (int)((2 + (6 * random.NextDouble())) * sampleRate));
            var roll = random.NextDouble();
            var db = roll < 0.15 ? double.NegativeInfinity : roll < 0.22 ? -85 : -45 + (35 * random.NextDouble());
            var gain = TestSignal.DbToGain(db);
            for (var c = 0; c < channels; c++)
            {
                var channel = signal.Channel(c);
                var channelGain = gain * (1 - (0.3 * c / channels));
                for (var i = n; i < end; i++)
                {
                    channel[i] = (float)(channelGain * ((random.NextDouble() * 2) - 1));
                }
            }

            n = end;
        }

        return signal;
    }

    /// <summary>Pink noise (Kellet's filter) under a slow swell of ±12 dB around −24 dBFS, different on each channel.</summary>
    public static TestSignal PinkNoiseSwell(int sampleRate, int channels, int seed)
    {
        var random = new Random(seed);
        var signal = new TestSignal(sampleRate, channels, Seconds * sampleRate);
        for (var c = 0; c < channels; c++)
        {
            var channel = signal.Channel(c);
            double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
            var period = (17 + (5 * c)) * (double)sampleRate;
            for (var i = 0; i < channel.Length; i++)
            {
                var white = (random.NextDouble() * 2) - 1;
                b0 = (0.99886 * b0) + (white * 0.0555179);
                b1 = (0.99332 * b1) + (white * 0.0750759);
                b2 = (0.96900 * b2) + (white * 0.1538520);
                b3 = (0.86650 * b3) + (white * 0.3104856);
                b4 = (0.55000 * b4) + (white * 0.5329522);
                b5 = (-0.7616 * b5) - (white * 0.0168980);
                var pink = (b0 + b1 + b2 + b3 + b4 + b5 + b6 + (white * 0.5362)) * 0.11;
                b6 = white * 0.115926;
                var db = -24 + (12 * Math.Sin(2 * Math.PI * i / period));
                channel[i] = (float)(TestSignal.DbToGain(db) * pink * 4);
            }
        }

        return signal;
    }

    /// <summary>
    /// Notes of four harmonics with a fast attack and an exponential decay, a new note every 0.15–0.8 s on random
    /// pitches, in phrases at different levels separated by short silences; wide spectrum up to 16 kHz so the true
    /// peak sees inter-sample overs.
    /// </summary>
    public static TestSignal MusicLike(int sampleRate, int channels, int seed)
    {
        var random = new Random(seed);
        var signal = new TestSignal(sampleRate, channels, Seconds * sampleRate);
        var mix = new double[signal.Frames];
        var n = 0;
        while (n < signal.Frames)
        {
            var phraseEnd = Math.Min(signal.Frames, n + (int)((4 + (8 * random.NextDouble())) * sampleRate));
            var phraseGain = TestSignal.DbToGain(-30 + (24 * random.NextDouble()));
            while (n < phraseEnd)
            {
                var length = (int)((0.15 + (0.65 * random.NextDouble())) * sampleRate);
                var fundamental = 60 * Math.Pow(2, 7 * random.NextDouble());
                var decay = 1.5 + (6 * random.NextDouble());
                for (var i = 0; i < Math.Min(length * 3, signal.Frames - n); i++)
                {
                    var t = (double)i / sampleRate;
                    var envelope = Math.Min(1, t / 0.005) * Math.Exp(-decay * t);
                    double value = 0;
                    for (var h = 1; h <= 4 && fundamental * h < Math.Min(16000, sampleRate * 0.45); h++)
                    {
                        value += Math.Sin(2 * Math.PI * fundamental * h * t) / h;
                    }

                    mix[n + i] += phraseGain * envelope * value;
                }

                n += length;
            }

            n = Math.Min(signal.Frames, n + (int)(random.NextDouble() * 2 * sampleRate));
        }

        for (var c = 0; c < channels; c++)
        {
            var channel = signal.Channel(c);
            var gain = 1 - (0.25 * c / channels);
            for (var i = 0; i < channel.Length; i++)
            {
                channel[i] = (float)(gain * mix[i] * 0.5);
            }
        }

        return signal;
    }
}
