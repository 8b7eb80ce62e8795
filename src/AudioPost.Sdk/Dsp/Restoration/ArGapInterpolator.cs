namespace AudioPost.Sdk.Dsp.Restoration;

/// <summary>
/// Least-squares autoregressive interpolation of a gap: the unknown samples are those that minimise the summed
/// squared prediction error of the AR model over every error term they touch (the Janssen–Veldhuis–Vries
/// interpolator). The normal equations are a symmetric positive-definite Toeplitz system in the autocorrelation of
/// the prediction-error filter, solved by Cholesky in buffers sized once.
/// </summary>
internal sealed class ArGapInterpolator
{
    private readonly int _order;
    private readonly int _maxGap;
    private readonly double[] _filterCorrelation;
    private readonly double[] _matrix;
    private readonly double[] _rhs;

    public ArGapInterpolator(int order, int maxGap)
    {
        _order = order;
        _maxGap = maxGap;
        _filterCorrelation = new double[order + 1];
        _matrix = new double[maxGap * maxGap];
        _rhs = new double[maxGap];
    }

    /// <summary>Replaces <c>signal[start .. start + length)</c>. Needs <c>order</c> known samples on each side.</summary>
    /// <returns>False (signal untouched) when the gap is too long or too close to an edge, or the system is singular.</returns>
    public bool Interpolate(Span<float> signal, int start, int length, ReadOnlySpan<double> coefficients)
    {
        var p = _order;
        if (length < 1 || length > _maxGap || start < p || start + length + p > signal.Length)
        {
            return false;
        }

        // Prediction-error filter c = [1, −a1 … −ap] and its autocorrelation R(d) = Σ c_j c_{j+d}.
        for (var d = 0; d <= p; d++)
        {
            var sum = 0.0;
            for (var j = 0; j + d <= p; j++)
            {
                sum += Filter(coefficients, j) * Filter(coefficients, j + d);
            }

            _filterCorrelation[d] = sum;
        }

        var m = length;
        var matrix = _matrix.AsSpan(0, m * m);
        var rhs = _rhs.AsSpan(0, m);
        for (var u = 0; u < m; u++)
        {
            for (var v = 0; v < m; v++)
            {
                var d = Math.Abs(u - v);
                matrix[(u * m) + v] = d <= p ? _filterCorrelation[d] : 0;
            }

            // Known neighbours within p samples on either side of unknown u.
            var t = start + u;
            var sum = 0.0;
            for (var d = -p; d <= p; d++)
            {
                var k = t + d;
                if (k < start || k >= start + length)
                {
                    sum += _filterCorrelation[Math.Abs(d)] * signal[k];
                }
            }

            rhs[u] = -sum;
        }

        if (!CholeskySolve(matrix, rhs, m))
        {
            return false;
        }

        for (var u = 0; u < m; u++)
        {
            signal[start + u] = (float)rhs[u];
        }

        return true;
    }

    private static double Filter(ReadOnlySpan<double> coefficients, int j) => j == 0 ? 1 : -coefficients[j - 1];

    // In place: the lower triangle becomes L (A = L·Lᵀ), rhs becomes the solution.
    private static bool CholeskySolve(Span<double> a, Span<double> rhs, int m)
    {
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = a[(i * m) + j];
                for (var k = 0; k < j; k++)
                {
                    sum -= a[(i * m) + k] * a[(j * m) + k];
                }

                if (i == j)
                {
                    if (sum <= 0)
                    {
                        return false;
                    }

                    a[(i * m) + i] = Math.Sqrt(sum);
                }
                else
                {
                    a[(i * m) + j] = sum / a[(j * m) + j];
                }
            }
        }

        for (var i = 0; i < m; i++)
        {
            var sum = rhs[i];
            for (var k = 0; k < i; k++)
            {
                sum -= a[(i * m) + k] * rhs[k];
            }

            rhs[i] = sum / a[(i * m) + i];
        }

        for (var i = m - 1; i >= 0; i--)
        {
            var sum = rhs[i];
            for (var k = i + 1; k < m; k++)
            {
                sum -= a[(k * m) + i] * rhs[k];
            }

            rhs[i] = sum / a[(i * m) + i];
        }

        return true;
    }
}
