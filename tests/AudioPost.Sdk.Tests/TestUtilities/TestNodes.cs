using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Sources;

namespace AudioPost.Sdk.Tests.TestUtilities;

/// <summary>A unit impulse at stream frame <see cref="At"/>, on every channel.</summary>
internal sealed class ImpulseSource(int channelCount = 1, long at = 0, float amplitude = 1f) : IAudioSource
{
    public int ChannelCount { get; } = channelCount;

    public long At { get; } = at;

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
            for (var c = 0; c < destination.ChannelCount; c++)
            {
                destination[c][(int)offset] = amplitude;
            }
        }
    }
}

/// <summary>Writes the timeline frame number of each sample (channel c adds c * 0.5), so tests can see where every sample came from.</summary>
internal sealed class RampSource(int channelCount = 1) : IAudioSource
{
    public int ChannelCount { get; } = channelCount;

    public void Prepare(in ProcessSpec spec)
    {
    }

    public void Reset()
    {
    }

    public void Read(AudioBlock destination, in ProcessContext context)
    {
        for (var c = 0; c < destination.ChannelCount; c++)
        {
            var samples = destination[c];
            for (var i = 0; i < samples.Length; i++)
            {
                samples[i] = context.TimelineFrame + i + (c * 0.5f);
            }
        }
    }
}

/// <summary>A constant value on every channel.</summary>
internal sealed class DcSource(float value, int channelCount = 1) : IAudioSource
{
    public int ChannelCount { get; } = channelCount;

    public void Prepare(in ProcessSpec spec)
    {
    }

    public void Reset()
    {
    }

    public void Read(AudioBlock destination, in ProcessContext context)
    {
        for (var c = 0; c < destination.ChannelCount; c++)
        {
            destination[c].Fill(value);
        }
    }
}

/// <summary>A processor that delays by <see cref="LatencyFrames"/> and reports it as latency (as a look-ahead limiter does).</summary>
internal sealed class LatentProcessor(int latency) : IAudioProcessor
{
    private readonly AudioPost.Sdk.Processing.Delays.DelayProcessor _delay = new(latency);

    public int LatencyFrames => latency;

    public void Prepare(in ProcessSpec spec) => _delay.Prepare(spec);

    public void Reset() => _delay.Reset();

    public void Process(AudioBlock buffer, in ProcessContext context) => _delay.Process(buffer, context);
}
