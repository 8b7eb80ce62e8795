using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Processing.Mixing;
using AudioPost.Sdk.Sources;

namespace AudioPost.Sdk.Mixing;

/// <summary>
/// A console model over an <see cref="AudioGraphBuilder"/>: tracks, buses that are tracks themselves, pre- and
/// post-fader sends and their returns, VCA groups, mute, solo and solo-safe, and panning (stereo pan laws, surround
/// VBAP). <see cref="Build"/> expresses it all in the graph: fan-out wires for sends, gain nodes for faders and send
/// levels, <see cref="MixerBus"/> nodes for summing.
/// </summary>
/// <remarks>
/// <para>Lifecycle: add tracks, buses, sends, inserts and groups; <see cref="Build"/> once; then connect
/// <see cref="Master"/>'s <see cref="MixerChannel.OutputNode"/> to sinks (or set it as the graph output) and compile.
/// After the build, the structure is fixed but everything a mixing engineer touches still works while rendering:
/// faders, trims, pans and send levels (automatable <see cref="Automation.AudioParameter"/>s, any thread), and mute,
/// solo, solo-safe and VCA levels (control thread), which reach the audio thread as smoothed parameter changes,
/// lock-free, without a recompile.</para>
/// <para>Solo is solo-in-place: while any channel is soloed, a channel plays when it is soloed, is on the output path
/// of a soloed or solo-safe channel (so its bus and the master stay open), feeds a soloed bus, or is solo-safe;
/// every other channel is faded out. Sends do not carry solo: a reverb return stays open only when solo-safe. Mute
/// (the channel's or a VCA group's) always wins. Pre-fader sends follow their channel's mute and solo; post-fader
/// sends follow them through the fader.</para>
/// <para>Not thread-safe: use the mixer model from one control thread, like the graph builder.</para>
/// </remarks>
public sealed class Mixer
{
    private readonly List<MixerChannel> _channels = [];
    private readonly List<VcaGroup> _groups = [];

    /// <summary>Creates a mixer whose master bus has <paramref name="masterLayout"/>.</summary>
    /// <param name="graph">The graph the mixer builds into; sources and sinks are added there too.</param>
    /// <param name="masterLayout">The master's layout: stereo, 5.1, 7.1, 7.1.4 or any other.</param>
    /// <param name="panLaw">The pan law of every stereo panner; constant power (−3 dB) by default.</param>
    /// <param name="name">The master's name, for graph node names.</param>
    public Mixer(AudioGraphBuilder graph, ChannelLayout masterLayout, PanLaw panLaw = PanLaw.ConstantPower, string name = "master")
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (!Enum.IsDefined(panLaw))
        {
            throw new ArgumentOutOfRangeException(nameof(panLaw), panLaw, "Unknown pan law.");
        }

        Graph = graph;
        PanLaw = panLaw;
        Master = new MixerBusTrack(this, name, masterLayout, null);
        _channels.Add(Master);
    }

    /// <summary>Gets the graph the mixer builds into.</summary>
    public AudioGraphBuilder Graph { get; }

    /// <summary>Gets the pan law of the stereo panners.</summary>
    public PanLaw PanLaw { get; }

    /// <summary>Gets the master bus.</summary>
    public MixerBusTrack Master { get; }

    /// <summary>Gets every channel (the master first, then tracks and buses in the order added).</summary>
    public IReadOnlyList<MixerChannel> Channels => _channels;

    /// <summary>Gets the VCA groups.</summary>
    public IReadOnlyList<VcaGroup> Groups => _groups;

    /// <summary>Gets whether <see cref="Build"/> has run.</summary>
    public bool IsBuilt { get; private set; }

    /// <summary>Adds <paramref name="source"/> to the graph and a track fed by it.</summary>
    /// <param name="name">The track's name.</param>
    /// <param name="source">The source; its channel count gives the layout (<see cref="ChannelLayout.FromChannelCount"/>).</param>
    /// <param name="output">The bus the track feeds; the master by default.</param>
    public MixerTrack AddTrack(string name, IAudioSource source, MixerBusTrack? output = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        RequireNotBuilt();
        return AddTrackFromNode(name, Graph.AddSource(source, name), ChannelLayout.FromChannelCount(source.ChannelCount), output);
    }

    /// <summary>Adds a track fed by an existing graph node of <paramref name="layout"/>'s width.</summary>
    /// <param name="name">The track's name.</param>
    /// <param name="input">The node feeding the track (a source, a processor); it may feed other things too.</param>
    /// <param name="layout">The width and roles of <paramref name="input"/>'s output.</param>
    /// <param name="output">The bus the track feeds; the master by default.</param>
    /// <exception cref="ArgumentException">The output bus belongs to another mixer.</exception>
    /// <exception cref="InvalidOperationException">The mixer has been built.</exception>
    public MixerTrack AddTrackFromNode(string name, NodeId input, ChannelLayout layout, MixerBusTrack? output = null)
    {
        RequireNotBuilt();
        var track = new MixerTrack(this, name, input, layout, Own(output ?? Master));
        _channels.Add(track);
        ApplyMutes();
        return track;
    }

    /// <summary>Adds a bus (a submix, a stem, an effects return) that feeds <paramref name="output"/>.</summary>
    /// <param name="name">The bus's name.</param>
    /// <param name="layout">The bus's layout.</param>
    /// <param name="output">The bus it feeds; the master by default.</param>
    /// <exception cref="InvalidOperationException">The mixer has been built.</exception>
    public MixerBusTrack AddBus(string name, ChannelLayout layout, MixerBusTrack? output = null)
    {
        RequireNotBuilt();
        var bus = new MixerBusTrack(this, name, layout, Own(output ?? Master));
        _channels.Add(bus);
        ApplyMutes();
        return bus;
    }

    /// <summary>Adds a VCA group; add members with <see cref="VcaGroup.Add"/>.</summary>
    public VcaGroup AddVca(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var group = new VcaGroup(this, name);
        _groups.Add(group);
        return group;
    }

    /// <summary>
    /// Adds every strip, bus and send to the graph and wires them. Returns the master's output node, to connect to
    /// sinks or set as the graph output. Control thread; once.
    /// </summary>
    /// <exception cref="InvalidOperationException">Already built.</exception>
    public NodeId Build()
    {
        RequireNotBuilt();
        IsBuilt = true;
        var feeds = new Dictionary<MixerBusTrack, int>();
        foreach (var channel in _channels)
        {
            if (channel is MixerBusTrack bus)
            {
                feeds.TryAdd(bus, 0);
            }

            if (channel.Output is { } output)
            {
                feeds[output] = feeds.GetValueOrDefault(output) + 1;
            }

            foreach (var send in channel.Sends)
            {
                feeds[send.Target] = feeds.GetValueOrDefault(send.Target) + 1;
            }
        }

        // Summing nodes first, so every strip can be wired to its bus whatever the order the buses were added in.
        foreach (var (bus, count) in feeds)
        {
            bus.Summing = new MixerBus(Math.Max(1, count));
            bus.SummingNode = Graph.AddMultiInput(bus.Summing, $"{bus.Name} sum");
        }

        var nextPort = new Dictionary<MixerBusTrack, int>();
        int Port(MixerBusTrack bus)
        {
            var port = nextPort.GetValueOrDefault(bus);
            nextPort[bus] = port + 1;
            return port;
        }

        foreach (var channel in _channels)
        {
            var input = channel switch
            {
                MixerTrack track => track.Input,
                MixerBusTrack bus => bus.SummingNode!.Value,
                _ => throw new InvalidOperationException("Unknown channel kind."),
            };
            var (preFader, postFader) = channel.BuildStrip(Graph, input);
            if (channel.Output is { } output)
            {
                Graph.Connect(channel.OutputNode!.Value, output.SummingNode!.Value, Port(output));
            }

            for (var i = 0; i < channel.Sends.Count; i++)
            {
                var send = channel.Sends[i];
                var node = channel.Chain(Graph, send.Tap == SendTap.PreFader ? preFader : postFader, send.Stage, $"send {i + 1} to {send.Target.Name}");
                if (!channel.Layout.Equals(send.Target.Layout))
                {
                    node = channel.Chain(Graph, node, new ChannelMatrixProcessor(ChannelMatrix.Convert(channel.Layout, send.Target.Layout)), $"send {i + 1} convert");
                }

                Graph.Connect(node, send.Target.SummingNode!.Value, Port(send.Target));
            }
        }

        ApplyGroups();
        ApplyMutes();

        // Nothing renders yet: start every fader where the console says, instead of gliding there from the defaults.
        foreach (var channel in _channels)
        {
            channel.FaderStage.Reset();
            foreach (var send in channel.Sends)
            {
                send.Stage.Reset();
            }
        }

        return Master.OutputNode!.Value;
    }

    internal void RequireNotBuilt()
    {
        if (IsBuilt)
        {
            throw new InvalidOperationException("The mixer has been built: its structure (tracks, buses, sends, inserts) is fixed. Faders, pans, mutes and solos still work.");
        }
    }

    /// <summary>Pushes each channel's summed VCA level to its fader's offset.</summary>
    internal void ApplyGroups()
    {
        foreach (var channel in _channels)
        {
            var offset = 0f;
            foreach (var group in channel.GroupList)
            {
                offset += group.Level;
            }

            channel.FaderStage.Offset.Value = offset;
        }
    }

    /// <summary>Works out who plays after mute, VCA mute and solo, and fades faders and pre-fader sends accordingly.</summary>
    internal void ApplyMutes()
    {
        var anySolo = false;
        foreach (var channel in _channels)
        {
            anySolo |= channel.Solo;
        }

        foreach (var channel in _channels)
        {
            var audible = !IsMuted(channel) && (!anySolo || channel.IsMasterOrSoloSafe() || KeptBySolo(channel));
            channel.IsAudible = audible;
            channel.FaderStage.Mute.Value = audible ? 0f : 1f;
            foreach (var send in channel.SendList)
            {
                if (send.Tap == SendTap.PreFader)
                {
                    send.Stage.Mute.Value = audible ? 0f : 1f;
                }
            }
        }
    }

    private static bool IsMuted(MixerChannel channel)
    {
        if (channel.Mute)
        {
            return true;
        }

        foreach (var group in channel.GroupList)
        {
            if (group.Mute)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a solo keeps <paramref name="channel"/> open: it is soloed, downstream of a solo (or of a solo-safe channel), or upstream of a soloed bus.</summary>
    private bool KeptBySolo(MixerChannel channel)
    {
        for (var up = channel.Output; up is not null; up = up.Output)
        {
            if (up.Solo)
            {
                return true;
            }
        }

        if (channel.Solo)
        {
            return true;
        }

        foreach (var other in _channels)
        {
            if (!(other.Solo || other.SoloSafe) || ReferenceEquals(other, channel))
            {
                continue;
            }

            for (var down = other.Output; down is not null; down = down.Output)
            {
                if (ReferenceEquals(down, channel))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private MixerBusTrack Own(MixerBusTrack bus) => ReferenceEquals(bus.Mixer, this)
        ? bus
        : throw new ArgumentException($"Bus '{bus.Name}' belongs to another mixer.", nameof(bus));
}
