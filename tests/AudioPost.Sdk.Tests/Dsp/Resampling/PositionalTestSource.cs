using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Sources;

namespace AudioPost.Sdk.Tests.Dsp.Resampling;

/// <summary>A positional source, like a file: the same frames for the same timeline positions, silence before 0.
/// Each channel is a sum of three tones (computed in double from the position) plus a little deterministic noise.</summary>
internal sealed class PositionalTestSource(int channelCount, int sampleRate) : IAudioSource
{
    public int ChannelCount { get; } = channelCount;

    public int Reads { get; private set; }

    public static float Value(long position, int channel, int sampleRate)
    {
        if (position < 0)
        {
            return 0;
        }

        var t = (double)position / sampleRate;
        var hash = (uint)((position * 2654435761L) ^ (channel * 40503L));
        hash ^= hash >> 15;
        hash *= 0x2C1B3C6D;
        hash ^= hash >> 12;
        var noise = ((hash & 0xFFFF) / 65536.0) - 0.5;
        return (float)((0.3 * Math.Sin(2 * Math.PI * (440 + (110 * channel)) * t))
            + (0.2 * Math.Sin(2 * Math.PI * 3_333.3 * t))
            + (0.1 * Math.Sin(2 * Math.PI * 15_000 * t))
            + (0.01 * noise));
    }

    public void Prepare(in ProcessSpec spec)
    {
    }

    public void Reset()
    {
    }

    public void Read(AudioBlock destination, in ProcessContext context)
    {
        Reads++;
        for (var c = 0; c < destination.ChannelCount; c++)
        {
            var channel = destination.GetChannel(c);
            for (var i = 0; i < channel.Length; i++)
            {
                channel[i] = Value(context.TimelineFrame + i, c, sampleRate);
            }
        }
    }
}
