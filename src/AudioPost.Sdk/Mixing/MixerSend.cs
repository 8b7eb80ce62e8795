using AudioPost.Sdk.Automation;
using AudioPost.Sdk.Processing.Mixing;

namespace AudioPost.Sdk.Mixing;

/// <summary>
/// A send from a channel to a bus: a copy of the channel's signal, taken <see cref="SendTap.PreFader"/> or
/// <see cref="SendTap.PostFader"/>, through its own smoothed, automatable level, into one input of the bus.
/// </summary>
/// <remarks>Created by <see cref="MixerChannel.AddSend"/>. <see cref="Level"/> may be set from any thread, lock-free.</remarks>
public sealed class MixerSend
{
    internal MixerSend(MixerChannel source, MixerBusTrack target, SendTap tap, float levelDecibels)
    {
        Source = source;
        Target = target;
        Tap = tap;
        Stage = new FaderProcessor(levelDecibels);
    }

    /// <summary>Gets the channel the send comes from.</summary>
    public MixerChannel Source { get; }

    /// <summary>Gets the bus the send feeds (its return).</summary>
    public MixerBusTrack Target { get; }

    /// <summary>Gets where the send taps the channel.</summary>
    public SendTap Tap { get; }

    /// <summary>Gets the send level, in dB (−144 = off, up to +24). Smoothed; automatable.</summary>
    public AudioParameter Level => Stage.Gain;

    /// <summary>Gets the processor that applies the level (and, for a pre-fader send, the channel's mute and solo).</summary>
    public FaderProcessor Stage { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Source.Name} → {Target.Name} ({Tap})";
}
