namespace AudioPost.Sdk.Buffers;

/// <summary>Facts about a <see cref="ChannelRole"/>. All members are pure and safe to call from any thread.</summary>
public static class ChannelRoleExtensions
{
    private const ChannelRole FirstWaveRole = ChannelRole.FrontLeft;
    private const ChannelRole LastWaveRole = ChannelRole.TopBackRight;

    /// <summary>
    /// Gets the short label used for <paramref name="role"/> in <see cref="ChannelLayout.ToString"/> and accepted by
    /// <see cref="ChannelLayout.Parse"/>.
    /// </summary>
    /// <remarks>
    /// The labels follow post-production (Pro Tools / Dolby) usage rather than the WAVE bit names:
    /// <c>M</c> mono, <c>L</c> <c>R</c> <c>C</c> front, <c>LFE</c>, <c>Ls</c>/<c>Rs</c> side surrounds,
    /// <c>Lrs</c>/<c>Rrs</c> back (rear) surrounds, <c>Lc</c>/<c>Rc</c> left/right of centre, <c>Cs</c> back centre,
    /// <c>Tc</c> top centre, <c>Ltf</c>/<c>Ctf</c>/<c>Rtf</c> top front, <c>Ltr</c>/<c>Ctr</c>/<c>Rtr</c> top back,
    /// <c>D</c> discrete and <c>?</c> for <see cref="ChannelRole.Unknown"/>.
    /// Because a "back" 5.1 carries its surrounds on the back bits, its surrounds print as <c>Lrs</c>/<c>Rrs</c>;
    /// the label names the bit, not the room position. Labels are unique even when compared case-insensitively.
    /// </remarks>
    /// <param name="role">The role to label.</param>
    /// <returns>A non-empty ASCII label of one to three characters.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="role"/> is not a defined value.</exception>
    public static string GetAbbreviation(this ChannelRole role) => role switch
    {
        ChannelRole.Unknown => "?",
        ChannelRole.FrontLeft => "L",
        ChannelRole.FrontRight => "R",
        ChannelRole.FrontCenter => "C",
        ChannelRole.LowFrequency => "LFE",
        ChannelRole.BackLeft => "Lrs",
        ChannelRole.BackRight => "Rrs",
        ChannelRole.FrontLeftOfCenter => "Lc",
        ChannelRole.FrontRightOfCenter => "Rc",
        ChannelRole.BackCenter => "Cs",
        ChannelRole.SideLeft => "Ls",
        ChannelRole.SideRight => "Rs",
        ChannelRole.TopCenter => "Tc",
        ChannelRole.TopFrontLeft => "Ltf",
        ChannelRole.TopFrontCenter => "Ctf",
        ChannelRole.TopFrontRight => "Rtf",
        ChannelRole.TopBackLeft => "Ltr",
        ChannelRole.TopBackCenter => "Ctr",
        ChannelRole.TopBackRight => "Rtr",
        ChannelRole.Mono => "M",
        ChannelRole.Discrete => "D",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown channel role."),
    };

    /// <summary>Parses a label produced by <see cref="GetAbbreviation"/>, ignoring case; never yields <see cref="ChannelRole.Unknown"/>.</summary>
    internal static bool TryParseAbbreviation(ReadOnlySpan<char> text, out ChannelRole role)
    {
        for (var candidate = ChannelRole.FrontLeft; candidate <= ChannelRole.Discrete; candidate++)
        {
            if (text.Equals(candidate.GetAbbreviation(), StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }

        role = ChannelRole.Unknown;
        return false;
    }

    /// <summary>Gets whether <paramref name="role"/> may be used for a channel of a layout (defined and not Unknown).</summary>
    internal static bool IsValidForLayout(this ChannelRole role) => role is >= ChannelRole.FrontLeft and <= ChannelRole.Discrete;

    /// <summary>
    /// Gets the single WAVE speaker bit of <paramref name="role"/>, or 0 for roles WAVE has no bit for
    /// (<see cref="ChannelRole.Mono"/> maps to front centre only as the whole of a layout, so it is 0 here).
    /// </summary>
    internal static uint GetWaveSpeakerBit(this ChannelRole role) =>
        role is >= FirstWaveRole and <= LastWaveRole ? 1u << ((int)role - 1) : 0u;

    /// <summary>Gets the role of one WAVE speaker bit index (0..17), or <see cref="ChannelRole.Unknown"/> for reserved bits.</summary>
    internal static ChannelRole FromWaveSpeakerBitIndex(int bitIndex) =>
        bitIndex is >= 0 and < (int)LastWaveRole ? (ChannelRole)(bitIndex + 1) : ChannelRole.Unknown;
}
