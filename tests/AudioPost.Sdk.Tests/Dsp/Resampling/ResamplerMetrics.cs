using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Resampling;

namespace AudioPost.Sdk.Tests.Dsp.Resampling;

/// <summary>
/// The measurements of REFERENCE.md §8 on whole signals: a tone's amplitude by a least-squares sine fit at its exact
/// frequency (so a signal far below the float noise floor is still measured: the fit's processing gain is the window
/// length), passband gain, alias/image level, THD+N.
/// </summary>
internal static class ResamplerMetrics
{
    /// <summary>Frames skipped at each end of an output so the edges' start-up transients are not measured.</summary>
    public const int Margin = 2048;

    /// <summary>A sine of <paramref name="frequency"/> Hz at <paramref name="rate"/>, peak <paramref name="amplitude"/>,
    /// computed in double and rounded once to float.</summary>
    public static float[] Sine(double frequency, int rate, int frames, double amplitude, double phase = 0)
    {
        var samples = new float[frames];
        for (var i = 0; i < frames; i++)
        {
            samples[i] = (float)(amplitude * Math.Sin((2 * Math.PI * frequency * i / rate) + phase));
        }

        return samples;
    }

    /// <summary>Resamples a mono signal as a whole buffer.</summary>
    public static float[] Resample(float[] input, int inputRate, int outputRate, ResamplerQuality quality)
    {
        using var output = Resampler.Resample(new ReadOnlyAudioBlock(input, 1, input.Length), inputRate, outputRate, quality);
        return output.GetChannel(0).ToArray();
    }

    /// <summary>Peak amplitude of the component at <paramref name="frequency"/> Hz in samples[start, start+count):
    /// least squares on cos and sin (2×2 normal equations, exact for any window length).</summary>
    public static double Amplitude(ReadOnlySpan<float> samples, double frequency, int rate, int start, int count)
    {
        var (a, b) = Fit(samples, frequency, rate, start, count);
        return Math.Sqrt((a * a) + (b * b));
    }

    /// <summary>Amplitude of the tone in the middle of <paramref name="samples"/> (a margin off each end).</summary>
    public static double Amplitude(ReadOnlySpan<float> samples, double frequency, int rate) =>
        Amplitude(samples, frequency, rate, Margin, samples.Length - (2 * Margin));

    /// <summary>Amplitude of a weak component at <paramref name="frequency"/> beside a strong tone at
    /// <paramref name="strong"/>: the strong tone is fitted and subtracted first, because a plain fit leaks a
    /// full-scale tone a few kHz away into the result at about -80 dB.</summary>
    public static double AmplitudeBeside(ReadOnlySpan<float> samples, double frequency, double strong, int rate)
    {
        var start = Margin;
        var count = samples.Length - (2 * Margin);
        var (a, b) = Fit(samples, strong, rate, start, count);
        var residual = new float[samples.Length];
        for (var i = 0; i < count; i++)
        {
            var w = 2 * Math.PI * strong * (start + i) / rate;
            residual[start + i] = (float)(samples[start + i] - (a * Math.Cos(w)) - (b * Math.Sin(w)));
        }

        return Amplitude(residual, frequency, rate, start, count);
    }

    /// <summary>THD+N in dB: RMS of what is left after removing the best-fitting sine at <paramref name="frequency"/>,
    /// over the RMS of the signal, in the middle of <paramref name="samples"/>.</summary>
    public static double ThdPlusNoiseDb(ReadOnlySpan<float> samples, double frequency, int rate)
    {
        var start = Margin;
        var count = samples.Length - (2 * Margin);
        var (a, b) = Fit(samples, frequency, rate, start, count);
        double residual = 0, total = 0;
        for (var i = 0; i < count; i++)
        {
            var w = 2 * Math.PI * frequency * (start + i) / rate;
            var x = (double)samples[start + i];
            var e = x - (a * Math.Cos(w)) - (b * Math.Sin(w));
            residual += e * e;
            total += x * x;
        }

        return 10 * Math.Log10(residual / total);
    }

    /// <summary>RMS of the middle of <paramref name="samples"/>.</summary>
    public static double Rms(ReadOnlySpan<float> samples)
    {
        double sum = 0;
        for (var i = Margin; i < samples.Length - Margin; i++)
        {
            sum += (double)samples[i] * samples[i];
        }

        return Math.Sqrt(sum / (samples.Length - (2 * Margin)));
    }

    public static double Db(double ratio) => 20 * Math.Log10(ratio);

    private static (double A, double B) Fit(ReadOnlySpan<float> samples, double frequency, int rate, int start, int count)
    {
        double cc = 0, ss = 0, cs = 0, xc = 0, xs = 0;
        for (var i = 0; i < count; i++)
        {
            var w = 2 * Math.PI * frequency * (start + i) / rate;
            var c = Math.Cos(w);
            var s = Math.Sin(w);
            var x = (double)samples[start + i];
            cc += c * c;
            ss += s * s;
            cs += c * s;
            xc += x * c;
            xs += x * s;
        }

        var det = (cc * ss) - (cs * cs);
        return (((xc * ss) - (xs * cs)) / det, ((xs * cc) - (xc * cs)) / det);
    }
}
