namespace AudioPost.Sdk.Buffers;

/// <summary>
/// A single-producer, single-consumer ring of planar audio frames: one thread writes, one other thread reads, with no
/// lock. The read-ahead source and the write-behind sink move audio between a render thread and an I/O thread with it.
/// </summary>
/// <remarks>
/// <para>The two positions count frames since the last <see cref="Clear"/> and only grow; each is written by its own
/// side alone and published with a release store after the frames it covers are copied, so the other side never sees
/// a position ahead of the data. The capacity is a power of two, so a position maps to a slot with a mask.</para>
/// <para>Real-time safe: <see cref="Write"/> and <see cref="Read"/> copy and never allocate, lock, block or throw for
/// data reasons. <see cref="Clear"/> needs both sides quiet.</para>
/// </remarks>
internal sealed class FrameRing
{
    private readonly float[] _samples;
    private readonly int _mask;
    private long _written;
    private long _read;

    /// <summary>Creates a ring of at least <paramref name="minimumFrames"/> frames (rounded up to a power of two).</summary>
    public FrameRing(int channelCount, int minimumFrames)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channelCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumFrames, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minimumFrames, 1 << 24);
        Capacity = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)minimumFrames);
        ChannelCount = channelCount;
        _mask = Capacity - 1;
        _samples = new float[(long)channelCount * Capacity];
    }

    /// <summary>Gets the number of channels.</summary>
    public int ChannelCount { get; }

    /// <summary>Gets the capacity in frames.</summary>
    public int Capacity { get; }

    /// <summary>Gets the frames written and not yet read (as seen from either side; exact on the calling side's own end).</summary>
    public int Count => (int)(Volatile.Read(ref _written) - Volatile.Read(ref _read));

    /// <summary>Gets the room left for the producer, in frames.</summary>
    public int Free => Capacity - Count;

    /// <summary>Producer: copies as many frames of <paramref name="source"/> as fit; returns how many.</summary>
    public int Write(ReadOnlyAudioBlock source)
    {
        var written = _written;
        var frames = Math.Min(source.FrameCount, Capacity - (int)(written - Volatile.Read(ref _read)));
        if (frames <= 0)
        {
            return 0;
        }

        var start = (int)(written & _mask);
        var first = Math.Min(frames, Capacity - start);
        for (var c = 0; c < ChannelCount; c++)
        {
            var channel = source[c];
            var ring = _samples.AsSpan(c * Capacity, Capacity);
            channel.Slice(0, first).CopyTo(ring.Slice(start));
            channel.Slice(first, frames - first).CopyTo(ring);
        }

        Volatile.Write(ref _written, written + frames);
        return frames;
    }

    /// <summary>Consumer: fills as much of <paramref name="destination"/> as there are frames; returns how many.</summary>
    public int Read(AudioBlock destination)
    {
        var read = _read;
        var frames = Math.Min(destination.FrameCount, (int)(Volatile.Read(ref _written) - read));
        if (frames <= 0)
        {
            return 0;
        }

        var start = (int)(read & _mask);
        var first = Math.Min(frames, Capacity - start);
        for (var c = 0; c < ChannelCount; c++)
        {
            var channel = destination[c];
            var ring = _samples.AsSpan(c * Capacity, Capacity);
            ring.Slice(start, first).CopyTo(channel);
            ring.Slice(0, frames - first).CopyTo(channel.Slice(first));
        }

        Volatile.Write(ref _read, read + frames);
        return frames;
    }

    /// <summary>Consumer: drops up to <paramref name="frames"/> frames unread; returns how many.</summary>
    public int Skip(long frames)
    {
        var read = _read;
        var skipped = (int)Math.Min(frames, Volatile.Read(ref _written) - read);
        if (skipped <= 0)
        {
            return 0;
        }

        Volatile.Write(ref _read, read + skipped);
        return skipped;
    }

    /// <summary>Empties the ring. Only while neither side is inside <see cref="Write"/> or <see cref="Read"/>.</summary>
    public void Clear()
    {
        Volatile.Write(ref _read, 0);
        Volatile.Write(ref _written, 0);
    }
}
