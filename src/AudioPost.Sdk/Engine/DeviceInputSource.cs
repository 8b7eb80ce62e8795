using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Sources;

namespace AudioPost.Sdk.Engine;

/// <summary>
/// A graph source that outputs what an <see cref="AudioEngine"/>'s device captured: the way a live input (a
/// microphone, a line in) enters a graph. Give it to the engine's constructor and wire it like any source.
/// </summary>
/// <remarks>
/// The engine writes each device buffer into a ring before it renders, and the source reads the ring one internal
/// block at a time. When the device buffer is a whole number of the graph's blocks the two stay aligned and add no
/// delay; otherwise the source runs <see cref="AlignmentFrames"/> (one block) behind the device so that it never
/// reads a frame not yet captured. Real-time safe: the ring is allocated by the constructor.
/// </remarks>
public sealed class DeviceInputSource : IAudioSource
{
    private readonly float[] _ring;
    private readonly int _capacity;
    private long _written;
    private long _read;

    /// <summary>Creates a source of <paramref name="channelCount"/> captured channels.</summary>
    /// <param name="channelCount">Channels, 1 or more; the engine's stream must open at least this many inputs.</param>
    /// <param name="capacityFrames">Ring size in frames; at least two device buffers plus a block. Default 16384.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is not positive.</exception>
    public DeviceInputSource(int channelCount, int capacityFrames = 16384)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channelCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityFrames, 64);
        ChannelCount = channelCount;
        _capacity = capacityFrames;
        _ring = new float[channelCount * capacityFrames];
    }

    /// <inheritdoc />
    public int ChannelCount { get; }

    /// <summary>Gets how many frames the source runs behind the device (0 or one graph block), set by the engine.</summary>
    public int AlignmentFrames { get; private set; }

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
    }

    /// <inheritdoc />
    public void Reset()
    {
        // Captured audio is live: a locate moves the timeline, not the device, so the ring keeps running.
    }

    /// <inheritdoc />
    public void Read(AudioBlock destination, in ProcessContext context)
    {
        var frames = destination.FrameCount;
        var done = 0;
        while (done < frames)
        {
            var position = _read + done;
            int run;
            if (position < 0 || position >= _written)
            {
                // Before the alignment is caught up, or (only if the engine is misused) past what was captured: silence.
                run = position < 0 ? (int)Math.Min(frames - done, -position) : frames - done;
                destination.Slice(done, run).Clear();
            }
            else
            {
                var slot = (int)(position % _capacity);
                run = (int)Math.Min(Math.Min(frames - done, _written - position), _capacity - slot);
                for (var c = 0; c < destination.ChannelCount; c++)
                {
                    var target = destination.GetChannel(c).Slice(done, run);
                    if (c < ChannelCount)
                    {
                        _ring.AsSpan((c * _capacity) + slot, run).CopyTo(target);
                    }
                    else
                    {
                        target.Clear();
                    }
                }
            }

            done += run;
        }

        _read += frames;
    }

    /// <summary>Sets the alignment before the first buffer (engine, control thread).</summary>
    internal void Align(int frames)
    {
        AlignmentFrames = frames;
        _written = 0;
        _read = -frames;
    }

    /// <summary>Appends one device buffer (engine, audio thread). Channels beyond the device's are silent.</summary>
    internal void Write(ReadOnlyAudioBlock input)
    {
        var frames = input.FrameCount;
        for (var c = 0; c < ChannelCount; c++)
        {
            var channel = _ring.AsSpan(c * _capacity, _capacity);
            var start = (int)(_written % _capacity);
            var first = Math.Min(frames, _capacity - start);
            if (c < input.ChannelCount)
            {
                var source = input.GetChannel(c);
                source[..first].CopyTo(channel[start..]);
                source[first..].CopyTo(channel);
            }
            else
            {
                channel.Slice(start, first).Clear();
                channel[..(frames - first)].Clear();
            }
        }

        _written += frames;
    }
}
