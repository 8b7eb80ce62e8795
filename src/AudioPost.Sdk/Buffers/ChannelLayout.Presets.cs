using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace AudioPost.Sdk.Buffers;

// Every static field and auto-property initialiser of ChannelLayout lives in this file: C# leaves the order
// of static initialisers across partial files unspecified, and NamedLayouts must run after the presets.
public sealed partial class ChannelLayout
{
    private const string CustomName = "custom";
    private const string DiscreteName = "discrete";

    /// <summary>Gets the single-channel layout [<see cref="ChannelRole.Mono"/>] ("mono"). WAVE stores it as mask 0x4 (front centre).</summary>
    public static ChannelLayout Mono { get; } = new("mono", [ChannelRole.Mono]);

    /// <summary>Gets the layout L R ("stereo", WAVE mask 0x3).</summary>
    public static ChannelLayout Stereo { get; } = new("stereo", [ChannelRole.FrontLeft, ChannelRole.FrontRight]);

    /// <summary>Gets the layout L R C in WAVE order ("lcr", WAVE mask 0x7).</summary>
    public static ChannelLayout Lcr { get; } = new("lcr", [ChannelRole.FrontLeft, ChannelRole.FrontRight, ChannelRole.FrontCenter]);

    /// <summary>Gets the layout L R Lrs Rrs with back surrounds ("quad", WAVE mask 0x33).</summary>
    public static ChannelLayout Quad { get; } = new(
        "quad",
        [ChannelRole.FrontLeft, ChannelRole.FrontRight, ChannelRole.BackLeft, ChannelRole.BackRight]);

    /// <summary>Gets the layout L R C Ls Rs with side surrounds ("5.0", WAVE mask 0x607).</summary>
    public static ChannelLayout Surround50 { get; } = new(
        "5.0",
        [ChannelRole.FrontLeft, ChannelRole.FrontRight, ChannelRole.FrontCenter, ChannelRole.SideLeft, ChannelRole.SideRight]);

    /// <summary>
    /// Gets the layout L R C LFE Ls Rs with side surrounds ("5.1", WAVE mask 0x60F), the modern WAVE and
    /// SMPTE/ITU 5.1. The older KSAUDIO_SPEAKER_5POINT1 variant that puts the surrounds on the back bits
    /// (mask 0x3F) is <see cref="Surround51Back"/>; both weigh the surrounds 1.41 for loudness.
    /// </summary>
    public static ChannelLayout Surround51 { get; } = new(
        "5.1",
        [
            ChannelRole.FrontLeft, ChannelRole.FrontRight, ChannelRole.FrontCenter, ChannelRole.LowFrequency,
            ChannelRole.SideLeft, ChannelRole.SideRight,
        ]);

    /// <summary>Gets the layout L R C LFE Lrs Rrs with the surrounds on the back bits ("5.1-back", WAVE mask 0x3F).</summary>
    public static ChannelLayout Surround51Back { get; } = new(
        "5.1-back",
        [
            ChannelRole.FrontLeft, ChannelRole.FrontRight, ChannelRole.FrontCenter, ChannelRole.LowFrequency,
            ChannelRole.BackLeft, ChannelRole.BackRight,
        ]);

    /// <summary>Gets the layout L R C LFE Lrs Rrs Ls Rs ("7.1", WAVE mask 0x63F): rear surrounds first, then sides.</summary>
    public static ChannelLayout Surround71 { get; } = new(
        "7.1",
        [
            ChannelRole.FrontLeft, ChannelRole.FrontRight, ChannelRole.FrontCenter, ChannelRole.LowFrequency,
            ChannelRole.BackLeft, ChannelRole.BackRight, ChannelRole.SideLeft, ChannelRole.SideRight,
        ]);

    /// <summary>Gets the legacy "wide" 7.1 L R C LFE Lrs Rrs Lc Rc ("7.1-wide", WAVE mask 0xFF).</summary>
    public static ChannelLayout Surround71Wide { get; } = new(
        "7.1-wide",
        [
            ChannelRole.FrontLeft, ChannelRole.FrontRight, ChannelRole.FrontCenter, ChannelRole.LowFrequency,
            ChannelRole.BackLeft, ChannelRole.BackRight, ChannelRole.FrontLeftOfCenter, ChannelRole.FrontRightOfCenter,
        ]);

    /// <summary>Gets the layout L R C LFE Lrs Rrs Ls Rs Ltf Rtf Ltr Rtr ("7.1.4", WAVE mask 0x2D63F).</summary>
    public static ChannelLayout Surround714 { get; } = new(
        "7.1.4",
        [
            ChannelRole.FrontLeft, ChannelRole.FrontRight, ChannelRole.FrontCenter, ChannelRole.LowFrequency,
            ChannelRole.BackLeft, ChannelRole.BackRight, ChannelRole.SideLeft, ChannelRole.SideRight,
            ChannelRole.TopFrontLeft, ChannelRole.TopFrontRight, ChannelRole.TopBackLeft, ChannelRole.TopBackRight,
        ]);

    private static readonly ChannelLayout[] NamedLayouts =
        [Mono, Stereo, Lcr, Quad, Surround50, Surround51, Surround51Back, Surround71, Surround71Wide, Surround714];

    /// <summary>
    /// Creates a layout from explicit roles, in channel order. Returns the preset instance when the roles match one.
    /// </summary>
    /// <param name="roles">One role per channel: 1 to <see cref="MaxChannels"/> roles, each defined and not
    /// <see cref="ChannelRole.Unknown"/>. A speaker role may appear once; <see cref="ChannelRole.Discrete"/> may
    /// repeat; <see cref="ChannelRole.Mono"/> is only valid as the single channel. The roles are copied.</param>
    /// <returns>The layout; thread-safe and immutable.</returns>
    /// <exception cref="ArgumentException">The roles break one of the rules above; the message names the problem.</exception>
    public static ChannelLayout Custom(params ReadOnlySpan<ChannelRole> roles)
    {
        if (!TryValidate(roles, out var error))
        {
            throw new ArgumentException(error, nameof(roles));
        }

        return Create(roles);
    }

    /// <summary>Creates a layout of <paramref name="channelCount"/> <see cref="ChannelRole.Discrete"/> channels ("discrete").</summary>
    /// <param name="channelCount">Number of channels, 1 to <see cref="MaxChannels"/>.</param>
    /// <returns>The layout; thread-safe and immutable.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channelCount"/> is outside 1 to <see cref="MaxChannels"/>.</exception>
    public static ChannelLayout Discrete(int channelCount)
    {
        ValidateChannelCount(channelCount);
        var roles = new ChannelRole[channelCount];
        roles.AsSpan().Fill(ChannelRole.Discrete);
        return new ChannelLayout(DiscreteName, roles);
    }

    /// <summary>
    /// Gets the conventional layout for a channel count: 1 <see cref="Mono"/>, 2 <see cref="Stereo"/>,
    /// 3 <see cref="Lcr"/>, 4 <see cref="Quad"/>, 5 <see cref="Surround50"/>, 6 <see cref="Surround51"/>,
    /// 8 <see cref="Surround71"/>, 12 <see cref="Surround714"/>, any other count <see cref="Discrete(int)"/>.
    /// </summary>
    /// <remarks>This is a guess; prefer a layout read from the file (WAVE channel mask, iXML) when there is one.</remarks>
    /// <param name="channelCount">Number of channels, 1 to <see cref="MaxChannels"/>.</param>
    /// <returns>The layout; thread-safe and immutable.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channelCount"/> is outside 1 to <see cref="MaxChannels"/>.</exception>
    public static ChannelLayout FromChannelCount(int channelCount) => channelCount switch
    {
        1 => Mono,
        2 => Stereo,
        3 => Lcr,
        4 => Quad,
        5 => Surround50,
        6 => Surround51,
        8 => Surround71,
        12 => Surround714,
        _ => Discrete(channelCount),
    };

    /// <summary>
    /// Parses a layout name or the text of <see cref="ToString"/>; see <see cref="TryParse"/> for the accepted forms.
    /// </summary>
    /// <param name="text">The text to parse.</param>
    /// <returns>The layout; thread-safe and immutable.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException"><paramref name="text"/> is not a layout; the message quotes it.</exception>
    public static ChannelLayout Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var layout)
            ? layout
            : throw new FormatException($"'{text}' is not a channel layout. Expected a name such as 'stereo', '5.1' or '7.1.4', 'discrete(N)' or 'custom(L R C ...)'.");
    }

    /// <summary>
    /// Tries to parse a layout, ignoring case and surrounding white space. Accepts the preset names "mono",
    /// "stereo", "lcr", "quad", "5.0", "5.1", "5.1-back", "7.1", "7.1-wide" and "7.1.4"; "discrete(N)" with N from 1 to
    /// <see cref="MaxChannels"/>; and "custom(...)" listing role abbreviations (see
    /// <see cref="ChannelRoleExtensions.GetAbbreviation"/>) separated by spaces or commas, for example "custom(L C R Ls Rs LFE)".
    /// </summary>
    /// <param name="text">The text to parse, or <see langword="null"/>.</param>
    /// <param name="layout">The layout when parsing succeeds; otherwise <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when <paramref name="text"/> describes a valid layout.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ChannelLayout? layout)
    {
        layout = null;
        if (text is null)
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        foreach (var named in NamedLayouts)
        {
            if (span.Equals(named.Name, StringComparison.OrdinalIgnoreCase))
            {
                layout = named;
                return true;
            }
        }

        if (TryGetArguments(span, DiscreteName, out var arguments))
        {
            if (int.TryParse(arguments.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                && count is >= 1 and <= MaxChannels)
            {
                layout = Discrete(count);
                return true;
            }

            return false;
        }

        return TryGetArguments(span, CustomName, out arguments) && TryParseRoles(arguments, out layout);
    }

    private static bool TryParseRoles(ReadOnlySpan<char> list, [NotNullWhen(true)] out ChannelLayout? layout)
    {
        layout = null;
        Span<ChannelRole> roles = stackalloc ChannelRole[MaxChannels];
        var count = 0;
        foreach (var range in list.SplitAny(" ,\t"))
        {
            var token = list[range];
            if (token.IsEmpty)
            {
                continue;
            }

            if (count == MaxChannels || !ChannelRoleExtensions.TryParseAbbreviation(token, out roles[count]))
            {
                return false;
            }

            count++;
        }

        if (!TryValidate(roles[..count], out _))
        {
            return false;
        }

        layout = Create(roles[..count]);
        return true;
    }

    private static bool TryGetArguments(ReadOnlySpan<char> text, string keyword, out ReadOnlySpan<char> arguments)
    {
        arguments = default;
        if (!text.StartsWith(keyword, StringComparison.OrdinalIgnoreCase) || !text.EndsWith(")", StringComparison.Ordinal))
        {
            return false;
        }

        var rest = text[keyword.Length..^1].TrimStart();
        if (rest.IsEmpty || rest[0] != '(')
        {
            return false;
        }

        arguments = rest[1..];
        return true;
    }

    /// <summary>Builds a layout from already validated roles, reusing a preset or the discrete name where they match.</summary>
    private static ChannelLayout Create(ReadOnlySpan<ChannelRole> roles)
    {
        foreach (var named in NamedLayouts)
        {
            if (roles.SequenceEqual(named._roles))
            {
                return named;
            }
        }

        var name = roles.ContainsAnyExcept(ChannelRole.Discrete) ? CustomName : DiscreteName;
        return new ChannelLayout(name, roles.ToArray());
    }

    private static bool TryValidate(ReadOnlySpan<ChannelRole> roles, [NotNullWhen(false)] out string? error)
    {
        if (roles.Length is < 1 or > MaxChannels)
        {
            error = $"A channel layout needs 1 to {MaxChannels} channels; got {roles.Length}.";
            return false;
        }

        // Valid roles are 1..20, so one bit per role of a 64-bit set finds duplicates without allocating.
        var seen = 0UL;
        for (var channel = 0; channel < roles.Length; channel++)
        {
            var role = roles[channel];
            if (!role.IsValidForLayout())
            {
                error = $"Channel {channel} has role '{role}', which is not a speaker role or Discrete.";
                return false;
            }

            if (role == ChannelRole.Mono && roles.Length > 1)
            {
                error = $"Channel {channel} is Mono, but Mono is only valid as the single channel of a layout; use FrontCenter or Discrete.";
                return false;
            }

            var bit = 1UL << (int)role;
            if (role != ChannelRole.Discrete && (seen & bit) != 0)
            {
                error = $"Role {role} appears more than once (channels {roles.IndexOf(role)} and {channel}); only Discrete may repeat.";
                return false;
            }

            seen |= bit;
        }

        error = null;
        return true;
    }

    private static void ValidateChannelCount(int channelCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channelCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channelCount, MaxChannels);
    }
}
