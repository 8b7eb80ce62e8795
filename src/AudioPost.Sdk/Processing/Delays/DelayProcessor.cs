using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Processing.Delays;

/// <summary>
/// Delays every channel by a fixed number of frames. Intentional delay, so it reports no latency.
/// With a delay of at least one graph block it may close a feedback loop (echoes, comb filters):
/// the compiler reads it at the start of the block and writes it at the end.
/// </summary>
/// <remarks>Real-time safe; memory is <c>channels × delay</c> floats, allocated in Prepare.</remarks>
public sealed class DelayProcessor : IFeedbackDelay
{
    private float[] _ring = [];
    private int _channels;
    private int _position;
    private int _pendingPosition;

    /// <summary>Creates a delay of <paramref name="delayFrames"/> frames (0 to 2^26: about 23 minutes at 48 kHz).</summary>
    public DelayProcessor(int delayFrames)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(delayFrames);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(delayFrames, 1 << 26);
        DelayFrames = delayFrames;
    }

    /// <inheritdoc />
    public int DelayFrames { get; }

    /// <inheritdoc />
    public int TailFrames => DelayFrames;

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
        var length = (long)spec.ChannelCount * DelayFrames;
        if (length > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(spec), $"A delay of {DelayFrames} frames on {spec.ChannelCount} channels is too large.");
        }

        _channels = spec.ChannelCount;
        _ring = new float[length];
        _position = _pendingPosition = 0;
    }

    /// <inheritdoc />
    public void Reset()
    {
        Array.Clear(_ring);
        _position = _pendingPosition = 0;
    }

    /// <inheritdoc />
    public void Process(AudioBlock buffer, in ProcessContext context)
    {
        if (DelayFrames == 0)
        {
            return;
        }

        // Swapping each sample with the one stored DelayFrames ago delays in place, for any
        // delay length, including delays shorter than the block.
        var position = _position;
        for (var c = 0; c < _channels; c++)
        {
            var ring = _ring.AsSpan(c * DelayFrames, DelayFrames);
            var samples = buffer[c];
            var p = _position;
            for (var i = 0; i < samples.Length; i++)
            {
                (samples[i], ring[p]) = (ring[p], samples[i]);
                if (++p == DelayFrames)
                {
                    p = 0;
                }
            }

            position = p;
        }

        _position = _pendingPosition = position;
    }

    /// <inheritdoc />
    public void ReadDelayed(AudioBlock destination, in ProcessContext context)
    {
        _pendingPosition = _position;
        if (DelayFrames == 0)
        {
            destination.Clear();
            return;
        }

        Transfer(destination.FrameCount, destination, default, read: true);
    }

    /// <inheritdoc />
    public void WriteInput(ReadOnlyAudioBlock source, in ProcessContext context)
    {
        if (DelayFrames == 0)
        {
            return;
        }

        Transfer(source.FrameCount, default, source, read: false);
        _position = (int)((_pendingPosition + (long)source.FrameCount) % DelayFrames);
    }

    private void Transfer(int frames, AudioBlock destination, ReadOnlyAudioBlock source, bool read)
    {
        for (var c = 0; c < _channels; c++)
        {
            var ring = _ring.AsSpan(c * DelayFrames, DelayFrames);
            var done = 0;
            var p = _pendingPosition;
            while (done < frames)
            {
                var run = Math.Min(frames - done, DelayFrames - p);
                if (read)
                {
                    ring.Slice(p, run).CopyTo(destination[c].Slice(done, run));
                }
                else
                {
                    source[c].Slice(done, run).CopyTo(ring.Slice(p, run));
                }

                done += run;
                p = (p + run) % DelayFrames;
            }
        }
    }
}
