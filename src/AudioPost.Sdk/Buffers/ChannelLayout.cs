using System.Globalization;
using System.Text;

namespace AudioPost.Sdk.Buffers;

/// <summary>
/// The ordered speaker roles of the channels of a stream, for example L R C LFE Ls Rs.
/// </summary>
/// <remarks>
/// <para>
/// Instances are immutable, so every member is safe to call from any thread, and one instance may be shared
/// by any number of streams. Two layouts are equal when their role sequences are equal; the <see cref="Name"/>
/// is derived from the roles, so equal layouts also have equal names.
/// </para>
/// <para>
/// Obtain layouts from the presets (<see cref="Stereo"/>, <see cref="Surround51"/>, ...), from
/// <see cref="Custom"/>, <see cref="Discrete(int)"/>, <see cref="FromChannelCount"/>,
/// <see cref="FromWaveChannelMask"/> or <see cref="Parse"/>. Factories return the preset instance whenever
/// the roles match a preset.
/// </para>
/// </remarks>
public sealed partial class ChannelLayout : IEquatable<ChannelLayout>
{
    /// <summary>The largest number of channels a layout may have (64).</summary>
    public const int MaxChannels = 64;

    // BS.1770 tabulates the surround weight as 1.41 exactly; the rounded 10^(1.5/10) = 1.4125 would make our
    // readings differ from other meters in the third decimal, so the tabulated value is used on purpose.
    private const float SurroundLoudnessWeight = 1.41f;

    private readonly ChannelRole[] _roles;
    private readonly uint _waveChannelMask;
    private readonly bool _hasSideSurrounds;
    private readonly int _hashCode;

    private ChannelLayout(string name, ChannelRole[] roles)
    {
        Name = name;
        _roles = roles;
        _waveChannelMask = ComputeWaveChannelMask(roles);
        _hasSideSurrounds = Array.IndexOf(roles, ChannelRole.SideLeft) >= 0 || Array.IndexOf(roles, ChannelRole.SideRight) >= 0;

        var hash = new HashCode();
        foreach (var role in roles)
        {
            hash.Add(role);
        }

        _hashCode = hash.ToHashCode();
    }

    /// <summary>
    /// Gets the layout's name: a preset name ("mono", "stereo", "lcr", "quad", "5.0", "5.1", "5.1-back", "7.1",
    /// "7.1-wide", "7.1.4"), "discrete" when every channel is <see cref="ChannelRole.Discrete"/>, otherwise "custom".
    /// </summary>
    public string Name { get; }

    /// <summary>Gets the number of channels, 1 to <see cref="MaxChannels"/>.</summary>
    public int Count => _roles.Length;

    /// <summary>Gets the roles of the channels in channel order; the span is read-only and never empty.</summary>
    public ReadOnlySpan<ChannelRole> Roles => _roles;

    /// <summary>Gets the role of channel <paramref name="channel"/>.</summary>
    /// <param name="channel">Zero-based channel index, 0 to <see cref="Count"/> - 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channel"/> is outside the layout.</exception>
    public ChannelRole this[int channel]
    {
        get
        {
            ValidateChannel(channel);
            return _roles[channel];
        }
    }

    /// <summary>Determines whether two layouts have the same role sequence.</summary>
    /// <param name="left">The first layout, or <see langword="null"/>.</param>
    /// <param name="right">The second layout, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when both are null or both have the same roles in the same order.</returns>
    public static bool operator ==(ChannelLayout? left, ChannelLayout? right) =>
        left is null ? right is null : left.Equals(right);

    /// <summary>Determines whether two layouts differ in role sequence.</summary>
    /// <param name="left">The first layout, or <see langword="null"/>.</param>
    /// <param name="right">The second layout, or <see langword="null"/>.</param>
    /// <returns>The negation of <see cref="op_Equality"/>.</returns>
    public static bool operator !=(ChannelLayout? left, ChannelLayout? right) => !(left == right);

    /// <summary>
    /// Gets the index of the first channel with <paramref name="role"/>, or -1 when no channel has it.
    /// For <see cref="ChannelRole.Discrete"/> this is the first discrete channel.
    /// </summary>
    /// <param name="role">The role to look for.</param>
    /// <returns>A channel index, 0 to <see cref="Count"/> - 1, or -1.</returns>
    public int IndexOf(ChannelRole role) => Array.IndexOf(_roles, role);

    /// <summary>
    /// Gets the ITU-R BS.1770 channel weight G_i of channel <paramref name="channel"/>, applied to the channel's
    /// mean square before summing (a linear power factor, not a gain in dB).
    /// </summary>
    /// <remarks>
    /// <para>
    /// Weights follow the loudspeaker position (BS.1770 Annex 3), not the WAVE bit name:
    /// <see cref="ChannelRole.LowFrequency"/> is excluded (0); <see cref="ChannelRole.SideLeft"/> and
    /// <see cref="ChannelRole.SideRight"/> are 1.41; <see cref="ChannelRole.BackLeft"/> and
    /// <see cref="ChannelRole.BackRight"/> are 1.41 when the layout has no side channel (they are then the
    /// ±110° surrounds of a "back" 5.1 or a quad) and 1.0 when it has one (they are then the ±135°–150° rears of
    /// a 7.1); every other role, including all top, centre-back, mono and discrete channels, is 1.0.
    /// </para>
    /// <para>
    /// The surround weight is BS.1770's tabulated 1.41 exactly, not 10^(1.5/10) ≈ 1.4125, so readings agree with
    /// other compliant meters.
    /// </para>
    /// </remarks>
    /// <param name="channel">Zero-based channel index, 0 to <see cref="Count"/> - 1.</param>
    /// <returns>0, 1.0 or 1.41.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channel"/> is outside the layout.</exception>
    public float GetLoudnessWeight(int channel)
    {
        ValidateChannel(channel);
        return _roles[channel] switch
        {
            ChannelRole.LowFrequency => 0f,
            ChannelRole.SideLeft or ChannelRole.SideRight => SurroundLoudnessWeight,
            ChannelRole.BackLeft or ChannelRole.BackRight => _hasSideSurrounds ? 1f : SurroundLoudnessWeight,
            _ => 1f,
        };
    }

    /// <summary>
    /// Fills <paramref name="sourceIndexForDestination"/> with, for each channel of <paramref name="to"/>, the index
    /// of the channel of <paramref name="from"/> with the same role, or -1 when <paramref name="from"/> has no such
    /// channel. Use it to reorder, for example, Film order (L C R Ls Rs LFE) into WAVE order (L R C LFE Ls Rs).
    /// </summary>
    /// <remarks>
    /// This matches roles only; it never up- or down-mixes (a mono source has no <see cref="ChannelRole.FrontLeft"/>).
    /// <see cref="ChannelRole.Discrete"/> channels pair by their rank among the discrete channels: the n-th discrete
    /// destination takes the n-th discrete source. Thread-safe; does not allocate.
    /// </remarks>
    /// <param name="from">The layout of the source channels.</param>
    /// <param name="to">The layout of the destination channels.</param>
    /// <param name="sourceIndexForDestination">Receives one entry per destination channel: a source index from
    /// 0 to <c>from.Count</c> - 1, or -1. Its length must equal <c>to.Count</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="from"/> or <paramref name="to"/> is null.</exception>
    /// <exception cref="ArgumentException">The span's length differs from <c>to.Count</c>.</exception>
    public static void GetRemap(ChannelLayout from, ChannelLayout to, Span<int> sourceIndexForDestination)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (sourceIndexForDestination.Length != to.Count)
        {
            throw new ArgumentException(
                $"The remap span has {sourceIndexForDestination.Length} entries but the destination layout '{to}' has {to.Count} channels.",
                nameof(sourceIndexForDestination));
        }

        var discreteRank = 0;
        for (var destination = 0; destination < to.Count; destination++)
        {
            var role = to._roles[destination];
            sourceIndexForDestination[destination] = role == ChannelRole.Discrete
                ? from.IndexOfDiscrete(discreteRank++)
                : from.IndexOf(role);
        }
    }

    /// <summary>
    /// Returns, for each channel of <paramref name="to"/>, the index of the channel of <paramref name="from"/> with
    /// the same role, or -1; see <see cref="GetRemap(ChannelLayout, ChannelLayout, Span{int})"/>.
    /// </summary>
    /// <param name="from">The layout of the source channels.</param>
    /// <param name="to">The layout of the destination channels.</param>
    /// <returns>A new array of <c>to.Count</c> source indices (-1 where absent).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="from"/> or <paramref name="to"/> is null.</exception>
    public static int[] GetRemap(ChannelLayout from, ChannelLayout to)
    {
        ArgumentNullException.ThrowIfNull(to);
        var map = new int[to.Count];
        GetRemap(from, to, map);
        return map;
    }

    /// <summary>Determines whether <paramref name="other"/> has the same role sequence.</summary>
    /// <param name="other">The layout to compare with, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when <paramref name="other"/> is not null and has the same roles in the same order.</returns>
    public bool Equals(ChannelLayout? other) =>
        other is not null &&
        (ReferenceEquals(this, other) || (_hashCode == other._hashCode && _roles.AsSpan().SequenceEqual(other._roles)));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ChannelLayout);

    /// <summary>Gets a hash code derived from the role sequence, consistent with <see cref="Equals(ChannelLayout)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => _hashCode;

    /// <summary>
    /// Gets the preset name (for example "5.1"), "discrete(N)" for an all-discrete layout, or "custom(...)" with
    /// the role abbreviations of <see cref="ChannelRoleExtensions.GetAbbreviation"/>, for example
    /// "custom(L C R Ls Rs LFE)". The result is accepted by <see cref="Parse"/>.
    /// </summary>
    /// <returns>The text form of the layout.</returns>
    public override string ToString()
    {
        if (Name == DiscreteName)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{DiscreteName}({Count})");
        }

        if (Name != CustomName)
        {
            return Name;
        }

        var text = new StringBuilder(CustomName.Length + 2 + (4 * Count));
        text.Append(CustomName).Append('(');
        for (var channel = 0; channel < _roles.Length; channel++)
        {
            if (channel > 0)
            {
                text.Append(' ');
            }

            text.Append(_roles[channel].GetAbbreviation());
        }

        return text.Append(')').ToString();
    }

    private int IndexOfDiscrete(int rank)
    {
        for (var channel = 0; channel < _roles.Length; channel++)
        {
            if (_roles[channel] == ChannelRole.Discrete && rank-- == 0)
            {
                return channel;
            }
        }

        return -1;
    }

    private void ValidateChannel(int channel)
    {
        if ((uint)channel >= (uint)_roles.Length)
        {
            throw new ArgumentOutOfRangeException(
                nameof(channel), channel, $"Channel index must be 0 to {_roles.Length - 1} for layout '{this}'.");
        }
    }
}
