using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Processing;

/// <summary>
/// The input ports of an <see cref="IMultiInputProcessor"/> for one block: a read-only view of
/// several planar blocks that live in one span. Real-time safe; owns nothing.
/// </summary>
public readonly ref struct AudioInputs
{
    private readonly ReadOnlySpan<float> _storage;
    private readonly ReadOnlySpan<int> _offsets;
    private readonly ReadOnlySpan<int> _channelCounts;
    private readonly int _channelStride;

    /// <summary>Creates the view.</summary>
    /// <param name="storage">The span holding every port's samples.</param>
    /// <param name="offsets">For each port, where its first channel starts in <paramref name="storage"/>.</param>
    /// <param name="channelCounts">For each port, its channel count (0 for an unconnected port).</param>
    /// <param name="frameCount">Frames in this block.</param>
    /// <param name="channelStride">Distance between two channels of a port, at least <paramref name="frameCount"/>.</param>
    /// <exception cref="ArgumentException">The offsets and channel counts differ in length.</exception>
    public AudioInputs(ReadOnlySpan<float> storage, ReadOnlySpan<int> offsets, ReadOnlySpan<int> channelCounts, int frameCount, int channelStride)
    {
        if (offsets.Length != channelCounts.Length)
        {
            throw new ArgumentException("One offset and one channel count are needed per port.", nameof(offsets));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(frameCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(channelStride, frameCount);
        _storage = storage;
        _offsets = offsets;
        _channelCounts = channelCounts;
        FrameCount = frameCount;
        _channelStride = channelStride;
    }

    /// <summary>Gets the number of ports.</summary>
    public int Count => _offsets.Length;

    /// <summary>Gets the frames per channel of every port.</summary>
    public int FrameCount { get; }

    /// <summary>Gets the block of port <paramref name="port"/>; an unconnected port has 0 channels.</summary>
    public ReadOnlyAudioBlock this[int port]
    {
        get
        {
            var channels = _channelCounts[port];
            return channels == 0
                ? new ReadOnlyAudioBlock(default, 0, FrameCount, FrameCount)
                : new ReadOnlyAudioBlock(_storage.Slice(_offsets[port]), channels, FrameCount, _channelStride);
        }
    }
}
