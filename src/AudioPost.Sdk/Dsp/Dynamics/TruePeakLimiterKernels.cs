using System.Runtime.Intrinsics;

namespace AudioPost.Sdk.Dsp.Dynamics;

/// <summary>The vectorised and branch-free loops of <see cref="TruePeakLimiter"/> that carry no state of their own.</summary>
/// <remarks>Real-time safe: no allocation, lock or exception.</remarks>
internal static class TruePeakLimiterKernels
{
    // peaks[i] ← threshold / peaks[i] where the peak is over the threshold, else 1 (the same division as a scalar
    // loop, so the same bits).
    public static void RequiredGains(Span<float> peaks, float threshold)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var limit = Vector256.Create(threshold);
            for (; i <= peaks.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var peak = Vector256.Create(peaks.Slice(i, Vector256<float>.Count));
                Vector256.ConditionalSelect(Vector256.GreaterThan(peak, limit), limit / peak, Vector256<float>.One).CopyTo(peaks[i..]);
            }
        }

        for (; i < peaks.Length; i++)
        {
            peaks[i] = peaks[i] > threshold ? threshold / peaks[i] : 1f;
        }
    }

    // suffix[j] ← min(block[j ..]) for every j; suffix[W] stays 1 (the empty suffix).
    public static void Suffixes(float[] block, float[] suffix)
    {
        var running = 1f;
        for (var j = block.Length - 1; j >= 0; j--)
        {
            running = float.MinNative(running, block[j]);
            suffix[j] = running;
        }
    }

    // samples ← ring · gains, ring ← samples (the same frames, so no element is read after being written).
    public static void Swap(Span<float> ring, Span<float> samples, ReadOnlySpan<float> gains)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= samples.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var incoming = Vector256.Create(samples.Slice(i, Vector256<float>.Count));
                (Vector256.Create(ring.Slice(i, Vector256<float>.Count)) * Vector256.Create(gains.Slice(i, Vector256<float>.Count))).CopyTo(samples[i..]);
                incoming.CopyTo(ring[i..]);
            }
        }

        for (; i < samples.Length; i++)
        {
            var incoming = samples[i];
            samples[i] = ring[i] * gains[i];
            ring[i] = incoming;
        }
    }
}
