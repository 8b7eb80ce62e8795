using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;

namespace AudioPost.Sdk.Sinks;

/// <summary>
/// Records into memory allocated up front: a capture for tests, analysis or a game's
/// instant replay. Frames past the capacity are counted and dropped, never reallocated, so
/// <see cref="Write"/> is real-time safe.
/// </summary>
public sealed class BufferSink : IAudioSink
{
    private float[] _samples = [];
    private int _channels;
    private long _written;
    private long _dropped;

    /// <summary>Creates a sink that keeps up to <paramref name="capacityFrames"/> frames.</summary>
    /// <param name="capacityFrames">Frames kept, 0 or more; storage is <c>channels × capacity</c> floats, allocated in Prepare.</param>
    public BufferSink(long capacityFrames)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacityFrames);
        CapacityFrames = capacityFrames;
    }

    /// <summary>Gets the frames the sink can keep.</summary>
    public long CapacityFrames { get; }

    /// <summary>Gets the frames recorded so far. Any thread.</summary>
    public long FramesWritten => Volatile.Read(ref _written);

    /// <summary>Gets the frames that did not fit. Any thread.</summary>
    public long FramesDropped => Volatile.Read(ref _dropped);

    /// <summary>Gets the channel count (after Prepare).</summary>
    public int ChannelCount => _channels;

    /// <summary>Gets the recorded samples of one channel (the first <see cref="FramesWritten"/> frames).</summary>
    public ReadOnlySpan<float> GetChannel(int channel)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)channel, (uint)_channels, nameof(channel));
        return _samples.AsSpan((int)(channel * CapacityFrames), (int)FramesWritten);
    }

    /// <summary>Gets a view of everything recorded, channel after channel.</summary>
    public ReadOnlyAudioBlock Recorded => new(_samples, _channels, (int)FramesWritten, (int)Math.Max(CapacityFrames, FramesWritten));

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The storage would exceed the largest array.</exception>
    public void Prepare(in ProcessSpec spec)
    {
        var length = spec.ChannelCount * CapacityFrames;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Array.MaxLength, nameof(spec));
        _channels = spec.ChannelCount;
        _samples = new float[length];
        _written = _dropped = 0;
    }

    /// <summary>Does nothing: a recording continues across a locate. Use <see cref="Clear"/> to start over.</summary>
    public void Reset()
    {
    }

    /// <summary>Starts recording again from frame 0. Not while rendering.</summary>
    public void Clear()
    {
        Volatile.Write(ref _written, 0);
        Volatile.Write(ref _dropped, 0);
    }

    /// <inheritdoc />
    public void Write(ReadOnlyAudioBlock block, in ProcessContext context)
    {
        var room = (int)Math.Min(block.FrameCount, CapacityFrames - _written);
        for (var c = 0; c < Math.Min(_channels, block.ChannelCount); c++)
        {
            block[c].Slice(0, room).CopyTo(_samples.AsSpan((int)((c * CapacityFrames) + _written), room));
        }

        Volatile.Write(ref _dropped, _dropped + (block.FrameCount - room));
        Volatile.Write(ref _written, _written + room);
    }

    /// <inheritdoc />
    public void Complete()
    {
    }
}
