namespace AudioPost.Sdk.Dsp;

/// <summary>
/// Reduces float samples to PCM of <see cref="Bits"/> bits with TPDF dither inside an error-feedback loop, so the
/// requantisation noise is shaped by a <see cref="NoiseShape"/> filter: lower where hearing is most sensitive, higher
/// near Nyquist. Used beside <see cref="TpdfDither"/> where the lowest audible noise matters more than the lowest total
/// noise (16-bit masters).
/// </summary>
/// <remarks>
/// <para>Per sample: <c>v = x - Σ c_k·e[n-k]</c>, <c>y = round((v + d) / LSB)·LSB</c> with <c>d</c> a TPDF value in
/// [-1, 1) LSB, and <c>e[n] = y - v</c>. The total error <c>y - x</c> is therefore the white error <c>e</c> (variance
/// LSB²/4: LSB²/12 of rounding plus LSB²/6 of dither) filtered by <c>NTF(z) = 1 - Σ c_k z^-k</c>. The loop runs in
/// double, so 24-bit output is exact.</para>
/// <para>Unlike <see cref="TpdfDither"/>, which only adds noise and leaves rounding to the encoder, this class
/// quantises: every output is a multiple of LSB in [-1, 1 - LSB], so the encoder's own rounding changes nothing. Where
/// the input clips, the fed-back error is limited to ±2 LSB so an overload cannot drive the loop into oscillation.</para>
/// <para>Not thread-safe: each instance holds one channel's error history and generator; use one per channel.
/// Real-time safe: <see cref="Process"/> neither allocates, locks nor blocks.</para>
/// </remarks>
public sealed class NoiseShapedDither
{
    // Coefficients c_1..c_N of NTF(z) = 1 - Σ c_k z^-k, from the papers cited on NoiseShape (44.1 kHz designs).
    private static readonly double[] FirstOrder = [1.0];
    private static readonly double[] EWeighted = [2.033, -2.165, 1.959, -1.590, 0.6149];
    private static readonly double[] FWeighted = [2.412, -3.370, 3.937, -4.174, 3.353, -2.205, 1.281, -0.569, 0.0847];

    private readonly double[] _coefficients;
    private readonly double[] _errors;
    private readonly double _lsb;
    private readonly double _scale;
    private readonly double _max;
    private ulong _state;
    private int _head;

    /// <summary>Creates a shaper for PCM of <paramref name="bits"/> bits.</summary>
    /// <param name="bits">The output bit depth, <see cref="TpdfDither.MinBits"/> to <see cref="TpdfDither.MaxBits"/>.</param>
    /// <param name="shape">The noise-shaping filter.</param>
    /// <param name="seed">The generator's seed; equal seeds give equal output. Any value, 0 included.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bits"/> is outside 8 to 24, or
    /// <paramref name="shape"/> is unknown.</exception>
    public NoiseShapedDither(int bits, NoiseShape shape, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, TpdfDither.MinBits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, TpdfDither.MaxBits);
        Bits = bits;
        Shape = shape;
        _coefficients = shape switch
        {
            NoiseShape.FirstOrderHighpass => FirstOrder,
            NoiseShape.EWeighted5 => EWeighted,
            NoiseShape.FWeighted9 => FWeighted,
            _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "Unknown noise shape."),
        };
        _errors = new double[_coefficients.Length];
        _lsb = Math.ScaleB(1.0, 1 - bits);
        _scale = Math.ScaleB(1.0, bits - 1);
        _max = 1 - _lsb;
        _state = DitherNoise.Seed(seed);
    }

    /// <summary>Gets the output bit depth.</summary>
    public int Bits { get; }

    /// <summary>Gets the noise-shaping filter.</summary>
    public NoiseShape Shape { get; }

    /// <summary>Gets one quantisation step in the nominal [-1, 1] range: 2^-(<see cref="Bits"/> - 1).</summary>
    public float Lsb => (float)_lsb;

    /// <summary>Gets the noise transfer function's power gain <c>|NTF(e^{j2πf/rate})|²</c> at <paramref name="frequency"/>
    /// Hz: how much the white requantisation noise (LSB²/4) is raised or lowered there.</summary>
    /// <param name="frequency">Frequency in Hz, 0 to <paramref name="sampleRate"/> / 2.</param>
    /// <param name="sampleRate">Sample rate in Hz.</param>
    public double NoiseGain(double frequency, double sampleRate)
    {
        double re = 1, im = 0;
        for (var k = 0; k < _coefficients.Length; k++)
        {
            var w = 2 * Math.PI * frequency * (k + 1) / sampleRate;
            re -= _coefficients[k] * Math.Cos(w);
            im += _coefficients[k] * Math.Sin(w);
        }

        return (re * re) + (im * im);
    }

    /// <summary>Quantises <paramref name="samples"/> in place to multiples of <see cref="Lsb"/>, with shaped dither.</summary>
    /// <param name="samples">The samples, nominally in [-1, 1]; may be empty.</param>
    /// <remarks>Real-time safe: no allocation, no locks, no I/O.</remarks>
    public void Process(Span<float> samples)
    {
        var state = _state;
        var errors = _errors;
        var coefficients = _coefficients;
        var order = coefficients.Length;
        var head = _head;
        var noiseScale = _lsb * Math.ScaleB(1.0, -DitherNoise.UniformBits);
        for (var i = 0; i < samples.Length; i++)
        {
            // errors[head] is e[n-1], errors[head+1] e[n-2], ... (a ring read backwards in time).
            var feedback = 0.0;
            for (var k = 0; k < order; k++)
            {
                var index = head + k;
                feedback += coefficients[k] * errors[index >= order ? index - order : index];
            }

            var v = samples[i] - feedback;

            state = DitherNoise.Next(state);
            var dither = DitherNoise.Tpdf(state) * noiseScale;

            var y = Math.Round((v + dither) * _scale) * _lsb;
            y = Math.Clamp(y, -1.0, _max);
            var error = Math.Clamp(y - v, -2 * _lsb, 2 * _lsb);

            head = head == 0 ? order - 1 : head - 1;
            errors[head] = error;
            samples[i] = (float)y;
        }

        _state = state;
        _head = head;
    }

    /// <summary>Clears the error history (as after a locate); the generator continues. Real-time safe.</summary>
    public void Reset()
    {
        Array.Clear(_errors);
        _head = 0;
    }
}
