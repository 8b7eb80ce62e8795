namespace AudioPost.Sdk.Graph;

/// <summary>How <see cref="OfflineRenderer"/> runs a plan. Immutable.</summary>
public sealed record OfflineRenderOptions
{
    private readonly int _maxDegreeOfParallelism = Environment.ProcessorCount;

    /// <summary>
    /// Gets the most threads that render the plan's independent lanes (<see cref="RenderPlan.LaneCount"/>: a source and
    /// the insert chain only it feeds) at the same time, the rendering thread included; 1 or more. Default
    /// <see cref="Environment.ProcessorCount"/>. 1 renders everything on the calling thread, as a device does. The
    /// output is bit-identical at every value: each lane runs in plan order on one thread at a time, and the buses sum
    /// the lanes afterwards in the plan's fixed order. A plan with fewer than two lanes always renders serially.
    /// </summary>
    /// <remarks>Every node of a lane is called from one thread at a time, but not always the same thread: a node may
    /// not rely on thread affinity (thread-local state) or on state shared with another lane's node without its own
    /// synchronization. Sources that share a file handle or a decoder belong in one lane (a custom source that reads
    /// both) or in a serial render.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaxDegreeOfParallelism
    {
        get => _maxDegreeOfParallelism;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _maxDegreeOfParallelism = value;
        }
    }

    /// <summary>Gets the shared default options (lanes on up to <see cref="Environment.ProcessorCount"/> threads).</summary>
    public static OfflineRenderOptions Default { get; } = new();

    /// <summary>Gets options that render on the calling thread only (<see cref="MaxDegreeOfParallelism"/> = 1).</summary>
    public static OfflineRenderOptions Serial { get; } = new() { MaxDegreeOfParallelism = 1 };
}
