using System.Numerics.Tensors;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Dynamics;

namespace AudioPost.Sdk.Processing.Dynamics;

/// <summary>
/// One level detector per channel, linked: the loudest channel's level drives one gain for all, so a stereo (or wider)
/// image never shifts as the gain moves. Shared by <see cref="ExpanderCore"/>, <see cref="DeEsserProcessor"/> and
/// <see cref="MultibandCompressorProcessor"/>.
/// </summary>
internal static class LinkedLevel
{
    /// <summary>Creates <paramref name="count"/> detectors. Allocates (Prepare only).</summary>
    public static LevelDetector[] CreateDetectors(int count, DetectionMode mode, double windowMilliseconds, int sampleRate)
    {
        var detectors = new LevelDetector[count];
        for (var i = 0; i < count; i++)
        {
            detectors[i] = new LevelDetector(mode, windowMilliseconds, sampleRate);
        }

        return detectors;
    }

    /// <summary>Clears every detector's memory. Real-time safe.</summary>
    public static void Reset(Span<LevelDetector> detectors)
    {
        for (var i = 0; i < detectors.Length; i++)
        {
            detectors[i].Reset();
        }
    }

    /// <summary>
    /// Runs channel <c>c</c> of <paramref name="block"/> through <c>detectors[c]</c> and writes, per frame, the largest
    /// level in dB into <paramref name="level"/>. Real-time safe.
    /// </summary>
    /// <param name="detectors">One per channel, at least one.</param>
    /// <param name="block">The audio detected, with at least as many channels as detectors.</param>
    /// <param name="level">The linked level, one per frame of the block.</param>
    /// <param name="scratch">Work space as long as <paramref name="level"/>.</param>
    public static void Loudest(Span<LevelDetector> detectors, AudioBlock block, Span<float> level, Span<float> scratch)
    {
        detectors[0].Process(block[0], level);
        for (var c = 1; c < detectors.Length; c++)
        {
            detectors[c].Process(block[c], scratch);
            TensorPrimitives.Max(level, scratch, level);
        }
    }
}
