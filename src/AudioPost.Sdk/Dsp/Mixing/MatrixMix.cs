using System.Numerics.Tensors;
using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Dsp.Mixing;

/// <summary>
/// The kernel behind every matrix-shaped mixing node (downmix, upmix, routing, surround panning):
/// each output channel is a weighted sum of the input channels, with weights that may glide
/// linearly across the block.
/// </summary>
/// <remarks>
/// Gains are stored row-major, one row per output channel: the gain from input <c>n</c> to output
/// <c>m</c> is <c>gains[m * inputs + n]</c>. Real-time safe: no allocation. Constant entries use the
/// vectorized multiply-add of <see cref="TensorPrimitives"/>; zero entries cost nothing.
/// </remarks>
public static class MatrixMix
{
    /// <summary>
    /// Computes <c>output[m][i] = Σₙ input[n][i] · (start[m,n] + (end[m,n] − start[m,n]) · i / frames)</c>:
    /// every weight ramps from its start value, and reaches its end value on the frame after the block,
    /// so consecutive calls join without a step.
    /// </summary>
    /// <param name="input">The input channels (<c>N</c>).</param>
    /// <param name="startGains">Linear gains at the block's first frame, <c>M × N</c> row-major.</param>
    /// <param name="endGains">Linear gains after the block's last frame, <c>M × N</c> row-major; the same span as
    /// <paramref name="startGains"/> for constant gains.</param>
    /// <param name="output">The output channels (<c>M</c>), at least as many frames as <paramref name="input"/>. Must not
    /// overlap <paramref name="input"/>: every output reads every input.</param>
    /// <exception cref="ArgumentException">The gain spans are not <c>M × N</c> long, or the output is shorter than the input.</exception>
    public static void Mix(ReadOnlyAudioBlock input, ReadOnlySpan<float> startGains, ReadOnlySpan<float> endGains, AudioBlock output)
    {
        var inputs = input.ChannelCount;
        var outputs = output.ChannelCount;
        if (startGains.Length != inputs * outputs || endGains.Length != startGains.Length)
        {
            throw new ArgumentException($"A {inputs}-in, {outputs}-out matrix needs {inputs * outputs} gains; got {startGains.Length} and {endGains.Length}.", nameof(startGains));
        }

        if (output.FrameCount < input.FrameCount)
        {
            throw new ArgumentException($"The output holds {output.FrameCount} frames; the input has {input.FrameCount}.", nameof(output));
        }

        var frames = input.FrameCount;
        for (var m = 0; m < outputs; m++)
        {
            var destination = output[m].Slice(0, frames);
            destination.Clear();
            var row = m * inputs;
            for (var n = 0; n < inputs; n++)
            {
                var start = startGains[row + n];
                var end = endGains[row + n];
                if (start == end)
                {
                    if (start != 0f)
                    {
                        AudioMath.MixInto(input[n], start, destination);
                    }

                    continue;
                }

                MixRamp(input[n], start, end, destination);
            }
        }
    }

    /// <summary>
    /// Adds <paramref name="source"/> into <paramref name="destination"/> through a gain that ramps linearly:
    /// <c>destination[i] += source[i] · (startGain + (endGain − startGain) · i / source.Length)</c>.
    /// </summary>
    /// <param name="source">The samples to add.</param>
    /// <param name="startGain">Linear gain at the first sample.</param>
    /// <param name="endGain">Linear gain reached on the sample after the span.</param>
    /// <param name="destination">Where the products are added; at least as long as <paramref name="source"/>.</param>
    public static void MixRamp(ReadOnlySpan<float> source, float startGain, float endGain, Span<float> destination)
    {
        if (source.IsEmpty)
        {
            return;
        }

        destination = destination.Slice(0, source.Length);
        var step = (endGain - startGain) / source.Length;
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] += source[i] * (startGain + (step * i));
        }
    }
}
