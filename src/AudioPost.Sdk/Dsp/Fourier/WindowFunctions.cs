using MathNet.Numerics;

namespace AudioPost.Sdk.Dsp.Fourier;

/// <summary>
/// Window functions written into spans: Hann, Hamming, Blackman-Harris (4-term) and Kaiser. Apply one with
/// <c>TensorPrimitives.Multiply(frame, window, frame)</c>.
/// </summary>
/// <remarks>
/// <para>With <c>L</c> = N for <see cref="WindowSymmetry.Periodic"/> and N − 1 for
/// <see cref="WindowSymmetry.Symmetric"/>, sample n (0 ≤ n &lt; N) is a function of <c>x = n / L</c>.
/// A window of length 1 is <c>[1]</c>; an empty span is left alone.</para>
/// <para>Compute windows once (in Prepare or a plan's constructor) and keep them: the kernels do not
/// allocate, but they evaluate cosines (and, for Kaiser, Bessel functions) per sample.</para>
/// </remarks>
public static class WindowFunctions
{
    /// <summary>Hann: <c>0.5 − 0.5·cos(2πx)</c>. Sidelobes −31 dB; periodic Hann sums to 1 at 50 % overlap (to 1.5 at 75 %).</summary>
    /// <param name="destination">The window, N samples.</param>
    /// <param name="symmetry">Periodic (default, for STFT) or symmetric.</param>
    public static void Hann(Span<float> destination, WindowSymmetry symmetry = WindowSymmetry.Periodic) =>
        CosineSum(destination, symmetry, 0.5, 0.5, 0, 0);

    /// <summary>Hamming: <c>0.54 − 0.46·cos(2πx)</c>. Nearest sidelobe −43 dB; the ends are 0.08, not 0.</summary>
    /// <param name="destination">The window, N samples.</param>
    /// <param name="symmetry">Periodic (default) or symmetric.</param>
    public static void Hamming(Span<float> destination, WindowSymmetry symmetry = WindowSymmetry.Periodic) =>
        CosineSum(destination, symmetry, 0.54, 0.46, 0, 0);

    /// <summary>
    /// 4-term Blackman-Harris (minimum sidelobe, Harris 1978): <c>0.35875 − 0.48829·cos(2πx) + 0.14128·cos(4πx)
    /// − 0.01168·cos(6πx)</c>. Sidelobes −92 dB; main lobe ±4 bins.
    /// </summary>
    /// <param name="destination">The window, N samples.</param>
    /// <param name="symmetry">Periodic (default) or symmetric.</param>
    public static void BlackmanHarris(Span<float> destination, WindowSymmetry symmetry = WindowSymmetry.Periodic) =>
        CosineSum(destination, symmetry, 0.35875, 0.48829, 0.14128, 0.01168);

    /// <summary>
    /// Kaiser: <c>I0(β·√(1 − (2x − 1)²)) / I0(β)</c>, I0 the modified Bessel function of the first kind, order 0.
    /// β trades main-lobe width for sidelobe level: 0 is rectangular, 5 about −37 dB, 8.6 about −64 dB
    /// (Blackman-like), 12 about −90 dB.
    /// </summary>
    /// <param name="destination">The window, N samples.</param>
    /// <param name="beta">Shape β, 0 to 50.</param>
    /// <param name="symmetry">Symmetric (default, as Kaiser windows serve mostly in filter design) or periodic.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="beta"/> is outside 0 to 50 or NaN.</exception>
    public static void Kaiser(Span<float> destination, double beta, WindowSymmetry symmetry = WindowSymmetry.Symmetric)
    {
        if (!(beta >= 0 && beta <= 50))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "Kaiser β must be 0 to 50.");
        }

        if (Single(destination))
        {
            return;
        }

        var length = Denominator(destination.Length, symmetry);
        var norm = SpecialFunctions.BesselI0(beta);
        for (var n = 0; n < destination.Length; n++)
        {
            var t = (2.0 * n / length) - 1.0;
            destination[n] = (float)(SpecialFunctions.BesselI0(beta * Math.Sqrt(Math.Max(0.0, 1.0 - (t * t)))) / norm);
        }
    }

    /// <summary><c>a0 − a1·cos(2πx) + a2·cos(4πx) − a3·cos(6πx)</c>, in double precision.</summary>
    private static void CosineSum(Span<float> destination, WindowSymmetry symmetry, double a0, double a1, double a2, double a3)
    {
        if (Single(destination))
        {
            return;
        }

        var length = Denominator(destination.Length, symmetry);
        for (var n = 0; n < destination.Length; n++)
        {
            var phase = 2.0 * Math.PI * n / length;
            destination[n] = (float)(a0 - (a1 * Math.Cos(phase)) + (a2 * Math.Cos(2 * phase)) - (a3 * Math.Cos(3 * phase)));
        }
    }

    private static bool Single(Span<float> destination)
    {
        if (destination.Length == 1)
        {
            destination[0] = 1f;
        }

        return destination.Length <= 1;
    }

    private static int Denominator(int length, WindowSymmetry symmetry) =>
        symmetry == WindowSymmetry.Periodic ? length : length - 1;
}
