namespace AudioPost.Sdk.Processing.Dynamics;

/// <summary>
/// The gain reduction of a dynamics processor, for metering: the audio thread publishes after every block, a UI thread
/// reads consistent snapshots with <see cref="TryRead"/>.
/// </summary>
/// <remarks>
/// Published under a sequence counter (a seqlock, as <see cref="Metering.MeterTap"/> does): the audio thread never
/// waits, and a reader that catches a write half-done tries again. Reductions are in dB, 0 or more (6 means the gain is
/// −6 dB), one per channel (per band for a multiband processor).
/// </remarks>
public sealed class GainReductionMeter
{
    private float[] _current = [];
    private float[] _max = [];
    private int _sequence;
    private int _channels;

    /// <summary>Gets the number of values in a snapshot (channels, or bands). Any thread.</summary>
    public int ChannelCount => Volatile.Read(ref _channels);

    /// <summary>
    /// Copies the latest reduction of each channel (dB, 0 or more) and, if <paramref name="maxDb"/> is not empty, the
    /// largest since the processor was reset. Any thread; lock-free; does not allocate. Returns false when the audio
    /// thread kept writing through several attempts (try again on the next UI frame).
    /// </summary>
    /// <param name="currentDb">Receives up to <see cref="ChannelCount"/> current reductions.</param>
    /// <param name="maxDb">Receives up to <see cref="ChannelCount"/> largest reductions; may be empty.</param>
    public bool TryRead(Span<float> currentDb, Span<float> maxDb = default)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var before = Volatile.Read(ref _sequence);
            if ((before & 1) != 0)
            {
                Thread.SpinWait(8);
                continue;
            }

            var current = Volatile.Read(ref _current);
            var max = Volatile.Read(ref _max);
            var count = Math.Min(currentDb.Length, current.Length);
            current.AsSpan(0, count).CopyTo(currentDb);
            count = Math.Min(maxDb.Length, max.Length);
            max.AsSpan(0, count).CopyTo(maxDb);
            Interlocked.MemoryBarrier();
            if (Volatile.Read(ref _sequence) == before)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Sizes the meter. Control thread; allocates.</summary>
    internal void Prepare(int channelCount)
    {
        Interlocked.Increment(ref _sequence);
        Volatile.Write(ref _current, new float[channelCount]);
        Volatile.Write(ref _max, new float[channelCount]);
        Volatile.Write(ref _channels, channelCount);
        Interlocked.Increment(ref _sequence);
    }

    /// <summary>Clears the readings. Audio thread; real-time safe.</summary>
    internal void Reset()
    {
        Interlocked.Increment(ref _sequence);
        Array.Clear(_current);
        Array.Clear(_max);
        Interlocked.Increment(ref _sequence);
    }

    /// <summary>Opens a publication: call <see cref="Set"/> per channel, then <see cref="EndWrite"/>. Audio thread.</summary>
    internal void BeginWrite() => Interlocked.Increment(ref _sequence);

    /// <summary>Sets one channel's current reduction (dB) and raises its maximum. Audio thread, between Begin and End.</summary>
    internal void Set(int channel, float reductionDb)
    {
        if ((uint)channel < (uint)_current.Length)
        {
            _current[channel] = reductionDb;
            _max[channel] = MathF.Max(_max[channel], reductionDb);
        }
    }

    /// <summary>Closes a publication. Audio thread.</summary>
    internal void EndWrite() => Interlocked.Increment(ref _sequence);
}
