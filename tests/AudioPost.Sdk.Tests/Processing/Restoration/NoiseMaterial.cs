using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace AudioPost.Sdk.Tests.Processing.Restoration;

/// <summary>Seeded noises for the noise-reduction tests: Gaussian white, pink (1/f power), mains hum with harmonics.</summary>
internal static class NoiseMaterial
{
    /// <summary>Gaussian white noise of RMS <paramref name="rms"/> (Box–Muller on a seeded generator).</summary>
    public static float[] White(int frames, double rms, int seed)
    {
        var random = new Random(seed);
        var samples = new float[frames];
        for (var i = 0; i < frames; i++)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            samples[i] = (float)(rms * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
        }

        return samples;
    }

    /// <summary>
    /// Pink noise: white Gaussian noise shaped in the frequency domain by 1/sqrt(f) above 20 Hz (power falls 3 dB per
    /// octave), cut below 20 Hz, then scaled to RMS <paramref name="rms"/>. Circular (the end joins the start).
    /// </summary>
    public static float[] Pink(int frames, int sampleRate, double rms, int seed)
    {
        var white = White(frames, 1.0, seed);
        var spectrum = new Complex[frames];
        for (var i = 0; i < frames; i++)
        {
            spectrum[i] = white[i];
        }

        Fourier.Forward(spectrum, FourierOptions.Matlab);
        for (var k = 0; k < frames; k++)
        {
            var bin = Math.Min(k, frames - k);
            var f = (double)bin * sampleRate / frames;
            spectrum[k] *= f < 20.0 ? 0.0 : 1.0 / Math.Sqrt(f);
        }

        Fourier.Inverse(spectrum, FourierOptions.Matlab);
        var samples = new float[frames];
        double sum = 0;
        for (var i = 0; i < frames; i++)
        {
            sum += spectrum[i].Real * spectrum[i].Real;
        }

        var scale = rms / Math.Sqrt(sum / frames);
        for (var i = 0; i < frames; i++)
        {
            samples[i] = (float)(spectrum[i].Real * scale);
        }

        return samples;
    }

    /// <summary>
    /// Mains hum: <paramref name="fundamental"/> Hz and its harmonics 2 to <paramref name="harmonics"/>, amplitudes
    /// falling as 1/h (odd harmonics twice as strong, as from a saturating transformer), random fixed phases, scaled
    /// to RMS <paramref name="rms"/>.
    /// </summary>
    public static float[] Hum(int frames, int sampleRate, double fundamental, int harmonics, double rms, int seed)
    {
        var random = new Random(seed);
        var samples = new double[frames];
        for (var h = 1; h <= harmonics && fundamental * h < sampleRate * 0.45; h++)
        {
            var amplitude = (h % 2 == 1 ? 2.0 : 1.0) / h;
            var phase = 2.0 * Math.PI * random.NextDouble();
            var w = 2.0 * Math.PI * fundamental * h / sampleRate;
            for (var i = 0; i < frames; i++)
            {
                samples[i] += amplitude * Math.Sin((w * i) + phase);
            }
        }

        double sum = 0;
        foreach (var s in samples)
        {
            sum += s * s;
        }

        var scale = rms / Math.Sqrt(sum / frames);
        var result = new float[frames];
        for (var i = 0; i < frames; i++)
        {
            result[i] = (float)(samples[i] * scale);
        }

        return result;
    }

    /// <summary>Mean square of <paramref name="samples"/> in dB (RMS level re full scale).</summary>
    public static double LevelDb(ReadOnlySpan<float> samples)
    {
        double sum = 0;
        foreach (var s in samples)
        {
            sum += (double)s * s;
        }

        return 10.0 * Math.Log10(Math.Max(sum / Math.Max(1, samples.Length), 1e-30));
    }
}
