using System.Numerics.Tensors;

namespace AudioPost.Sdk.Dsp.Dynamics;

/// <summary>dB-to-gain conversion for dynamics gains, exact at unity.</summary>
internal static class GainMath
{
    // ln(10) / 20: turns dB into the exponent of e.
    private const float DbToExponent = 0.115129254649702f;

    /// <summary>
    /// Converts <paramref name="decibels"/> to linear gains in <paramref name="gains"/> (separate spans). Vectorized; a
    /// value of exactly 0 dB gives exactly 1, because the vectorized exponential may return 1.0000001 there and a
    /// dynamics processor that is not acting must pass its audio bit for bit.
    /// </summary>
    public static void ToGain(ReadOnlySpan<float> decibels, Span<float> gains)
    {
        TensorPrimitives.Multiply(decibels, DbToExponent, gains);
        TensorPrimitives.Exp(gains, gains);
        for (var i = 0; i < decibels.Length; i++)
        {
            if (decibels[i] == 0f)
            {
                gains[i] = 1f;
            }
        }
    }
}
