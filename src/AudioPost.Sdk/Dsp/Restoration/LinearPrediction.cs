using System.Numerics.Tensors;

namespace AudioPost.Sdk.Dsp.Restoration;

/// <summary>Autoregressive (linear-prediction) model fitting: windowed autocorrelation and the Levinson–Durbin
/// recursion. Allocation-free; the caller owns every buffer.</summary>
internal static class LinearPrediction
{
    /// <summary>Fits <c>x[n] ≈ Σ a[i−1]·x[n−i]</c>, i = 1..order, by the autocorrelation method over
    /// <paramref name="signal"/> weighted by <paramref name="window"/>; returns false (coefficients zero) for silence.</summary>
    /// <param name="signal">The samples.</param>
    /// <param name="window">Analysis window, the signal's length.</param>
    /// <param name="coefficients">Receives <c>order</c> predictor coefficients.</param>
    /// <param name="autocorrelation">Scratch of at least order + 1.</param>
    /// <param name="scratch">Scratch of at least order.</param>
    /// <param name="windowed">Scratch of at least the signal's length.</param>
    public static bool Fit(ReadOnlySpan<float> signal, ReadOnlySpan<float> window, Span<double> coefficients, Span<double> autocorrelation, Span<double> scratch, Span<float> windowed)
    {
        var order = coefficients.Length;
        var n = signal.Length;
        var y = windowed[..n];
        TensorPrimitives.Multiply(signal, window[..n], y);

        // Single-precision dot products (vectorised): their rounding, about 1e-6 of R(0), is far under the −40 dB
        // white-noise correction below.
        for (var lag = 0; lag <= order; lag++)
        {
            autocorrelation[lag] = TensorPrimitives.Dot(y[lag..], y[..(n - lag)]);
        }

        coefficients.Clear();
        if (autocorrelation[0] <= 1e-20)
        {
            return false;
        }

        // A little white-noise correction (−40 dB) keeps the recursion well conditioned on pure tones.
        var error = autocorrelation[0] * 1.0001;
        for (var i = 0; i < order; i++)
        {
            var acc = autocorrelation[i + 1];
            for (var j = 0; j < i; j++)
            {
                acc -= coefficients[j] * autocorrelation[i - j];
            }

            var reflection = acc / error;
            for (var j = 0; j < i; j++)
            {
                scratch[j] = coefficients[j] - (reflection * coefficients[i - 1 - j]);
            }

            for (var j = 0; j < i; j++)
            {
                coefficients[j] = scratch[j];
            }

            coefficients[i] = reflection;
            error *= 1 - (reflection * reflection);
            if (error <= 0)
            {
                break;
            }
        }

        return true;
    }
}
