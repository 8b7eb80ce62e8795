using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Processing.Mixing;

namespace AudioPost.Sdk.Mixing;

/// <summary>
/// A bus that is itself a channel strip: it sums the tracks and buses routed to it and the sends aimed at it (a
/// return), then runs trim → inserts → fader → panner into its own output bus, or out of the mixer for the master.
/// Created by <see cref="Mixer.AddBus"/>; the master is <see cref="Mixer.Master"/>.
/// </summary>
public sealed class MixerBusTrack : MixerChannel
{
    internal MixerBusTrack(Mixer mixer, string name, ChannelLayout layout, MixerBusTrack? output)
        : base(mixer, name, layout, output)
    {
    }

    /// <summary>Gets whether this is the mixer's master bus.</summary>
    public bool IsMaster => Output is null;

    /// <summary>Gets the summing node, one input port per feed, once <see cref="Mixer.Build"/> ran.</summary>
    public MixerBus? Summing { get; internal set; }

    /// <summary>Gets the summing node's graph id, once <see cref="Mixer.Build"/> ran.</summary>
    public NodeId? SummingNode { get; internal set; }
}
