using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Loudness;

namespace AudioPost.Sdk.Processing.Metering;

/// <summary>
/// A pass-through graph node that measures BS.1770 / EBU Mode loudness (momentary, short-term, integrated,
/// LRA, true peak, sample peak) of the audio flowing through it, unchanged. A UI thread reads consistent
/// readings with <see cref="TryRead"/> while the audio thread keeps measuring.
/// </summary>
/// <remarks>
/// Wraps a <see cref="LoudnessMeter"/> (see it for the time grid, gating and undefined values). No latency;
/// real-time safe: Process and Reset neither allocate nor lock. Readings are published after every block.
/// </remarks>
public sealed class LoudnessMeterTap : IAudioProcessor
{
    private readonly ChannelLayout? _layout;
    private LoudnessMeter? _meter;

    /// <summary>Creates a tap; the channel layout chooses the BS.1770 channel weights.</summary>
    /// <param name="layout">The layout of the input, or null to take <see cref="ChannelLayout.FromChannelCount"/>
    /// of the prepared channel count (so 6 channels are 5.1 with LFE excluded).</param>
    public LoudnessMeterTap(ChannelLayout? layout = null)
    {
        _layout = layout;
    }

    /// <summary>
    /// Gets the meter after <see cref="Prepare"/>, or null before. Its reading properties belong to the audio
    /// thread; other threads use <see cref="TryRead"/>.
    /// </summary>
    public LoudnessMeter? Meter => Volatile.Read(ref _meter);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The layout given to the constructor has another channel count.</exception>
    public void Prepare(in ProcessSpec spec)
    {
        var layout = _layout ?? ChannelLayout.FromChannelCount(spec.ChannelCount);
        if (layout.Count != spec.ChannelCount)
        {
            throw new ArgumentException(
                $"The tap's layout '{layout}' has {layout.Count} channels but the input has {spec.ChannelCount}.", nameof(spec));
        }

        Volatile.Write(ref _meter, new LoudnessMeter(spec.SampleRate, layout));
    }

    /// <inheritdoc />
    public void Reset() => _meter?.Reset();

    /// <inheritdoc />
    public void Process(AudioBlock buffer, in ProcessContext context)
    {
        if (_meter is { } meter)
        {
            meter.Process(buffer.SliceChannels(0, meter.Layout.Count));
        }
    }

    /// <summary>
    /// Copies a consistent snapshot of the readings. Any thread; lock-free; does not allocate. Returns false
    /// before Prepare or if the audio thread kept publishing through several attempts (try again later).
    /// </summary>
    /// <param name="snapshot">Receives the readings (LUFS, LU, dBTP, dBFS).</param>
    /// <param name="channelTruePeaks">Receives the per-channel true peaks in dBTP (as many as fit; may be empty).</param>
    public bool TryRead(out LoudnessSnapshot snapshot, Span<double> channelTruePeaks = default)
    {
        if (Volatile.Read(ref _meter) is { } meter)
        {
            return meter.TryReadSnapshot(out snapshot, channelTruePeaks);
        }

        snapshot = default;
        return false;
    }
}
