namespace AudioPost.Sdk.Graph;

/// <summary>What a <see cref="ParallelChainRenderer"/> render did.</summary>
/// <param name="Progress">Frames written and the time it took.</param>
/// <param name="LatencyFrames">The chain's latency, removed from the output so that it lines up with the input.</param>
/// <param name="MemoryFrames">The chain's memory (<see cref="Processing.IBoundedMemory"/>): the pre-roll each chunk after the first repeated; <see cref="long.MaxValue"/> if unbounded.</param>
/// <param name="Chunks">Chunks rendered; 1 when the render ran serially.</param>
/// <param name="Workers">Threads that rendered chunks.</param>
public readonly record struct ParallelChainResult(RenderProgress Progress, long LatencyFrames, long MemoryFrames, int Chunks, int Workers);
