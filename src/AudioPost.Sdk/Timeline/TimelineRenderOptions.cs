using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Timeline;

/// <summary>How <see cref="TimelineFileRenderer"/> renders a timeline to a file. Immutable.</summary>
public sealed record TimelineRenderOptions
{
    private readonly int _blockSize = 4096;
    private readonly long? _length;
    private readonly int _maxDegreeOfParallelism = Environment.ProcessorCount;

    /// <summary>Gets the sample encoding of the file; default 24-bit PCM.</summary>
    public SampleFormat SampleFormat { get; init; } = SampleFormat.Pcm24;

    /// <summary>Gets the internal block size in frames, 1 to 16 384; default 4 096 (offline, a large block spreads each
    /// block's fixed costs, file reads and the hand-over between render threads, over more frames). The output is the
    /// same at every block size (clips land on their exact samples).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is out of range.</exception>
    public int BlockSize
    {
        get => _blockSize;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Graph.GraphOptions.MaxBlockSize);
            _blockSize = value;
        }
    }

    /// <summary>Gets the number of frames to render from the session start, or null (the default) for up to the end of
    /// the last clip.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public long? Length
    {
        get => _length;
        init
        {
            if (value is < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The length cannot be negative.");
            }

            _length = value;
        }
    }

    /// <summary>Gets the most threads that render tracks (each a clip source and its inserts, fader and pan) at the same
    /// time, 1 or more; default <see cref="Environment.ProcessorCount"/>. The file is the same bits at every value (see
    /// <see cref="Graph.OfflineRenderOptions.MaxDegreeOfParallelism"/>); 1 renders on the calling thread only.</summary>
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

    /// <summary>Gets the <c>bext</c> Description written to the file; default empty.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>Gets the shared default options.</summary>
    public static TimelineRenderOptions Default { get; } = new();
}
