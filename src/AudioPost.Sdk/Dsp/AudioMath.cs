using System.Numerics.Tensors;

namespace AudioPost.Sdk.Dsp;

/// <summary>
/// Span-in, span-out kernels on float samples. Inputs come first, the destination last; unless
/// stated otherwise a source and its destination may be the same span. All are real-time safe
/// (no allocation) and vectorized through <see cref="TensorPrimitives"/>.
/// </summary>
public static class AudioMath
{
    /// <summary>Computes <c>destination[i] = source[i] * gain</c>.</summary>
    public static void ApplyGain(ReadOnlySpan<float> source, float gain, Span<float> destination) =>
        TensorPrimitives.Multiply(source, gain, destination);

    /// <summary>Computes <c>destination[i] = source[i] * gains[i]</c> (per-sample gain, as produced by automation).</summary>
    public static void ApplyGain(ReadOnlySpan<float> source, ReadOnlySpan<float> gains, Span<float> destination) =>
        TensorPrimitives.Multiply(source, gains, destination);

    /// <summary>
    /// Multiplies each sample by a gain that ramps linearly from <paramref name="startGain"/> to
    /// <paramref name="endGain"/>: <c>destination[i] = source[i] * (startGain + (endGain - startGain) * i / source.Length)</c>.
    /// The end gain itself is reached on the sample after the span, so consecutive ramps join without a step.
    /// </summary>
    public static void ApplyGainRamp(ReadOnlySpan<float> source, float startGain, float endGain, Span<float> destination)
    {
        if (source.Length == 0)
        {
            return;
        }

        if (startGain == endGain)
        {
            ApplyGain(source, startGain, destination);
            return;
        }

        var step = (endGain - startGain) / source.Length;
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = source[i] * (startGain + (step * i));
        }
    }

    /// <summary>Adds <paramref name="source"/> scaled by <paramref name="gain"/> into <paramref name="destination"/>: <c>destination[i] += source[i] * gain</c>.</summary>
    public static void MixInto(ReadOnlySpan<float> source, float gain, Span<float> destination)
    {
        if (gain == 1f)
        {
            TensorPrimitives.Add(destination, source, destination);
        }
        else
        {
            TensorPrimitives.MultiplyAdd(source, gain, destination, destination);
        }
    }

    /// <summary>Gets the largest absolute sample value (linear), 0 for an empty span. NaN propagates.</summary>
    public static float Peak(ReadOnlySpan<float> source) => source.IsEmpty ? 0f : MathF.Abs(TensorPrimitives.MaxMagnitude(source));

    /// <summary>Gets the sum of squares of the samples, in double precision so long blocks do not lose small values.</summary>
    public static double SumOfSquares(ReadOnlySpan<float> source)
    {
        // Float accumulation over thousands of samples loses the quiet tail of a signal; sum
        // vectorized in float over short runs, then accumulate the runs in double.
        const int Run = 256;
        double total = 0;
        for (var i = 0; i < source.Length; i += Run)
        {
            var run = source.Slice(i, Math.Min(Run, source.Length - i));
            total += TensorPrimitives.SumOfSquares(run);
        }

        return total;
    }

    /// <summary>Gets the root-mean-square value (linear), 0 for an empty span.</summary>
    public static float Rms(ReadOnlySpan<float> source) =>
        source.IsEmpty ? 0f : (float)Math.Sqrt(SumOfSquares(source) / source.Length);
}
