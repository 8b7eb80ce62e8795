using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.Processing.Mixing;

namespace AudioPost.Sdk.Mixing;

/// <summary>
/// A VCA-style group: a master fader that offsets its members' faders in dB without summing their audio. A channel
/// in several groups gets the sum of their levels. Muting the group mutes every member.
/// </summary>
/// <remarks>
/// The offset reaches each member through its fader's <see cref="FaderProcessor.Offset"/> parameter, so it is
/// smoothed, acts on top of fader automation, and moves post-fader sends with the fader, as on a console. Use from the
/// mixer's control thread.
/// </remarks>
public sealed class VcaGroup
{
    private readonly Mixer _mixer;
    private readonly List<MixerChannel> _members = [];
    private float _level;
    private bool _mute;

    internal VcaGroup(Mixer mixer, string name)
    {
        _mixer = mixer;
        Name = name;
    }

    /// <summary>Gets the group's name.</summary>
    public string Name { get; }

    /// <summary>Gets the member channels.</summary>
    public IReadOnlyList<MixerChannel> Members => _members;

    /// <summary>Gets or sets the group level, in dB (−144 to +24; 0 leaves the members alone). NaN is ignored.</summary>
    public float Level
    {
        get => _level;
        set
        {
            if (float.IsNaN(value))
            {
                return;
            }

            _level = Math.Clamp(value, Decibels.SilenceDb, GainProcessor.MaxGainDb);
            _mixer.ApplyGroups();
        }
    }

    /// <summary>Gets or sets whether the group mutes its members.</summary>
    public bool Mute
    {
        get => _mute;
        set
        {
            _mute = value;
            _mixer.ApplyMutes();
        }
    }

    /// <summary>Adds a channel (a track or a bus, not the master) to the group.</summary>
    /// <exception cref="ArgumentException">The channel belongs to another mixer, is the master, or is already a member.</exception>
    public VcaGroup Add(MixerChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (channel.Mixer != _mixer || channel is MixerBusTrack { IsMaster: true } || _members.Contains(channel))
        {
            throw new ArgumentException($"Channel '{channel.Name}' cannot join group '{Name}': it is the master, of another mixer, or already a member.", nameof(channel));
        }

        _members.Add(channel);
        channel.AddGroup(this);
        _mixer.ApplyGroups();
        _mixer.ApplyMutes();
        return this;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"VCA {Name} ({_level:0.#} dB, {_members.Count} members)");
}
