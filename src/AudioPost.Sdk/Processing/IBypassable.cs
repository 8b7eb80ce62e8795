namespace AudioPost.Sdk.Processing;

/// <summary>
/// A processor that can be bypassed while it stays in the graph: the SDK's bypass pattern.
/// </summary>
/// <remarks>
/// <para>Bypass is a flag, not a graph edit, so flipping it never recompiles the render plan. While bypassed a
/// processor passes its input through unchanged but keeps everything that has to stay in time: it still reports
/// the same <see cref="IAudioNode.LatencyFrames"/> (and, if it has latency, delays the dry signal by it), so delay
/// compensation elsewhere in the graph does not shift, and its parameters keep running their automation so that
/// they are where the timeline says when the bypass ends.</para>
/// <para>A processor with memory (a filter) clears it when the bypass ends rather than resuming from stale state.
/// Switching is not cross-faded: automate the processor's own parameters to a neutral value first for a silent
/// switch.</para>
/// </remarks>
public interface IBypassable
{
    /// <summary>
    /// Gets or sets whether the processor passes audio through unchanged. Any thread; lock-free (a volatile field);
    /// takes effect at the start of the next block.
    /// </summary>
    bool IsBypassed { get; set; }
}
