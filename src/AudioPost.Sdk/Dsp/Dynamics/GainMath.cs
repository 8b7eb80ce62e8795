using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var db = ref MemoryMarshal.GetReference(decibels);
            ref var g = ref MemoryMarshal.GetReference(gains);
            for (; i + Vector256<float>.Count <= decibels.Length; i += Vector256<float>.Count)
            {
                var unity = Vector256.Equals(Vector256.LoadUnsafe(ref db, (nuint)i), Vector256<float>.Zero);
                Vector256.ConditionalSelect(unity, Vector256<float>.One, Vector256.LoadUnsafe(ref g, (nuint)i)).StoreUnsafe(ref g, (nuint)i);
            }
        }

        for (; i < decibels.Length; i++)
        {
            if (decibels[i] == 0f)
            {
                gains[i] = 1f;
            }
        }
    }
}
