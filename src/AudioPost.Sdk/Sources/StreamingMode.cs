namespace AudioPost.Sdk.Sources;

/// <summary>What a render thread does when the I/O thread of a <see cref="ReadAheadSource"/> or a
/// <see cref="Sinks.WriteBehindSink"/> has not kept up.</summary>
public enum StreamingMode
{
    /// <summary>Offline rendering: the render thread waits for the disk (spinning, then sleeping a millisecond at a
    /// time). Nothing is lost; nothing is real-time safe.</summary>
    Wait,

    /// <summary>Real time: the render thread never waits. A source plays silence for frames not read yet; a sink drops
    /// frames it has no room for. Both count the frames in <c>UnderrunFrames</c> / <c>DroppedFrames</c>.</summary>
    RealTime,
}
