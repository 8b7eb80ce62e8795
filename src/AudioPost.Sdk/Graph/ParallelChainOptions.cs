namespace AudioPost.Sdk.Graph;

/// <summary>How <see cref="ParallelChainRenderer"/> cuts a render into chunks and spreads them over threads.</summary>
public sealed record ParallelChainOptions
{
    /// <summary>Gets the worker threads, 1 to 64; default <see cref="Environment.ProcessorCount"/>. 1 renders serially.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Gets the length of a chunk in seconds, 1 to 3,600; default 120. A chunk is never shorter than eight times the
    /// chain's memory, so the pre-roll each chunk repeats stays below an eighth of the work (a mastering chain's memory
    /// is about 5 s: 4 % of a 120 s chunk).
    /// </summary>
    public double ChunkSeconds { get; init; } = 120;

    /// <summary>Gets the frames per block handed to the source, the processors and the sink, 16 to 65,536; default 4,096.</summary>
    public int BlockFrames { get; init; } = 4096;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDegreeOfParallelism, 1, nameof(MaxDegreeOfParallelism));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxDegreeOfParallelism, 64, nameof(MaxDegreeOfParallelism));
        if (!(ChunkSeconds >= 1 && ChunkSeconds <= 3600))
        {
            throw new ArgumentOutOfRangeException(nameof(ChunkSeconds), ChunkSeconds, "A chunk lasts 1 to 3,600 seconds.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(BlockFrames, 16, nameof(BlockFrames));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BlockFrames, 65_536, nameof(BlockFrames));
    }
}
