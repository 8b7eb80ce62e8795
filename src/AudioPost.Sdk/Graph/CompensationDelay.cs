using System.Numerics.Tensors;
using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Graph;

/// <summary>
/// The delay the compiler puts on a wire so that paths of different latency meet in step at a
/// summing point. A multichannel ring of exactly <see cref="DelayFrames"/> frames; real-time safe.
/// </summary>
internal sealed class CompensationDelay
{
    private readonly float[] _ring;
    private int _position;

    public CompensationDelay(int channelCount, int delayFrames)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delayFrames, 1);
        ChannelCount = channelCount;
        DelayFrames = delayFrames;
        _ring = new float[channelCount * delayFrames];
    }

    public int ChannelCount { get; }

    public int DelayFrames { get; }

    /// <summary>Writes <paramref name="input"/> delayed into <paramref name="output"/>, replacing or adding to it. The two must not overlap.</summary>
    public void Process(ReadOnlyAudioBlock input, AudioBlock output, bool accumulate)
    {
        var frames = input.FrameCount;
        var done = 0;
        var position = _position;
        while (done < frames)
        {
            var chunk = Math.Min(frames - done, DelayFrames - position);
            for (var c = 0; c < ChannelCount; c++)
            {
                var ring = _ring.AsSpan(c * DelayFrames + position, chunk);
                var destination = output.GetChannel(c).Slice(done, chunk);
                if (accumulate)
                {
                    TensorPrimitives.Add(destination, ring, destination);
                }
                else
                {
                    ring.CopyTo(destination);
                }

                input.GetChannel(c).Slice(done, chunk).CopyTo(ring);
            }

            done += chunk;
            position += chunk;
            if (position == DelayFrames)
            {
                position = 0;
            }
        }

        _position = position;
    }

    public void Reset()
    {
        Array.Clear(_ring);
        _position = 0;
    }
}
