using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Graph;

namespace AudioPost.Sdk.Mixing;

/// <summary>
/// A track: a channel strip fed by a node of the graph (a source, or the end of a chain of processors). Created by
/// <see cref="Mixer.AddTrack"/> or <see cref="Mixer.AddTrackFromNode"/>.
/// </summary>
public sealed class MixerTrack : MixerChannel
{
    internal MixerTrack(Mixer mixer, string name, NodeId input, ChannelLayout layout, MixerBusTrack output)
        : base(mixer, name, layout, output)
    {
        Input = input;
    }

    /// <summary>Gets the graph node that feeds the track.</summary>
    public NodeId Input { get; }
}
