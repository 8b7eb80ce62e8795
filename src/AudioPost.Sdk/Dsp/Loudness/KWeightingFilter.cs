namespace AudioPost.Sdk.Dsp.Loudness;

/// <summary>
/// The BS.1770 K-weighting (high shelf, then RLB high-pass) for every channel of a stream, in double precision,
/// with coefficients re-derived for any sample rate from libebur128's analog prototypes (REFERENCE.md §1.3).
/// </summary>
/// <remarks>
/// At 48 kHz the coefficients equal the normative BS.1770 table. Each stage is a transposed direct form II
/// biquad with double state: the 38 Hz high-pass has poles at |z| ≈ 0.995 (0.9995 at 384 kHz), too close to
/// the unit circle for single precision. Real-time safe; one instance per stream (not thread-safe).
/// </remarks>
internal sealed class KWeightingFilter
{
    // libebur128's fit of the analog prototypes that reproduce the 48 kHz table of BS.1770 exactly.
    private const double ShelfFrequency = 1681.974450955533;
    private const double ShelfGainDb = 3.999843853973347;
    private const double ShelfQ = 0.7071752369554196;
    private const double ShelfBandExponent = 0.4996667741545416;
    private const double HighPassFrequency = 38.13547087602444;
    private const double HighPassQ = 0.5003270373238773;

    // Below the smallest normal double the state only decays through denormals, which are slow on x64.
    private const double DenormalFloor = 2.2250738585072014e-308;

    private readonly BiquadCoefficients _shelf;
    private readonly BiquadCoefficients _highPass;

    // Four words per channel: shelf s1, s2, high-pass s1, s2.
    private readonly double[] _state;

    public KWeightingFilter(double sampleRate, int channelCount)
    {
        (_shelf, _highPass) = Design(sampleRate);
        _state = new double[4 * channelCount];
    }

    /// <summary>Gets the coefficients of stage 1 (the high shelf).</summary>
    public BiquadCoefficients Shelf => _shelf;

    /// <summary>Gets the coefficients of stage 2 (the RLB high-pass; numerator 1, −2, 1, deliberately not normalised).</summary>
    public BiquadCoefficients HighPass => _highPass;

    /// <summary>Designs both stages for <paramref name="sampleRate"/> Hz with the bilinear transform.</summary>
    public static (BiquadCoefficients Shelf, BiquadCoefficients HighPass) Design(double sampleRate)
    {
        var k = Math.Tan(Math.PI * ShelfFrequency / sampleRate);
        var vh = Math.Pow(10, ShelfGainDb / 20);
        var vb = Math.Pow(vh, ShelfBandExponent);
        var a0 = 1 + (k / ShelfQ) + (k * k);
        var shelf = new BiquadCoefficients(
            (vh + (vb * k / ShelfQ) + (k * k)) / a0,
            2 * ((k * k) - vh) / a0,
            (vh - (vb * k / ShelfQ) + (k * k)) / a0,
            2 * ((k * k) - 1) / a0,
            (1 - (k / ShelfQ) + (k * k)) / a0);

        k = Math.Tan(Math.PI * HighPassFrequency / sampleRate);
        a0 = 1 + (k / HighPassQ) + (k * k);
        var highPass = new BiquadCoefficients(1, -2, 1, 2 * ((k * k) - 1) / a0, (1 - (k / HighPassQ) + (k * k)) / a0);
        return (shelf, highPass);
    }

    /// <summary>Clears every channel's filter memory.</summary>
    public void Reset() => Array.Clear(_state);

    /// <summary>
    /// Filters <paramref name="input"/> as the continuation of channel <paramref name="channel"/> and returns the
    /// sum of the squared K-weighted samples (the output itself is not needed by the meter).
    /// </summary>
    public double FilterSumOfSquares(int channel, ReadOnlySpan<float> input)
    {
        var state = _state.AsSpan(4 * channel, 4);
        double s1 = state[0], s2 = state[1], t1 = state[2], t2 = state[3];
        double b0 = _shelf.B0, b1 = _shelf.B1, b2 = _shelf.B2, a1 = _shelf.A1, a2 = _shelf.A2;
        double h1 = _highPass.A1, h2 = _highPass.A2;
        double sum = 0;
        foreach (var sample in input)
        {
            double x = sample;
            var y = (b0 * x) + s1;
            s1 = (b1 * x) - (a1 * y) + s2;
            s2 = (b2 * x) - (a2 * y);

            // High-pass numerator 1, −2, 1 written out: no multiplications by the constants.
            var z = y + t1;
            t1 = t2 - (2 * y) - (h1 * z);
            t2 = y - (h2 * z);
            sum += z * z;
        }

        state[0] = Flush(s1);
        state[1] = Flush(s2);
        state[2] = Flush(t1);
        state[3] = Flush(t2);
        return sum;
    }

    /// <summary>
    /// Filters two channels of equal length at once and returns both sums of squares: the two recursions are
    /// independent, so interleaving them roughly halves the time of two <see cref="FilterSumOfSquares(int, ReadOnlySpan{float})"/> calls,
    /// which wait on the latency of each sample's feedback. Same results as two single calls.
    /// </summary>
    public (double First, double Second) FilterSumOfSquares(int first, ReadOnlySpan<float> firstInput, int second, ReadOnlySpan<float> secondInput)
    {
        var stateA = _state.AsSpan(4 * first, 4);
        var stateB = _state.AsSpan(4 * second, 4);
        double s1 = stateA[0], s2 = stateA[1], t1 = stateA[2], t2 = stateA[3];
        double u1 = stateB[0], u2 = stateB[1], v1 = stateB[2], v2 = stateB[3];
        double b0 = _shelf.B0, b1 = _shelf.B1, b2 = _shelf.B2, a1 = _shelf.A1, a2 = _shelf.A2;
        double h1 = _highPass.A1, h2 = _highPass.A2;
        double sumA = 0, sumB = 0;
        secondInput = secondInput[..firstInput.Length];
        for (var i = 0; i < firstInput.Length; i++)
        {
            double x = firstInput[i];
            double w = secondInput[i];
            var y = (b0 * x) + s1;
            var q = (b0 * w) + u1;
            s1 = (b1 * x) - (a1 * y) + s2;
            u1 = (b1 * w) - (a1 * q) + u2;
            s2 = (b2 * x) - (a2 * y);
            u2 = (b2 * w) - (a2 * q);

            var z = y + t1;
            var r = q + v1;
            t1 = t2 - (2 * y) - (h1 * z);
            v1 = v2 - (2 * q) - (h1 * r);
            t2 = y - (h2 * z);
            v2 = q - (h2 * r);
            sumA += z * z;
            sumB += r * r;
        }

        stateA[0] = Flush(s1);
        stateA[1] = Flush(s2);
        stateA[2] = Flush(t1);
        stateA[3] = Flush(t2);
        stateB[0] = Flush(u1);
        stateB[1] = Flush(u2);
        stateB[2] = Flush(v1);
        stateB[3] = Flush(v2);
        return (sumA, sumB);
    }

    private static double Flush(double value) => Math.Abs(value) < DenormalFloor ? 0 : value;
}
