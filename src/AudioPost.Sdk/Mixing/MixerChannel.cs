using AudioPost.Sdk.Automation;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Mixing;
using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Processing.Dynamics;
using AudioPost.Sdk.Processing.Filters;
using AudioPost.Sdk.Processing.Mixing;

namespace AudioPost.Sdk.Mixing;

/// <summary>
/// A channel strip of a <see cref="Mixer"/>: trim → inserts (EQ, dynamics, anything) → fader (with VCA offset and
/// mute) → panner → output bus, with sends tapped before or after the fader. <see cref="MixerTrack"/> and
/// <see cref="MixerBusTrack"/> are the two kinds.
/// </summary>
/// <remarks>
/// <para>Parameters (<see cref="Trim"/>, <see cref="Fader"/>, the panner's, the sends' levels) are
/// <see cref="AudioParameter"/>s: set from any thread, smoothed, automatable. <see cref="Mute"/>, <see cref="Solo"/>
/// and <see cref="SoloSafe"/> are control-thread properties: the mixer works out who is audible and fades each
/// affected fader (and pre-fader send) through its mute parameter, lock-free, so switching while rendering does not
/// click.</para>
/// <para>The panner depends on the widths: mono into stereo, a <see cref="PanProcessor"/> with the mixer's
/// <see cref="Processing.Mixing.PanLaw"/>; stereo into stereo, the same as a balance control; mono into a surround bus,
/// a <see cref="SurroundPannerProcessor"/>; any other change of width, a <see cref="ChannelMatrixProcessor"/> from
/// <see cref="ChannelMatrix.Convert"/>; equal widths otherwise, none.</para>
/// <para>Structure (inserts, sends) is fixed by <see cref="Mixer.Build"/>. Not thread-safe: use from one control thread.</para>
/// </remarks>
public abstract class MixerChannel
{
    private readonly List<IAudioProcessor> _inserts = [];
    private readonly List<MixerSend> _sends = [];
    private readonly List<VcaGroup> _groups = [];
    private bool _mute;
    private bool _solo;
    private bool _soloSafe;

    private protected MixerChannel(Mixer mixer, string name, ChannelLayout layout, MixerBusTrack? output)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(layout);
        Mixer = mixer;
        Name = name;
        Layout = layout;
        Output = output;
        TrimStage = new GainProcessor();
        FaderStage = new FaderProcessor();
        if (output is null)
        {
            return;
        }

        var from = layout.Count;
        var to = output.Layout.Count;
        if (to == 2 && from is 1 or 2)
        {
            StereoPanner = new PanProcessor(0f, mixer.PanLaw);
        }
        else if (from == 1 && to > 2 && VbapPanner.IsSupported(output.Layout))
        {
            SurroundPanner = new SurroundPannerProcessor(output.Layout);
        }
        else if (!layout.Equals(output.Layout))
        {
            Converter = new ChannelMatrixProcessor(ChannelMatrix.Convert(layout, output.Layout));
        }
    }

    /// <summary>Gets the mixer the channel belongs to.</summary>
    public Mixer Mixer { get; }

    /// <summary>Gets the channel's name (node names in the graph start with it).</summary>
    public string Name { get; }

    /// <summary>Gets the channel layout of the strip (before the panner).</summary>
    public ChannelLayout Layout { get; }

    /// <summary>Gets the bus the channel feeds, or null for the master.</summary>
    public MixerBusTrack? Output { get; }

    /// <summary>Gets the input trim, in dB (−144 to +24). Smoothed; automatable.</summary>
    public AudioParameter Trim => TrimStage.Gain;

    /// <summary>Gets the fader, in dB (−144 to +24). Smoothed; automatable; VCA groups offset it.</summary>
    public AudioParameter Fader => FaderStage.Gain;

    /// <summary>Gets the trim processor (first on the strip).</summary>
    public GainProcessor TrimStage { get; }

    /// <summary>Gets the fader processor (after the inserts): fader, VCA offset and mute.</summary>
    public FaderProcessor FaderStage { get; }

    /// <summary>Gets the stereo panner (mono or stereo into a stereo bus), if the strip has one.</summary>
    public PanProcessor? StereoPanner { get; }

    /// <summary>Gets the surround panner (mono into a 5.x, 7.x or 7.1.4 bus), if the strip has one.</summary>
    public SurroundPannerProcessor? SurroundPanner { get; }

    /// <summary>Gets the channel converter (another width into the bus, e.g. 5.1 into a stereo bus by BS.775), if any.</summary>
    public ChannelMatrixProcessor? Converter { get; }

    /// <summary>Gets the insert processors, in order, between trim and fader.</summary>
    public IReadOnlyList<IAudioProcessor> Inserts => _inserts;

    /// <summary>Gets the sends, in the order added.</summary>
    public IReadOnlyList<MixerSend> Sends => _sends;

    /// <summary>Gets the VCA groups the channel belongs to.</summary>
    public IReadOnlyList<VcaGroup> Groups => _groups;

    /// <summary>Gets or sets whether the channel is muted. Mute wins over solo.</summary>
    public bool Mute
    {
        get => _mute;
        set
        {
            _mute = value;
            Mixer.ApplyMutes();
        }
    }

    /// <summary>
    /// Gets or sets whether the channel is soloed. While any channel is soloed, only soloed channels, their paths
    /// to the master, the channels that feed a soloed bus, and solo-safe channels play.
    /// </summary>
    /// <exception cref="InvalidOperationException">Set on the master, which cannot be soloed.</exception>
    public bool Solo
    {
        get => _solo;
        set
        {
            if (Output is null)
            {
                throw new InvalidOperationException("The master cannot be soloed.");
            }

            _solo = value;
            Mixer.ApplyMutes();
        }
    }

    /// <summary>
    /// Gets or sets whether the channel ignores other channels' solos (a reverb return that must keep playing the
    /// soloed track's reverb). A solo-safe channel also keeps its path to the master open.
    /// </summary>
    public bool SoloSafe
    {
        get => _soloSafe;
        set
        {
            _soloSafe = value;
            Mixer.ApplyMutes();
        }
    }

    /// <summary>Gets whether the channel plays, after mute, VCA mute and solo; updated on every change.</summary>
    public bool IsAudible { get; internal set; } = true;

    /// <summary>Gets the graph node whose output is the channel's (after the panner) once <see cref="Mixer.Build"/> ran.</summary>
    public NodeId? OutputNode { get; private set; }

    /// <summary>Adds an insert processor after the trim and the inserts already added. It must keep the channel count.</summary>
    /// <exception cref="ArgumentException">The processor changes the channel count of the strip.</exception>
    /// <exception cref="InvalidOperationException">The mixer has been built.</exception>
    public MixerChannel AddInsert(IAudioProcessor processor)
    {
        ArgumentNullException.ThrowIfNull(processor);
        Mixer.RequireNotBuilt();
        if (processor.GetOutputChannelCount(Layout.Count) != Layout.Count)
        {
            throw new ArgumentException($"An insert on '{Name}' must keep its {Layout.Count} channel(s).", nameof(processor));
        }

        _inserts.Add(processor);
        return this;
    }

    /// <summary>Gets the channel strip view, once <see cref="AddChannelStrip"/> has added one.</summary>
    public ChannelStrip? Strip { get; private set; }

    /// <summary>
    /// Puts an equaliser and a compressor on the channel as its first inserts, so the strip runs trim → EQ → dynamics →
    /// fader → pan → sends, and returns the <see cref="ChannelStrip"/> view over it.
    /// </summary>
    /// <param name="eq">The equaliser; by default four flat bands (transparent until a band's gain moves).</param>
    /// <param name="dynamics">The compressor; by default one with its defaults, bypassed until
    /// <see cref="CompressorProcessor.Bypassed"/> is cleared.</param>
    /// <exception cref="InvalidOperationException">The mixer has been built, the channel already has inserts, or already has a strip.</exception>
    public ChannelStrip AddChannelStrip(ParametricEqProcessor? eq = null, CompressorProcessor? dynamics = null)
    {
        Mixer.RequireNotBuilt();
        if (Strip is not null || _inserts.Count > 0)
        {
            throw new InvalidOperationException($"Channel '{Name}' already has inserts; add the channel strip first.");
        }

        eq ??= new ParametricEqProcessor();
        dynamics ??= new CompressorProcessor { Bypassed = true };
        AddInsert(eq);
        AddInsert(dynamics);
        Strip = new ChannelStrip(this, eq, dynamics);
        return Strip;
    }

    /// <summary>Adds a send to <paramref name="bus"/>.</summary>
    /// <param name="bus">The bus fed (a return); not the master, not this channel, and not upstream of it.</param>
    /// <param name="levelDecibels">Initial send level, −144 (off) to +24 dB.</param>
    /// <param name="tap">Where the send takes the signal; post-fader by default.</param>
    /// <returns>The send, whose <see cref="MixerSend.Level"/> is automatable.</returns>
    /// <exception cref="ArgumentException">The bus is the master, this channel, of another mixer, or would close a loop.</exception>
    /// <exception cref="InvalidOperationException">The mixer has been built.</exception>
    public MixerSend AddSend(MixerBusTrack bus, float levelDecibels = 0f, SendTap tap = SendTap.PostFader)
    {
        ArgumentNullException.ThrowIfNull(bus);
        Mixer.RequireNotBuilt();
        if (bus.Mixer != Mixer || bus.IsMaster || ReferenceEquals(bus, this) || bus.FeedsInto(this))
        {
            throw new ArgumentException($"'{Name}' cannot send to '{bus.Name}': the target must be another bus of this mixer, not the master, and not downstream-looped back to it.", nameof(bus));
        }

        var send = new MixerSend(this, bus, tap, levelDecibels);
        _sends.Add(send);
        Mixer.ApplyMutes();
        return send;
    }

    /// <inheritdoc />
    public override string ToString() => $"{GetType().Name} {Name} ({Layout})";

    internal void AddGroup(VcaGroup group) => _groups.Add(group);

    /// <summary>The sends as a list, so the mixer iterates them without boxing an enumerator.</summary>
    internal List<MixerSend> SendList => _sends;

    /// <summary>The groups as a list, for the same reason.</summary>
    internal List<VcaGroup> GroupList => _groups;

    internal bool IsMasterOrSoloSafe() => Output is null || _soloSafe;

    /// <summary>Whether audio from this channel reaches <paramref name="channel"/> (through outputs or sends).</summary>
    internal bool FeedsInto(MixerChannel channel)
    {
        if (ReferenceEquals(Output, channel))
        {
            return true;
        }

        foreach (var send in _sends)
        {
            if (ReferenceEquals(send.Target, channel) || send.Target.FeedsInto(channel))
            {
                return true;
            }
        }

        return Output is not null && Output.FeedsInto(channel);
    }

    /// <summary>Adds the strip's nodes after <paramref name="input"/>; returns (pre-fader point, post-fader point).</summary>
    internal (NodeId PreFader, NodeId PostFader) BuildStrip(AudioGraphBuilder graph, NodeId input)
    {
        var node = Chain(graph, input, TrimStage, "trim");
        for (var i = 0; i < _inserts.Count; i++)
        {
            node = Chain(graph, node, _inserts[i], $"insert {i + 1}");
        }

        var preFader = node;
        var postFader = Chain(graph, node, FaderStage, "fader");
        IAudioProcessor? panner = (IAudioProcessor?)StereoPanner ?? (IAudioProcessor?)SurroundPanner ?? Converter;
        OutputNode = panner is null ? postFader : Chain(graph, postFader, panner, "pan");
        return (preFader, postFader);
    }

    internal NodeId Chain(AudioGraphBuilder graph, NodeId from, IAudioProcessor processor, string stage)
    {
        var node = graph.AddProcessor(processor, $"{Name} {stage}");
        graph.Connect(from, node);
        return node;
    }
}
