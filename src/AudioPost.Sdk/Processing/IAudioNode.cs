namespace AudioPost.Sdk.Processing;

/// <summary>
/// What every node of a graph has in common: latency and tail reporting, and <see cref="Reset"/>.
/// </summary>
/// <remarks>
/// <para>Lifecycle: a node is constructed, then <c>Prepare</c>d (on a control thread; it may
/// allocate), then processed block after block on the audio thread, and <see cref="Reset"/> after
/// a locate. Prepare may be called again with another spec only while the node is not rendering.</para>
/// <para>Real-time rules for the per-block methods (<c>Read</c>, <c>Process</c>, <c>Write</c>):
/// no allocation, no locks, no blocking I/O, no exceptions for data-dependent reasons, no events
/// raised, no LINQ, no closures, no boxing.</para>
/// </remarks>
public interface IAudioNode
{
    /// <summary>
    /// Gets the delay, in frames, between a sample entering the node and the same sample leaving it
    /// (look-ahead, linear-phase filters). The graph aligns parallel paths by it. Valid after
    /// Prepare; must not change while rendering. Intentional delay (an echo) is not latency.
    /// </summary>
    int LatencyFrames => 0;

    /// <summary>
    /// Gets how many frames the node keeps producing after its input falls silent (a reverb's
    /// decay), so an offline render can run past the end. <see cref="int.MaxValue"/> means forever.
    /// </summary>
    int TailFrames => 0;

    /// <summary>
    /// Clears the node's state (delay lines, filter memories, envelopes) as after a locate.
    /// Called on the audio thread between blocks: must follow the real-time rules.
    /// </summary>
    void Reset();
}
