using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Sources;

namespace AudioPost.Sdk.Devices.Tests.Jack;

/// <summary>A single full-scale sample at stream frame <see cref="At"/>: the click of a loopback latency test.</summary>
internal sealed class ClickSource(long at) : IAudioSource
{
    public long At { get; } = at;

    public int ChannelCount => 1;

    public void Prepare(in ProcessSpec spec)
    {
    }

    public void Reset()
    {
    }

    public void Read(AudioBlock destination, in ProcessContext context)
    {
        destination.Clear();
        var offset = At - context.StreamFrame;
        if (offset >= 0 && offset < destination.FrameCount)
        {
            destination[0][(int)offset] = 1f;
        }
    }
}
