using System.Numerics;
using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Tests.Dsp.Filters;

/// <summary>Processes one block in place (a filter under test).</summary>
internal delegate void BlockFilter(AudioBlock block);

/// <summary>Measures filters from the outside: impulse responses, their DFT at chosen frequencies, test signals.</summary>
internal static class FilterProbe
{
    /// <summary>The frequencies responses are checked at: 20 Hz to 0.45·fs, six per octave.</summary>
    public static IEnumerable<double> Frequencies(double sampleRate)
    {
        for (var f = 20.0; f < 0.45 * sampleRate; f *= Math.Pow(2, 1.0 / 6))
        {
            yield return f;
        }
    }

    /// <summary>Feeds a unit impulse on every channel through <paramref name="filter"/> in blocks and returns each channel's response.</summary>
    public static double[][] ImpulseResponses(BlockFilter filter, int length, int channels, int blockFrames = 256)
    {
        var storage = new float[channels * length];
        for (var c = 0; c < channels; c++)
        {
            storage[c * length] = 1f;
        }

        Run(filter, storage, channels, length, blockFrames);
        var result = new double[channels][];
        for (var c = 0; c < channels; c++)
        {
            result[c] = Array.ConvertAll(storage.AsSpan(c * length, length).ToArray(), x => (double)x);
        }

        return result;
    }

    /// <summary>The impulse response of channel 0 of a mono run.</summary>
    public static double[] ImpulseResponse(BlockFilter filter, int length, int blockFrames = 256) =>
        ImpulseResponses(filter, length, 1, blockFrames)[0];

    /// <summary>Runs planar <paramref name="storage"/> (channels × frames, tightly packed) through the filter in blocks.</summary>
    public static void Run(BlockFilter filter, float[] storage, int channels, int frames, int blockFrames)
    {
        for (var offset = 0; offset < frames; offset += blockFrames)
        {
            var count = Math.Min(blockFrames, frames - offset);
            var block = new AudioBlock(storage.AsSpan(offset), channels, count, frames);
            filter(block);
        }
    }

    /// <summary>The discrete-time Fourier transform of <paramref name="h"/> at <paramref name="frequency"/> Hz.</summary>
    public static Complex Dtft(ReadOnlySpan<double> h, double frequency, double sampleRate)
    {
        var w = 2 * Math.PI * frequency / sampleRate;
        double re = 0, im = 0;
        for (var n = 0; n < h.Length; n++)
        {
            var (sin, cos) = Math.SinCos(w * n);
            re += h[n] * cos;
            im -= h[n] * sin;
        }

        return new Complex(re, im);
    }

    public static double Db(Complex value) => 20 * Math.Log10(value.Magnitude);

    /// <summary>The difference of two phases wrapped to (−π, π].</summary>
    public static double PhaseDifference(Complex a, Complex b) => Math.Atan2(Math.Sin(a.Phase - b.Phase), Math.Cos(a.Phase - b.Phase));

    /// <summary>Uniform white noise in [−amplitude, amplitude), reproducible.</summary>
    public static float[] Noise(int length, float amplitude, int seed)
    {
        var random = new Random(seed);
        var result = new float[length];
        for (var i = 0; i < length; i++)
        {
            result[i] = amplitude * ((2 * random.NextSingle()) - 1);
        }

        return result;
    }

    /// <summary>The impulse response of direct-form coefficients, computed in double (the reference the filters must match).</summary>
    public static double[] DirectFormImpulseResponse(AudioPost.Sdk.Dsp.Filters.BiquadCoefficients c, int length)
    {
        var h = new double[length];
        double s1 = 0, s2 = 0;
        for (var n = 0; n < length; n++)
        {
            double x = n == 0 ? 1 : 0;
            var y = (c.B0 * x) + s1;
            s1 = (c.B1 * x) - (c.A1 * y) + s2;
            s2 = (c.B2 * x) - (c.A2 * y);
            h[n] = y;
        }

        return h;
    }
}
