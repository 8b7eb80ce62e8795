namespace AudioPost.Sdk.Tests.Dsp.Fourier;

/// <summary>The textbook O(N²) DFT in double precision: the reference the FFTs are held to.</summary>
internal static class NaiveDft
{
    /// <summary>Transforms interleaved complex <paramref name="input"/>; sign −1 forward, +1 inverse (unscaled).</summary>
    public static double[] Transform(ReadOnlySpan<float> input, int sign)
    {
        var n = input.Length / 2;
        var output = new double[2 * n];
        for (var k = 0; k < n; k++)
        {
            double re = 0, im = 0;
            for (var t = 0; t < n; t++)
            {
                var (sin, cos) = Math.SinCos(sign * 2.0 * Math.PI * ((long)k * t % n) / n);
                re += (input[2 * t] * cos) - (input[(2 * t) + 1] * sin);
                im += (input[2 * t] * sin) + (input[(2 * t) + 1] * cos);
            }

            output[2 * k] = re;
            output[(2 * k) + 1] = im;
        }

        return output;
    }

    /// <summary>RMS of the difference over RMS of the reference.</summary>
    public static double RelativeRmsError(ReadOnlySpan<float> actual, ReadOnlySpan<double> expected)
    {
        double error = 0, energy = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            var d = actual[i] - expected[i];
            error += d * d;
            energy += expected[i] * expected[i];
        }

        return Math.Sqrt(error / Math.Max(energy, 1e-300));
    }

    public static float[] Noise(int count, int seed)
    {
        var random = new Random(seed);
        var data = new float[count];
        for (var i = 0; i < count; i++)
        {
            data[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return data;
    }
}
