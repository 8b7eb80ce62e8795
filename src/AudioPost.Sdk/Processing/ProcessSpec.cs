namespace AudioPost.Sdk.Processing;

/// <summary>
/// What a node is prepared for: the sample rate, the largest block it will be handed, and the
/// number of channels it receives (for a source, the number it produces).
/// </summary>
public readonly record struct ProcessSpec
{
    /// <summary>Creates a spec.</summary>
    /// <param name="sampleRate">Sample frames per second, 1 Hz or more.</param>
    /// <param name="maxBlockFrames">The most frames any one call will carry, 1 or more. Calls may carry fewer.</param>
    /// <param name="channelCount">Channels in (processors, sinks) or out (sources), 0 or more.</param>
    public ProcessSpec(int sampleRate, int maxBlockFrames, int channelCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBlockFrames, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(channelCount);
        SampleRate = sampleRate;
        MaxBlockFrames = maxBlockFrames;
        ChannelCount = channelCount;
    }

    /// <summary>Gets the sample rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Gets the largest number of frames one call may carry.</summary>
    public int MaxBlockFrames { get; }

    /// <summary>Gets the channel count: received by a processor or sink, produced by a source.</summary>
    public int ChannelCount { get; }

    /// <summary>Returns a copy with another channel count.</summary>
    public ProcessSpec WithChannelCount(int channelCount) => new(SampleRate, MaxBlockFrames, channelCount);
}
