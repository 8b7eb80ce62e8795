using System.Numerics;

namespace AudioPost.Sdk.Dsp.Filters;

/// <summary>
/// One normalised second-order section, <c>H(z) = (b0 + b1 z⁻¹ + b2 z⁻²) / (1 + a1 z⁻¹ + a2 z⁻²)</c>, in double
/// precision: the RBJ Audio EQ Cookbook designs and the analytic frequency response.
/// </summary>
/// <remarks>
/// These are design-time values (responses, plots, tests, export to other tools). The SDK's filters do not run the
/// direct form: they realise the same transfer functions with <see cref="StateVariableFilter"/>'s topology-preserving
/// structure, which stays stable and quiet while its parameters move. Immutable; thread-safe.
/// </remarks>
/// <param name="B0">Feed-forward coefficient of z⁰.</param>
/// <param name="B1">Feed-forward coefficient of z⁻¹.</param>
/// <param name="B2">Feed-forward coefficient of z⁻².</param>
/// <param name="A1">Feedback coefficient of z⁻¹ (a0 is normalised to 1).</param>
/// <param name="A2">Feedback coefficient of z⁻².</param>
public readonly record struct BiquadCoefficients(double B0, double B1, double B2, double A1, double A2)
{
    /// <summary>Gets the identity section (H(z) = 1).</summary>
    public static BiquadCoefficients Identity { get; } = new(1, 0, 0, 0, 0);

    /// <summary>
    /// Designs a cookbook section: the bilinear transform of the analog prototype, with the frequency pre-warped so
    /// that the digital response has its corner or centre exactly at <paramref name="frequency"/>.
    /// </summary>
    /// <param name="type">The response.</param>
    /// <param name="sampleRate">Sample rate in Hz, greater than 0.</param>
    /// <param name="frequency">Corner or centre frequency in Hz, greater than 0 and below <paramref name="sampleRate"/> / 2.</param>
    /// <param name="q">Quality factor, greater than 0 (0.7071 for a Butterworth low- or high-pass).</param>
    /// <param name="gainDb">Gain in dB for <see cref="BiquadType.Peak"/> and the shelves (finite); ignored by the others.</param>
    /// <returns>The normalised coefficients.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static BiquadCoefficients Design(BiquadType type, double sampleRate, double frequency, double q, double gainDb = 0)
    {
        FilterArguments.Validate(sampleRate, frequency, q, gainDb);
        var w0 = 2 * Math.PI * frequency / sampleRate;
        var (sin, cos) = Math.SinCos(w0);
        var alpha = sin / (2 * q);
        var a = Math.Pow(10, gainDb / 40);
        double b0, b1, b2, a0, a1, a2;
        switch (type)
        {
            case BiquadType.LowPass:
                b1 = 1 - cos;
                b0 = b2 = b1 / 2;
                (a0, a1, a2) = (1 + alpha, -2 * cos, 1 - alpha);
                break;
            case BiquadType.HighPass:
                b1 = -(1 + cos);
                b0 = b2 = -b1 / 2;
                (a0, a1, a2) = (1 + alpha, -2 * cos, 1 - alpha);
                break;
            case BiquadType.BandPass:
                (b0, b1, b2) = (alpha, 0, -alpha);
                (a0, a1, a2) = (1 + alpha, -2 * cos, 1 - alpha);
                break;
            case BiquadType.Notch:
                (b0, b1, b2) = (1, -2 * cos, 1);
                (a0, a1, a2) = (1 + alpha, -2 * cos, 1 - alpha);
                break;
            case BiquadType.AllPass:
                (b0, b1, b2) = (1 - alpha, -2 * cos, 1 + alpha);
                (a0, a1, a2) = (1 + alpha, -2 * cos, 1 - alpha);
                break;
            case BiquadType.Peak:
                (b0, b1, b2) = (1 + (alpha * a), -2 * cos, 1 - (alpha * a));
                (a0, a1, a2) = (1 + (alpha / a), -2 * cos, 1 - (alpha / a));
                break;
            case BiquadType.LowShelf:
            {
                var shelf = 2 * Math.Sqrt(a) * alpha;
                b0 = a * ((a + 1) - ((a - 1) * cos) + shelf);
                b1 = 2 * a * ((a - 1) - ((a + 1) * cos));
                b2 = a * ((a + 1) - ((a - 1) * cos) - shelf);
                a0 = (a + 1) + ((a - 1) * cos) + shelf;
                a1 = -2 * ((a - 1) + ((a + 1) * cos));
                a2 = (a + 1) + ((a - 1) * cos) - shelf;
                break;
            }

            case BiquadType.HighShelf:
            {
                var shelf = 2 * Math.Sqrt(a) * alpha;
                b0 = a * ((a + 1) + ((a - 1) * cos) + shelf);
                b1 = -2 * a * ((a - 1) + ((a + 1) * cos));
                b2 = a * ((a + 1) + ((a - 1) * cos) - shelf);
                a0 = (a + 1) - ((a - 1) * cos) + shelf;
                a1 = 2 * ((a - 1) - ((a + 1) * cos));
                a2 = (a + 1) - ((a - 1) * cos) - shelf;
                break;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown filter type.");
        }

        return new BiquadCoefficients(b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0);
    }

    /// <summary>
    /// Gets the magnitude of the section's larger pole: how fast its memory fades (each sample multiplies what is left
    /// of a past input by at most this). Below 1 for a stable section; 0 for a section without feedback.
    /// </summary>
    public double MaxPoleRadius
    {
        get
        {
            // The poles are the roots of z^2 + a1 z + a2: a complex pair has magnitude sqrt(a2), real roots their own.
            var discriminant = (A1 * A1) - (4 * A2);
            if (discriminant < 0)
            {
                return Math.Sqrt(A2);
            }

            var root = Math.Sqrt(discriminant);
            return Math.Max(Math.Abs((-A1 + root) / 2), Math.Abs((-A1 - root) / 2));
        }
    }

    /// <summary>Evaluates the complex response <c>H(e^jω)</c> at <paramref name="frequency"/> Hz.</summary>
    /// <param name="frequency">Frequency in Hz (0 to <paramref name="sampleRate"/> / 2 for the audible half).</param>
    /// <param name="sampleRate">Sample rate in Hz.</param>
    public Complex Response(double frequency, double sampleRate)
    {
        var z1 = Complex.FromPolarCoordinates(1, -2 * Math.PI * frequency / sampleRate);
        var z2 = z1 * z1;
        return (B0 + (B1 * z1) + (B2 * z2)) / (1 + (A1 * z1) + (A2 * z2));
    }

    /// <summary>Gets the magnitude response in dB at <paramref name="frequency"/> Hz (−∞ at an exact zero).</summary>
    /// <param name="frequency">Frequency in Hz.</param>
    /// <param name="sampleRate">Sample rate in Hz.</param>
    public double MagnitudeDb(double frequency, double sampleRate) => 20 * Math.Log10(Response(frequency, sampleRate).Magnitude);

    /// <summary>Gets the phase response in radians (−π to π) at <paramref name="frequency"/> Hz.</summary>
    /// <param name="frequency">Frequency in Hz.</param>
    /// <param name="sampleRate">Sample rate in Hz.</param>
    public double PhaseRadians(double frequency, double sampleRate) => Response(frequency, sampleRate).Phase;
}
