namespace AudioPost.Sdk.Dsp.Loudness;

/// <summary>
/// One second-order section <c>H(z) = (b0 + b1 z⁻¹ + b2 z⁻²) / (1 + a1 z⁻¹ + a2 z⁻²)</c>, in double precision.
/// </summary>
internal readonly record struct BiquadCoefficients(double B0, double B1, double B2, double A1, double A2)
{
    /// <summary>Gets the magnitude response in dB at <paramref name="frequency"/> Hz for <paramref name="sampleRate"/>.</summary>
    public double MagnitudeDb(double frequency, double sampleRate)
    {
        var w = 2 * Math.PI * frequency / sampleRate;
        var (c1, s1) = (Math.Cos(w), -Math.Sin(w));
        var (c2, s2) = (Math.Cos(2 * w), -Math.Sin(2 * w));
        var numRe = B0 + (B1 * c1) + (B2 * c2);
        var numIm = (B1 * s1) + (B2 * s2);
        var denRe = 1 + (A1 * c1) + (A2 * c2);
        var denIm = (A1 * s1) + (A2 * s2);
        return 10 * Math.Log10(((numRe * numRe) + (numIm * numIm)) / ((denRe * denRe) + (denIm * denIm)));
    }
}
