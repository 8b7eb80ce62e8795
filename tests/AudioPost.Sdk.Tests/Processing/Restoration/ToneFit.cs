namespace AudioPost.Sdk.Tests.Processing.Restoration;

/// <summary>Least-squares fit of a sine of known frequency: its amplitude and what remains after removing it.</summary>
internal static class ToneFit
{
    public static (double Amplitude, float[] Residual) Fit(ReadOnlySpan<float> samples, int sampleRate, double frequency, int from, int to)
    {
        double ss = 0, sc = 0, cc = 0, ys = 0, yc = 0;
        var w = 2 * Math.PI * frequency / sampleRate;
        for (var i = from; i < to; i++)
        {
            var s = Math.Sin(w * i);
            var c = Math.Cos(w * i);
            ss += s * s;
            sc += s * c;
            cc += c * c;
            ys += samples[i] * s;
            yc += samples[i] * c;
        }

        var det = (ss * cc) - (sc * sc);
        var a = ((ys * cc) - (yc * sc)) / det;
        var b = ((yc * ss) - (ys * sc)) / det;
        var residual = new float[to - from];
        for (var i = from; i < to; i++)
        {
            residual[i - from] = (float)(samples[i] - (a * Math.Sin(w * i)) - (b * Math.Cos(w * i)));
        }

        return (Math.Sqrt((a * a) + (b * b)), residual);
    }
}
