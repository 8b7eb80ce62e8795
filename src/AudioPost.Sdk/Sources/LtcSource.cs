using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Timing;
using AudioPost.Sdk.Timing.Ltc;

namespace AudioPost.Sdk.Sources;

/// <summary>
/// SMPTE linear timecode as a graph source: an <see cref="LtcEncoder"/> that starts at <see cref="Start"/> and runs
/// on the stream clock, the same signal on every channel.
/// </summary>
/// <remarks>
/// The first sample after <see cref="Prepare"/> or <see cref="Reset"/> is the start of the word for
/// <see cref="Start"/>. The source ignores the timeline position (it is a generator, like a tone): to stripe timecode
/// that follows a timeline, place it as a clip. <see cref="Read"/> is real-time safe.
/// </remarks>
public sealed class LtcSource : IAudioSource
{
    private LtcEncoder? _encoder;

    /// <summary>Creates the source.</summary>
    /// <param name="start">The first word's timecode; its rate is the LTC rate.</param>
    /// <param name="options">Level, rise time, user bits and flags; defaults when null.</param>
    /// <param name="channelCount">Channels to fill, 1 to 1024.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channelCount"/> is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="start"/> has no rate.</exception>
    public LtcSource(Timecode start, LtcEncoderOptions? options = null, int channelCount = 1)
    {
        start.Rate.ThrowIfInvalid();
        ArgumentOutOfRangeException.ThrowIfLessThan(channelCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channelCount, AudioBuffer.MaxChannels);
        Start = start;
        Options = options ?? LtcEncoderOptions.Default;
        ChannelCount = channelCount;
    }

    /// <inheritdoc />
    public int ChannelCount { get; }

    /// <summary>Gets the timecode of the first word.</summary>
    public Timecode Start { get; }

    /// <summary>Gets the encoder options.</summary>
    public LtcEncoderOptions Options { get; }

    /// <summary>Gets the timecode of the word being written, or <see cref="Start"/> before <see cref="Prepare"/>.</summary>
    public Timecode CurrentTimecode => _encoder?.CurrentTimecode ?? Start;

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec) => _encoder = new LtcEncoder(spec.SampleRate, Start, Options);

    /// <inheritdoc />
    public void Reset() => _encoder?.Locate(Start);

    /// <inheritdoc />
    public void Read(AudioBlock destination, in ProcessContext context)
    {
        var first = destination[0];
        if (_encoder is null)
        {
            first.Clear();
        }
        else
        {
            _encoder.Render(first);
        }

        for (var c = 1; c < destination.ChannelCount; c++)
        {
            first.CopyTo(destination[c]);
        }
    }
}
