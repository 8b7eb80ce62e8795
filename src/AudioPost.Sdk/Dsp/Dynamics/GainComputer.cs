using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AudioPost.Sdk.Dsp.Dynamics;

/// <summary>
/// Static curves of dynamics processors: how much gain reduction, in dB, a steady level calls for.
/// </summary>
/// <remarks>
/// All values are in dB and the reduction is returned as a non-negative number (6 means the gain is −6 dB). Levels are
/// the detector's (<see cref="DetectionMode"/>), so a threshold is compared with a peak or an RMS level accordingly.
/// Real-time safe: pure functions, no allocation, no exceptions.
/// </remarks>
public static class GainComputer
{
    /// <summary>
    /// Gets the reduction of a downward compressor: none below the knee, <c>(L − T)(1 − 1/R)</c> above it, and a
    /// quadratic blend across a soft knee of width <c>W</c> centred on the threshold:
    /// <c>(1 − 1/R)(L − T + W/2)² / (2W)</c> for <c>|L − T| &lt; W/2</c>.
    /// </summary>
    /// <remarks>The curve and its slope are continuous at both knee edges, so a level sweep through the knee has no corner.</remarks>
    /// <param name="levelDb">The detected level, in dB.</param>
    /// <param name="thresholdDb">The threshold <c>T</c>, in dB: the middle of the knee.</param>
    /// <param name="ratio">The ratio <c>R</c>, 1 or more (1 = no compression); <see cref="float.PositiveInfinity"/> limits.</param>
    /// <param name="kneeDb">The knee width <c>W</c>, in dB; 0 or less is a hard knee.</param>
    /// <returns>The gain reduction in dB, 0 or more.</returns>
    public static float CompressorReductionDb(float levelDb, float thresholdDb, float ratio, float kneeDb)
    {
        var over = levelDb - thresholdDb;
        var slope = 1f - (1f / ratio);
        if (kneeDb > 0f)
        {
            var half = 0.5f * kneeDb;
            if (over <= -half)
            {
                return 0f;
            }

            if (over < half)
            {
                var into = over + half;
                return slope * into * into / (2f * kneeDb);
            }
        }

        return over > 0f ? slope * over : 0f;
    }

    /// <summary>
    /// Applies <see cref="CompressorReductionDb(float, float, float, float)"/> with fixed settings to every level of a
    /// block: the same arithmetic, eight levels per vector where the hardware has them (bit-identical results).
    /// Real-time safe.
    /// </summary>
    /// <param name="levelDb">The detected levels, in dB.</param>
    /// <param name="reductionDb">At least as long as <paramref name="levelDb"/>: the reductions in dB, 0 or more. May be <paramref name="levelDb"/> itself.</param>
    /// <param name="thresholdDb">The threshold, in dB.</param>
    /// <param name="ratio">The ratio, 1 or more.</param>
    /// <param name="kneeDb">The knee width, in dB; 0 or less is a hard knee.</param>
    /// <exception cref="ArgumentException"><paramref name="reductionDb"/> is shorter than <paramref name="levelDb"/>.</exception>
    public static void CompressorReductionDb(ReadOnlySpan<float> levelDb, Span<float> reductionDb, float thresholdDb, float ratio, float kneeDb)
    {
        if (reductionDb.Length < levelDb.Length)
        {
            throw new ArgumentException("The destination is shorter than the levels.", nameof(reductionDb));
        }

        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var level = ref MemoryMarshal.GetReference(levelDb);
            ref var reduction = ref MemoryMarshal.GetReference(reductionDb);
            var threshold = Vector256.Create(thresholdDb);
            var slope = Vector256.Create(1f - (1f / ratio));
            var half = Vector256.Create(0.5f * kneeDb);
            var width = Vector256.Create(2f * kneeDb);
            var soft = kneeDb > 0f;
            for (; i + Vector256<float>.Count <= levelDb.Length; i += Vector256<float>.Count)
            {
                var over = Vector256.LoadUnsafe(ref level, (nuint)i) - threshold;
                var linear = Vector256.ConditionalSelect(Vector256.GreaterThan(over, Vector256<float>.Zero), slope * over, Vector256<float>.Zero);
                if (soft)
                {
                    var into = over + half;
                    var curved = slope * into * into / width;
                    var inKnee = Vector256.LessThan(over, half);
                    linear = Vector256.ConditionalSelect(inKnee, curved, linear);
                    linear = Vector256.ConditionalSelect(Vector256.LessThanOrEqual(over, -half), Vector256<float>.Zero, linear);
                }

                linear.StoreUnsafe(ref reduction, (nuint)i);
            }
        }

        for (; i < levelDb.Length; i++)
        {
            reductionDb[i] = CompressorReductionDb(levelDb[i], thresholdDb, ratio, kneeDb);
        }
    }

    /// <summary>
    /// Gets the reduction of a downward expander: none at or above the threshold, <c>(T − L)(R − 1)</c> below it,
    /// never more than <paramref name="rangeDb"/>. A ratio of <see cref="float.PositiveInfinity"/> is a gate: the whole
    /// range below the threshold.
    /// </summary>
    /// <param name="levelDb">The detected level, in dB.</param>
    /// <param name="thresholdDb">The threshold <c>T</c>, in dB.</param>
    /// <param name="ratio">The expansion ratio <c>R</c>, 1 or more (2 means 1 dB under the threshold becomes 2 dB under).</param>
    /// <param name="rangeDb">The largest reduction, in dB, 0 or more.</param>
    /// <returns>The gain reduction in dB, 0 to <paramref name="rangeDb"/>.</returns>
    public static float ExpanderReductionDb(float levelDb, float thresholdDb, float ratio, float rangeDb)
    {
        var under = thresholdDb - levelDb;
        if (!(under > 0f))
        {
            return 0f;
        }

        return float.IsPositiveInfinity(ratio) ? rangeDb : MathF.Min(rangeDb, under * (ratio - 1f));
    }
}
