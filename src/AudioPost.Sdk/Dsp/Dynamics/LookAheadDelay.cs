using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Dsp.Dynamics;

/// <summary>
/// A fixed delay of every channel by a whole number of frames: the audio path of a look-ahead dynamics processor,
/// whose detector reads the undelayed signal.
/// </summary>
/// <remarks>Not thread-safe. Real-time safe: <see cref="Process"/> and <see cref="Reset"/> do not allocate; the
/// constructor allocates one ring per channel.</remarks>
public sealed class LookAheadDelay
{
    private readonly float[] _ring;
    private int _position;

    /// <summary>Creates a delay.</summary>
    /// <param name="channelCount">Channels, 1 or more.</param>
    /// <param name="delayFrames">The delay in frames, 0 or more (0: <see cref="Process"/> does nothing).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public LookAheadDelay(int channelCount, int delayFrames)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channelCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(delayFrames);
        ChannelCount = channelCount;
        DelayFrames = delayFrames;
        _ring = new float[channelCount * delayFrames];
    }

    /// <summary>Gets the number of channels.</summary>
    public int ChannelCount { get; }

    /// <summary>Gets the delay in frames.</summary>
    public int DelayFrames { get; }

    /// <summary>Fills the delay with silence. Real-time safe.</summary>
    public void Reset()
    {
        Array.Clear(_ring);
        _position = 0;
    }

    /// <summary>Delays the block in place: on return each channel holds its input of <see cref="DelayFrames"/> frames earlier (silence at first).</summary>
    /// <param name="block">Up to <see cref="ChannelCount"/> channels; any number of frames.</param>
    /// <exception cref="ArgumentException">The block has more channels than the delay.</exception>
    public void Process(AudioBlock block)
    {
        if (block.ChannelCount > ChannelCount)
        {
            throw new ArgumentException($"The block has {block.ChannelCount} channels; the delay was made for {ChannelCount}.", nameof(block));
        }

        var length = DelayFrames;
        if (length == 0 || block.FrameCount == 0)
        {
            return;
        }

        var end = _position;
        for (var c = 0; c < block.ChannelCount; c++)
        {
            var ring = _ring.AsSpan(c * length, length);
            var samples = block[c];
            var position = _position;
            for (var i = 0; i < samples.Length; i++)
            {
                (ring[position], samples[i]) = (samples[i], ring[position]);
                if (++position == length)
                {
                    position = 0;
                }
            }

            end = position;
        }

        _position = end;
    }
}
