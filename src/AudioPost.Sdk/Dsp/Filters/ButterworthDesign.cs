using System.Numerics;

namespace AudioPost.Sdk.Dsp.Filters;

/// <summary>
/// Butterworth and Linkwitz-Riley low- and high-pass designs as cascades of second-order sections (plus one
/// first-order section for odd Butterworth orders), by the bilinear transform pre-warped at the cutoff.
/// </summary>
/// <remarks>
/// <para>A Butterworth of order n is maximally flat, −3.01 dB at the cutoff and falls 6·n dB per octave; its
/// second-order sections have <c>Q_k = 1 / (2 sin(π (2k + 1) / (2n)))</c>, k = 0 .. n/2 − 1. A Linkwitz-Riley of
/// order 2m is a Butterworth of order m applied twice: −6.02 dB at the cutoff, and a low-pass plus the matching
/// high-pass sum to an all-pass (flat magnitude), which is what a crossover needs.</para>
/// <para>Design-time helpers: the methods returning arrays allocate. Thread-safe (no state).</para>
/// </remarks>
public static class ButterworthDesign
{
    /// <summary>The highest Butterworth order supported.</summary>
    public const int MaxOrder = 8;

    /// <summary>Gets the number of sections (first- and second-order) of a Butterworth of <paramref name="order"/>.</summary>
    /// <param name="order">Order, 1 to <see cref="MaxOrder"/>.</param>
    public static int SectionCount(int order)
    {
        ValidateButterworthOrder(order);
        return (order + 1) / 2;
    }

    /// <summary>Gets the Q of second-order section <paramref name="index"/> of a Butterworth of <paramref name="order"/>, in the order the filters run them (ascending Q).</summary>
    /// <param name="order">Order, 2 to <see cref="MaxOrder"/>.</param>
    /// <param name="index">Section index, 0 to <paramref name="order"/> / 2 − 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static double SectionQ(int order, int index)
    {
        ValidateButterworthOrder(order);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, order / 2);
        return QOf(order, (order / 2) - 1 - index);
    }

    /// <summary>
    /// Designs a Butterworth of <paramref name="order"/> (1 to 8) as direct-form sections: the first-order section
    /// first for odd orders, then the second-order sections by ascending Q. Allocates.
    /// </summary>
    /// <param name="pass">Low- or high-pass.</param>
    /// <param name="order">Order, 1 to <see cref="MaxOrder"/>.</param>
    /// <param name="sampleRate">Sample rate in Hz.</param>
    /// <param name="frequency">Cutoff (−3 dB) in Hz, between 0 and Nyquist.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static BiquadCoefficients[] Butterworth(FilterPass pass, int order, double sampleRate, double frequency)
    {
        ValidateButterworthOrder(order);
        FilterArguments.ValidateFrequency(sampleRate, frequency);
        var sections = new TptSection[SectionCount(order)];
        Fill(sections, pass, order, TptSection.Prewarp(sampleRate, frequency), allPass: false, negate: false);
        return ToBiquads(sections);
    }

    /// <summary>Designs a Linkwitz-Riley of <paramref name="order"/> (2, 4, 6 or 8): the Butterworth of half the order, twice. Allocates.</summary>
    /// <param name="pass">Low- or high-pass.</param>
    /// <param name="order">Order: 2, 4, 6 or 8.</param>
    /// <param name="sampleRate">Sample rate in Hz.</param>
    /// <param name="frequency">Cutoff (−6 dB) in Hz, between 0 and Nyquist.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static BiquadCoefficients[] LinkwitzRiley(FilterPass pass, int order, double sampleRate, double frequency)
    {
        ValidateLinkwitzRileyOrder(order);
        var half = Butterworth(pass, order / 2, sampleRate, frequency);
        return [.. half, .. half];
    }

    /// <summary>Evaluates the complex response of a cascade of sections at <paramref name="frequency"/> Hz.</summary>
    /// <param name="sections">The sections, e.g. from <see cref="Butterworth"/>.</param>
    /// <param name="frequency">Frequency in Hz.</param>
    /// <param name="sampleRate">Sample rate in Hz.</param>
    public static Complex Response(ReadOnlySpan<BiquadCoefficients> sections, double frequency, double sampleRate)
    {
        var response = Complex.One;
        foreach (var section in sections)
        {
            response *= section.Response(frequency, sampleRate);
        }

        return response;
    }

    /// <summary>Throws unless <paramref name="order"/> is 1 to 8.</summary>
    internal static void ValidateButterworthOrder(int order)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(order, MaxOrder);
    }

    /// <summary>Throws unless <paramref name="order"/> is 2, 4, 6 or 8.</summary>
    internal static void ValidateLinkwitzRileyOrder(int order)
    {
        if (order is not (2 or 4 or 6 or 8))
        {
            throw new ArgumentOutOfRangeException(nameof(order), order, "A Linkwitz-Riley order is 2, 4, 6 or 8 (a squared Butterworth of order 1 to 4).");
        }
    }

    /// <summary>
    /// Writes the <see cref="SectionCount"/> sections of a Butterworth of <paramref name="order"/> at pre-warped
    /// frequency <paramref name="g"/>: low- or high-pass, or the all-pass <c>D(−s) / D(s)</c> built on the same
    /// denominator (what a Linkwitz-Riley low-pass plus high-pass sums to). <paramref name="negate"/> inverts the
    /// polarity (in the first section's mix, at no cost). Real-time safe.
    /// </summary>
    internal static void Fill(Span<TptSection> destination, FilterPass pass, int order, double g, bool allPass, bool negate)
    {
        var sign = negate ? -1.0 : 1.0;
        var index = 0;
        if ((order & 1) == 1)
        {
            // One-pole: lp = 1 / (s + 1), hp = x − lp, all-pass (1 − s) / (1 + s) = 2 lp − x.
            destination[index++] = allPass ? TptSection.FirstOrder(g, -sign, 2 * sign)
                : pass == FilterPass.LowPass ? TptSection.FirstOrder(g, 0, sign)
                : TptSection.FirstOrder(g, sign, -sign);
            sign = 1;
        }

        for (var k = (order / 2) - 1; k >= 0; k--)
        {
            var damping = 1 / QOf(order, k);
            destination[index++] = allPass ? TptSection.SecondOrder(g, damping, sign, -2 * damping * sign, 0)
                : pass == FilterPass.LowPass ? TptSection.SecondOrder(g, damping, 0, 0, sign)
                : TptSection.SecondOrder(g, damping, sign, -damping * sign, -sign);
            sign = 1;
        }
    }

    internal static BiquadCoefficients[] ToBiquads(ReadOnlySpan<TptSection> sections)
    {
        var result = new BiquadCoefficients[sections.Length];
        for (var i = 0; i < sections.Length; i++)
        {
            result[i] = sections[i].ToBiquad();
        }

        return result;
    }

    private static double QOf(int order, int k) => 1 / (2 * Math.Sin(Math.PI * ((2 * k) + 1) / (2 * order)));
}
