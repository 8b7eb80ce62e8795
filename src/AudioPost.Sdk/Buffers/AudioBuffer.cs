using System.Buffers;

namespace AudioPost.Sdk.Buffers;

/// <summary>
/// An owning planar float buffer rented from an <see cref="ArrayPool{T}"/>: the storage behind
/// <see cref="AudioBlock"/> views. Dispose it to return the memory to the pool.
/// </summary>
/// <remarks>
/// Create buffers in <c>Prepare</c> or on control threads, never on the audio thread: renting may
/// allocate. Reading and writing the samples through <see cref="Block"/> is real-time safe. Not
/// thread-safe: one writer at a time. Samples are zeroed on creation.
/// </remarks>
public sealed class AudioBuffer : IDisposable
{
    private readonly ArrayPool<float> _pool;
    private float[]? _array;

    /// <summary>Rents a zeroed buffer of <paramref name="channelCount"/> channels of <paramref name="frameCount"/> frames from <see cref="ArrayPool{T}.Shared"/>.</summary>
    /// <param name="channelCount">Number of channels, 0 to 1024.</param>
    /// <param name="frameCount">Frames per channel, 0 or more; the product with the channel count must fit in an array.</param>
    public AudioBuffer(int channelCount, int frameCount)
        : this(channelCount, frameCount, ArrayPool<float>.Shared)
    {
    }

    /// <summary>Rents a zeroed buffer from <paramref name="pool"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, there are more than 1024 channels, or the buffer would be too large.</exception>
    public AudioBuffer(int channelCount, int frameCount, ArrayPool<float> pool)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channelCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channelCount, MaxChannels);
        ArgumentOutOfRangeException.ThrowIfNegative(frameCount);
        ArgumentNullException.ThrowIfNull(pool);
        var length = (long)channelCount * frameCount;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Array.MaxLength, nameof(frameCount));

        _pool = pool;
        _array = pool.Rent((int)length);
        Array.Clear(_array, 0, (int)length);
        ChannelCount = channelCount;
        FrameCount = frameCount;
    }

    /// <summary>The largest channel count a buffer accepts.</summary>
    public const int MaxChannels = 1024;

    /// <summary>Gets the number of channels.</summary>
    public int ChannelCount { get; }

    /// <summary>Gets the number of frames per channel.</summary>
    public int FrameCount { get; }

    /// <summary>Gets a writable view of the whole buffer (stride = <see cref="FrameCount"/>).</summary>
    /// <exception cref="ObjectDisposedException">The buffer was disposed.</exception>
    public AudioBlock Block
    {
        get
        {
            ObjectDisposedException.ThrowIf(_array is null, this);
            return new AudioBlock(_array, ChannelCount, FrameCount);
        }
    }

    /// <summary>Gets a view of the first <paramref name="frameCount"/> frames of every channel.</summary>
    public AudioBlock GetBlock(int frameCount) => Block.Slice(0, frameCount);

    /// <summary>Gets the samples of one channel.</summary>
    public Span<float> GetChannel(int channel) => Block.GetChannel(channel);

    /// <summary>Returns the memory to the pool. The buffer must not be used afterwards.</summary>
    public void Dispose()
    {
        var array = Interlocked.Exchange(ref _array, null);
        if (array is not null)
        {
            _pool.Return(array);
        }
    }
}
