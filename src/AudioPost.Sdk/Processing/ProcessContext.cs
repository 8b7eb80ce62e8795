namespace AudioPost.Sdk.Processing;

/// <summary>
/// Where a block sits in time, handed to every node with every block.
/// </summary>
/// <remarks>
/// The SDK keeps its clocks apart: <see cref="StreamFrame"/> is the render clock, monotonic and
/// never jumping; <see cref="TimelineFrame"/> is the transport position, which jumps on a locate or
/// loop. Automation and file sources follow the timeline; oscillators and smoothing follow the
/// stream. Both are in sample frames at <see cref="SampleRate"/>.
/// </remarks>
public readonly record struct ProcessContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="streamFrame">Render-clock frame of the block's first sample, 0 or more.</param>
    /// <param name="timelineFrame">Timeline frame of the block's first sample (may be negative, before the session start).</param>
    /// <param name="sampleRate">Sample rate in Hz, 1 or more.</param>
    /// <param name="isOffline">Whether the render runs faster than real time with no device attached.</param>
    public ProcessContext(long streamFrame, long timelineFrame, int sampleRate, bool isOffline)
    {
        StreamFrame = streamFrame;
        TimelineFrame = timelineFrame;
        SampleRate = sampleRate;
        IsOffline = isOffline;
    }

    /// <summary>Gets the render-clock frame of the block's first sample: monotonic, never jumps.</summary>
    public long StreamFrame { get; }

    /// <summary>Gets the timeline frame of the block's first sample: jumps on locate and loop.</summary>
    public long TimelineFrame { get; }

    /// <summary>Gets the sample rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Gets whether this is an offline (faster than real time) render.</summary>
    public bool IsOffline { get; }

    /// <summary>Returns the context of the sub-block that starts <paramref name="frames"/> later.</summary>
    public ProcessContext Advance(int frames) => new(StreamFrame + frames, TimelineFrame + frames, SampleRate, IsOffline);
}
