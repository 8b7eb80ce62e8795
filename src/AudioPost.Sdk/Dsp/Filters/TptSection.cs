using System.Numerics;

namespace AudioPost.Sdk.Dsp.Filters;

/// <summary>
/// One section of a topology-preserving-transform (trapezoidal) filter: a state-variable filter (second order, two
/// states) or a one-pole (first order, one state), with the output mixed from the input and the internal taps.
/// </summary>
/// <remarks>
/// <para>Second order, from the prototype <c>H(s) = (m0 (s² + k s + 1) + m1 s + m2) / (s² + k s + 1)</c> with the
/// bilinear transform pre-warped by <c>g = tan(π f / fs)</c>: per sample
/// <c>v3 = x − s2; v1 = a1 s1 + a2 v3; v2 = s2 + a2 s1 + a3 v3; s1 = 2 v1 − s1; s2 = 2 v2 − s2;
/// y = m0 x + m1 v1 + m2 v2</c>, where <c>a1 = 1 / (1 + g (g + k)), a2 = g a1, a3 = g a2</c>.</para>
/// <para>First order, from <c>H(s) = (m0 (s + 1) + m1) / (s + 1)</c>: <c>v = G (x − s); lp = v + s; s = lp + v;
/// y = m0 x + m1 lp</c>, with <c>G = g / (1 + g)</c>.</para>
/// <para>Why this structure: the states are the integrators of the analog circuit, so changing g, k or the mix
/// between two samples changes no stored energy abruptly, and the filter is stable for every g &gt; 0, k &gt; 0 even
/// when they change every sample. A direct form's states are weighted sums of past outputs that are only meaningful
/// for the coefficients that produced them, which is why it clicks and can blow up under fast modulation.</para>
/// </remarks>
internal readonly struct TptSection
{
    // Bounds that keep every coefficient finite whatever a caller or an automation lane asks for.
    private const double MinNormalizedFrequency = 1e-6;
    private const double MaxNormalizedFrequency = 0.49;
    private const double MinQ = 0.025;
    private const double MaxQ = 1000;
    private const double MaxAbsGainDb = 120;

    private TptSection(bool firstOrder, double g, double k, double m0, double m1, double m2)
    {
        IsFirstOrder = firstOrder;
        G = g;
        K = k;
        M0 = m0;
        M1 = m1;
        M2 = m2;
        if (firstOrder)
        {
            var gain = g / (1 + g);
            S11 = 1 - (2 * gain);
            X1 = 2 * gain;
            O1 = m1 * (1 - gain);
            OX = m0 + (m1 * gain);
        }
        else
        {
            var a1 = 1 / (1 + (g * (g + k)));
            var a2 = g * a1;
            var a3 = g * a2;

            // v1 = a1 s1 − a2 s2 + a2 x and v2 = a2 s1 + (1 − a3) s2 + a3 x, expanded into the state update and the
            // output: the same arithmetic as the per-sample equations above, reassociated so that each new state
            // is two fused multiply-adds away from the old ones (half the loop-carried latency of the textbook
            // order). The states are still the integrators, so modulation behaves exactly as described.
            S11 = (2 * a1) - 1;
            S12 = -2 * a2;
            S21 = 2 * a2;
            S22 = 1 - (2 * a3);
            X1 = 2 * a2;
            X2 = 2 * a3;
            O1 = (m1 * a1) + (m2 * a2);
            O2 = (m2 * (1 - a3)) - (m1 * a2);
            OX = m0 + (m1 * a2) + (m2 * a3);
        }
    }

    public bool IsFirstOrder { get; }

    /// <summary>Gets the pre-warped frequency <c>tan(π f / fs)</c>.</summary>
    public double G { get; }

    /// <summary>Gets the damping <c>1 / Q</c> (second order only).</summary>
    public double K { get; }

    public double M0 { get; }

    public double M1 { get; }

    public double M2 { get; }

    /// <summary>Gets the state update <c>s1' = S11 s1 + S12 s2 + X1 x</c>, <c>s2' = S21 s1 + S22 s2 + X2 x</c> (first order: <c>s' = S11 s + X1 x</c>).</summary>
    public double S11 { get; }

    public double S12 { get; }

    public double S21 { get; }

    public double S22 { get; }

    public double X1 { get; }

    public double X2 { get; }

    /// <summary>Gets the output <c>y = OX x + O1 s1 + O2 s2</c>, from the states before the update.</summary>
    public double O1 { get; }

    public double O2 { get; }

    public double OX { get; }

    /// <summary>A second-order section with pre-warped frequency <paramref name="g"/> and damping <paramref name="k"/>.</summary>
    public static TptSection SecondOrder(double g, double k, double m0, double m1, double m2) => new(false, g, k, m0, m1, m2);

    /// <summary>A first-order section with pre-warped frequency <paramref name="g"/>.</summary>
    public static TptSection FirstOrder(double g, double m0, double m1) => new(true, g, 0, m0, m1, 0);

    /// <summary>The pre-warped frequency for <paramref name="frequency"/> Hz, clamped to a safe range (NaN maps to the lowest).</summary>
    public static double Prewarp(double sampleRate, double frequency)
    {
        var normalized = frequency / sampleRate;
        if (!(normalized > MinNormalizedFrequency))
        {
            normalized = MinNormalizedFrequency;
        }
        else if (normalized > MaxNormalizedFrequency)
        {
            normalized = MaxNormalizedFrequency;
        }

        return Math.Tan(Math.PI * normalized);
    }

    /// <summary>
    /// The state-variable realisation of a cookbook response (<see cref="BiquadCoefficients.Design"/>): the same
    /// transfer function. Never throws: out-of-range or NaN arguments are clamped, so it is safe per sample.
    /// </summary>
    public static TptSection Design(BiquadType type, double sampleRate, double frequency, double q, double gainDb)
    {
        var g = Prewarp(sampleRate, frequency);
        q = q > MinQ ? Math.Min(q, MaxQ) : MinQ;
        gainDb = gainDb > -MaxAbsGainDb ? Math.Min(gainDb, MaxAbsGainDb) : -MaxAbsGainDb;
        var k = 1 / q;
        switch (type)
        {
            case BiquadType.LowPass:
                return SecondOrder(g, k, 0, 0, 1);
            case BiquadType.HighPass:
                return SecondOrder(g, k, 1, -k, -1);
            case BiquadType.BandPass:
                return SecondOrder(g, k, 0, k, 0);
            case BiquadType.Notch:
                return SecondOrder(g, k, 1, -k, 0);
            case BiquadType.AllPass:
                return SecondOrder(g, k, 1, -2 * k, 0);
            case BiquadType.Peak:
            {
                // The damping shrinks with the gain so that the bandwidth matches the cookbook's: k = 1 / (Q A).
                var a = Math.Pow(10, gainDb / 40);
                k /= a;
                return SecondOrder(g, k, 1, k * ((a * a) - 1), 0);
            }

            case BiquadType.LowShelf:
            {
                // The shelf's poles sit at f / sqrt(A): the cookbook's prototype A (s² + √A s/Q + A) / (A s² + √A s/Q + 1).
                var a = Math.Pow(10, gainDb / 40);
                return SecondOrder(g / Math.Sqrt(a), k, 1, k * (a - 1), (a * a) - 1);
            }

            case BiquadType.HighShelf:
            {
                var a = Math.Pow(10, gainDb / 40);
                return SecondOrder(g * Math.Sqrt(a), k, a * a, k * (1 - a) * a, 1 - (a * a));
            }

            default:
                // An unknown enum value passes the signal through rather than throwing on the audio thread.
                return SecondOrder(g, k, 1, 0, 0);
        }
    }

    /// <summary>The equivalent direct-form coefficients (the same transfer function), for analysis.</summary>
    public BiquadCoefficients ToBiquad()
    {
        var g = G;
        if (IsFirstOrder)
        {
            var d0 = 1 + g;
            return new BiquadCoefficients(((M0 * d0) + (M1 * g)) / d0, ((M0 * (g - 1)) + (M1 * g)) / d0, 0, (g - 1) / d0, 0);
        }

        var g2 = g * g;
        var a0 = 1 + (K * g) + g2;
        var a1 = 2 * (g2 - 1);
        var a2 = 1 - (K * g) + g2;
        return new BiquadCoefficients(
            ((M0 * a0) + (M1 * g) + (M2 * g2)) / a0,
            ((M0 * a1) + (2 * M2 * g2)) / a0,
            ((M0 * a2) - (M1 * g) + (M2 * g2)) / a0,
            a1 / a0,
            a2 / a0);
    }

    /// <summary>Evaluates the section's response at <paramref name="frequency"/> Hz.</summary>
    public Complex Response(double frequency, double sampleRate) => ToBiquad().Response(frequency, sampleRate);
}
