using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;

namespace AudioPost.Sdk.Tests.Processing.Restoration;

/// <summary>Deterministic test material for the restoration processors: speech-like and music-like signals, mains hum
/// with a drifting fundamental, and helpers that run a processor over a whole signal and measure errors.</summary>
internal static class RestorationSignals
{
    /// <summary>
    /// Speech-like mono audio: syllables of 120–300 ms with a gliding pitch (100–230 Hz) whose harmonics are shaped by
    /// three moving formants, unvoiced noise bursts (fricatives), and pauses of 80–400 ms. Peak about <paramref name="level"/>.
    /// </summary>
    public static float[] SpeechLike(int sampleRate, double seconds, int seed, double level = 0.3, double pauseScale = 1)
    {
        var random = new Random(seed);
        var frames = (int)(seconds * sampleRate);
        var data = new float[frames];
        var n = 0;
        while (n < frames)
        {
            var syllable = (int)((0.12 + (0.18 * random.NextDouble())) * sampleRate);
            var pitchStart = 100 + (130 * random.NextDouble());
            var pitchEnd = pitchStart * (0.8 + (0.4 * random.NextDouble()));
            var f1 = 300 + (500 * random.NextDouble());
            var f2 = 900 + (1_500 * random.NextDouble());
            var voiced = random.NextDouble() < 0.8;
            var phase = 0.0;
            for (var i = 0; i < syllable && n < frames; i++, n++)
            {
                var t = (double)i / syllable;
                var envelope = Math.Sin(Math.PI * t);
                double sample;
                if (voiced)
                {
                    var pitch = pitchStart + ((pitchEnd - pitchStart) * t);
                    phase += 2 * Math.PI * pitch / sampleRate;
                    sample = 0;
                    for (var k = 1; k * pitch < Math.Min(4_000, 0.45 * sampleRate); k++)
                    {
                        var f = k * pitch;
                        var formant = (1 / (1 + Math.Pow((f - f1) / 150, 2))) + (0.5 / (1 + Math.Pow((f - f2) / 250, 2))) + 0.05;
                        sample += formant / Math.Sqrt(k) * Math.Sin(k * phase);
                    }

                    sample *= 0.35;
                }
                else
                {
                    sample = 0.3 * ((random.NextDouble() * 2) - 1);
                }

                data[n] = (float)(level * envelope * sample);
            }

            n += (int)((0.08 + (0.32 * random.NextDouble()) * pauseScale) * sampleRate);
        }

        return data;
    }

    /// <summary>Music-like mono audio: three sustained tones with vibrato and decaying partials, changing every half second.</summary>
    public static float[] MusicLike(int sampleRate, double seconds, int seed, double level = 0.25)
    {
        var random = new Random(seed);
        var frames = (int)(seconds * sampleRate);
        var data = new float[frames];
        var note = sampleRate / 2;
        var phases = new double[3];
        var pitches = new double[3];
        for (var n = 0; n < frames; n++)
        {
            if (n % note == 0)
            {
                for (var v = 0; v < 3; v++)
                {
                    pitches[v] = 110 * Math.Pow(2, random.Next(0, 36) / 12.0);
                }
            }

            var t = (double)(n % note) / sampleRate;
            var sample = 0.0;
            for (var v = 0; v < 3; v++)
            {
                phases[v] += 2 * Math.PI * pitches[v] * (1 + (0.003 * Math.Sin(2 * Math.PI * 5 * n / sampleRate))) / sampleRate;
                for (var k = 1; k <= 6; k++)
                {
                    sample += Math.Exp(-t * k * 1.5) / k * Math.Sin(k * phases[v]);
                }
            }

            data[n] = (float)(level * sample / 3);
        }

        return data;
    }

    /// <summary>The phase (radians) of a mains fundamental of <paramref name="nominalHz"/> drifting sinusoidally by
    /// ±<paramref name="driftHz"/> with period <paramref name="driftPeriodSeconds"/>.</summary>
    public static double[] HumPhase(int sampleRate, int frames, double nominalHz, double driftHz, double driftPeriodSeconds)
    {
        var phase = new double[frames];
        var value = 0.3;
        for (var n = 0; n < frames; n++)
        {
            phase[n] = value;
            var frequency = nominalHz + (driftHz * Math.Sin(2 * Math.PI * n / (driftPeriodSeconds * sampleRate)));
            value += 2 * Math.PI * frequency / sampleRate;
        }

        return phase;
    }

    /// <summary>Hum from a phase track: harmonic k (1-based) has peak amplitude <c>amplitudes[k − 1]</c>.</summary>
    public static float[] Hum(double[] phase, double[] amplitudes)
    {
        var data = new float[phase.Length];
        for (var n = 0; n < phase.Length; n++)
        {
            var sample = 0.0;
            for (var k = 1; k <= amplitudes.Length; k++)
            {
                sample += amplitudes[k - 1] * Math.Cos((k * phase[n]) + (0.7 * k));
            }

            data[n] = (float)sample;
        }

        return data;
    }

    /// <summary>The peak amplitude of the component of <paramref name="signal"/> that follows harmonic <paramref name="k"/>
    /// of the phase track, over [start, end): coherent demodulation, so only that drifting line is measured.</summary>
    public static double HarmonicAmplitude(ReadOnlySpan<float> signal, double[] phase, int k, int start, int end)
    {
        double re = 0, im = 0;
        for (var n = start; n < end; n++)
        {
            re += signal[n] * Math.Cos(k * phase[n]);
            im += signal[n] * Math.Sin(k * phase[n]);
        }

        return 2 * Math.Sqrt((re * re) + (im * im)) / (end - start);
    }

    public static float[] Add(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = new float[a.Length];
        for (var i = 0; i < a.Length; i++)
        {
            sum[i] = a[i] + b[i];
        }

        return sum;
    }

    public static float[] Subtract(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var difference = new float[a.Length];
        for (var i = 0; i < a.Length; i++)
        {
            difference[i] = a[i] - b[i];
        }

        return difference;
    }

    public static double Energy(ReadOnlySpan<float> signal, int start = 0, int end = -1)
    {
        end = end < 0 ? signal.Length : end;
        var sum = 0.0;
        for (var i = start; i < end; i++)
        {
            sum += (double)signal[i] * signal[i];
        }

        return sum;
    }

    /// <summary>10·log10 of the reference's energy over the error's (output − reference) on [start, end), in dB.</summary>
    public static double Snr(ReadOnlySpan<float> reference, ReadOnlySpan<float> output, int start = 0, int end = -1)
    {
        end = end < 0 ? reference.Length : end;
        var error = 0.0;
        for (var i = start; i < end; i++)
        {
            var d = (double)output[i] - reference[i];
            error += d * d;
        }

        return 10 * Math.Log10(Energy(reference, start, end) / error);
    }

    /// <summary>Runs <paramref name="processor"/> over whole channels in blocks of <paramref name="block"/> frames,
    /// returning the output with the processor's latency removed (the tail is flushed with zeros).</summary>
    public static float[][] Process(IAudioProcessor processor, int sampleRate, int block, params float[][] input)
    {
        var channels = input.Length;
        var frames = input[0].Length;
        processor.Prepare(new ProcessSpec(sampleRate, block, channels));
        var latency = processor.LatencyFrames;
        var total = frames + latency;
        var output = new float[channels][];
        for (var c = 0; c < channels; c++)
        {
            output[c] = new float[frames];
        }

        var storage = new float[channels * block];
        for (var done = 0; done < total; done += block)
        {
            var run = Math.Min(block, total - done);
            var audio = new AudioBlock(storage, channels, run, block);
            audio.Clear();
            for (var c = 0; c < channels; c++)
            {
                var available = Math.Clamp(frames - done, 0, run);
                if (available > 0)
                {
                    input[c].AsSpan(done, available).CopyTo(audio[c]);
                }
            }

            processor.Process(audio, new ProcessContext(done, done, sampleRate, true));
            for (var i = 0; i < run; i++)
            {
                var at = done + i - latency;
                if (at >= 0 && at < frames)
                {
                    for (var c = 0; c < channels; c++)
                    {
                        output[c][at] = audio[c][i];
                    }
                }
            }
        }

        return output;
    }
}
