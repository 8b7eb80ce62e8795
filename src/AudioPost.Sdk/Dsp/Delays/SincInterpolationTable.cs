using MathNet.Numerics;

namespace AudioPost.Sdk.Dsp.Delays;

/// <summary>
/// The shared coefficient table of <see cref="DelayInterpolation.Sinc32"/>: <see cref="Phases"/> + 1 rows of
/// <see cref="Taps"/> Kaiser-windowed sinc weights for fractions 0, 1/Phases, ..., 1, each row normalised to a
/// DC gain of exactly 1.
/// </summary>
/// <remarks>Built once, in double precision, the first time a line that needs it is constructed (never on the audio thread).</remarks>
internal static class SincInterpolationTable
{
    public const int Taps = 32;
    public const int Phases = 512;

    /// <summary>The first tap's offset from <c>floor(delay)</c>: taps cover offsets −15 to +16.</summary>
    public const int FirstOffset = -(Taps / 2) + 1;

    private const double Beta = 8.0;

    /// <summary>Gets the table: row r (fraction r / Phases) at <c>r · Taps</c>, tap t weighting the sample at delay <c>floor(d) + FirstOffset + t</c>.</summary>
    public static float[] Weights { get; } = Build();

    private static float[] Build()
    {
        var table = new float[(Phases + 1) * Taps];
        var norm = SpecialFunctions.BesselI0(Beta);
        var row = new double[Taps];
        for (var r = 0; r <= Phases; r++)
        {
            var fraction = (double)r / Phases;
            double sum = 0;
            for (var t = 0; t < Taps; t++)
            {
                // Distance of this tap from the point read, in samples; the window spans ±Taps/2 around it.
                var x = FirstOffset + t - fraction;
                var sinc = x == 0 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);
                var u = x / (Taps / 2.0);
                var window = Math.Abs(u) >= 1 ? 0 : SpecialFunctions.BesselI0(Beta * Math.Sqrt(1 - (u * u))) / norm;
                row[t] = sinc * window;
                sum += row[t];
            }

            for (var t = 0; t < Taps; t++)
            {
                table[(r * Taps) + t] = (float)(row[t] / sum);
            }
        }

        return table;
    }
}
