using System.Numerics;
using MathNet.Numerics;

namespace AudioPost.Sdk.Dsp.Resampling;

/// <summary>
/// The Kaiser-windowed sinc behind a resampler, tabulated at <see cref="Phases"/> sub-sample offsets. Design time only:
/// it allocates and uses MathNet's Bessel function.
/// </summary>
/// <remarks>
/// Row <c>φ</c> of the table holds the taps for an output that sits <c>φ / Phases</c> of an input frame after the input
/// frame <c>⌊t⌋</c>: tap <c>k</c> multiplies input frame <c>⌊t⌋ - Taps/2 + 1 + k</c> and equals
/// <c>h(φ / Phases + Taps/2 - 1 - k)</c>, where <c>h(d) = 2·f_c·sinc(2·f_c·d)·w(d)</c> is the continuous prototype and
/// <c>w</c> the Kaiser window over <c>|d| ≤ Taps/2</c>. There are <see cref="Phases"/> + 1 rows, so an interpolating
/// caller can always read row <c>φ + 1</c>.
/// </remarks>
internal sealed class PolyphaseFilterDesign
{
    private const int TapGranularity = 16;

    private PolyphaseFilterDesign(int taps, int phases, double cutoff, double beta)
    {
        Taps = taps;
        Phases = phases;
        Cutoff = cutoff;
        Beta = beta;
    }

    /// <summary>Gets the taps per phase: a multiple of 16 (whole pairs of SIMD vectors), or 2 for the identity.</summary>
    public int Taps { get; }

    /// <summary>Gets the number of sub-sample phases (the table has one more row).</summary>
    public int Phases { get; }

    /// <summary>Gets the -6 dB point in cycles per input frame (0 for the identity).</summary>
    public double Cutoff { get; }

    /// <summary>Gets the Kaiser window's β.</summary>
    public double Beta { get; }

    /// <summary>Gets whether the table is a plain delay (equal rates): every input frame passes untouched.</summary>
    public bool IsIdentity => Cutoff == 0;

    /// <summary>The pass-through design for equal rates: one phase whose taps are 1 at the centre and 0 elsewhere.</summary>
    public static PolyphaseFilterDesign Identity { get; } = new(2, 1, 0, 0);

    /// <summary>Designs the filter for an output/input rate ratio as low as <paramref name="lowestRatio"/>.</summary>
    /// <param name="preset">Passband, rejection.</param>
    /// <param name="lowestRatio">Output rate / input rate (the lowest it will be, in varispeed), above 0.</param>
    /// <param name="phases">Sub-sample phases to tabulate, 1 or more.</param>
    public static PolyphaseFilterDesign Create(in ResamplerPreset preset, double lowestRatio, int phases)
    {
        // Below a ratio of 1 the band must end at the output's Nyquist, which is that fraction of the input's.
        var scale = Math.Min(1.0, lowestRatio);
        var transition = (1.0 - preset.PassbandEdge) * 0.5 * scale;
        var cutoff = (1.0 + preset.PassbandEdge) * 0.25 * scale;
        var attenuation = preset.RejectionDb;

        // Kaiser's empirical formulas (Oppenheim & Schafer, 3rd ed., eq. 7.62-7.63), transition in cycles per frame.
        var beta = attenuation > 50 ? 0.1102 * (attenuation - 8.7)
            : attenuation >= 21 ? (0.5842 * Math.Pow(attenuation - 21, 0.4)) + (0.07886 * (attenuation - 21))
            : 0;
        var length = (attenuation - 7.95) / (2.285 * 2 * Math.PI * transition);
        var taps = (int)Math.Ceiling(length / TapGranularity) * TapGranularity;
        return new PolyphaseFilterDesign(Math.Max(taps, TapGranularity), phases, cutoff, beta);
    }

    /// <summary>Fills <paramref name="table"/> (<c>(Phases + 1) · Taps</c> values, row after row), normalised so the
    /// average row sums to 1 (unity gain at 0 Hz).</summary>
    public void Fill<T>(Span<T> table)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rows = Phases + 1;
        if (table.Length != rows * Taps)
        {
            throw new ArgumentException("The table has the wrong size.", nameof(table));
        }

        if (IsIdentity)
        {
            // Row 0 passes frame ⌊t⌋ (tap Taps/2 - 1); row 1 (one whole frame later) passes the next one.
            table.Clear();
            table[(Taps / 2) - 1] = T.One;
            table[Taps + (Taps / 2)] = T.One;
            return;
        }

        var values = new double[rows * Taps];
        var half = Taps / 2;
        var windowNorm = SpecialFunctions.BesselI0(Beta);
        double sum = 0;
        for (var row = 0; row < rows; row++)
        {
            var offset = (double)row / Phases;
            for (var k = 0; k < Taps; k++)
            {
                var d = offset + half - 1 - k;
                var value = Prototype(d, half, windowNorm);
                values[(row * Taps) + k] = value;
                if (row < Phases)
                {
                    sum += value;
                }
            }
        }

        var gain = Phases / sum;
        for (var i = 0; i < values.Length; i++)
        {
            table[i] = T.CreateChecked(values[i] * gain);
        }
    }

    private double Prototype(double d, int half, double windowNorm)
    {
        var x = d / half;
        if (Math.Abs(x) >= 1)
        {
            return 0;
        }

        var window = SpecialFunctions.BesselI0(Beta * Math.Sqrt(1 - (x * x))) / windowNorm;
        var argument = 2 * Cutoff * d;
        var sinc = argument == 0 ? 1 : Math.Sin(Math.PI * argument) / (Math.PI * argument);
        return 2 * Cutoff * sinc * window;
    }
}
