using System.Numerics.Tensors;

namespace AudioPost.Sdk.Dsp;

/// <summary>Conversions between decibels (dB, relative to full scale or unity gain) and linear amplitude.</summary>
/// <remarks>Amplitude dB: <c>dB = 20 log10(gain)</c>. Real-time safe: no allocation.</remarks>
public static class Decibels
{
    /// <summary>The level treated as silence, in dB. <see cref="ToGain(float)"/> returns exactly 0 at or below it.</summary>
    public const float SilenceDb = -144f;

    // ln(10) / 20: turns dB into the exponent of e.
    private const float DbToExponent = 0.115129254649702f;

    /// <summary>Converts a level in dB to a linear gain; <see cref="SilenceDb"/> and below give 0.</summary>
    public static float ToGain(float decibels) => decibels <= SilenceDb ? 0f : MathF.Exp(decibels * DbToExponent);

    /// <summary>Converts a linear gain to dB; 0 (or below the silence floor) gives <see cref="SilenceDb"/>.</summary>
    public static float FromGain(float gain)
    {
        var magnitude = MathF.Abs(gain);
        return magnitude <= 6.3e-8f ? SilenceDb : 20f * MathF.Log10(magnitude);
    }

    /// <summary>Converts each dB value in <paramref name="decibels"/> to a linear gain in <paramref name="destination"/> (the spans may be the same).</summary>
    /// <remarks>Vectorized; values at or below <see cref="SilenceDb"/> become exactly 0.</remarks>
    public static void ToGain(ReadOnlySpan<float> decibels, Span<float> destination)
    {
        TensorPrimitives.Multiply(decibels, DbToExponent, destination);
        TensorPrimitives.Exp(destination, destination);
        for (var i = 0; i < decibels.Length; i++)
        {
            if (decibels[i] <= SilenceDb)
            {
                destination[i] = 0f;
            }
        }
    }
}
