using System.Globalization;

namespace AudioPost.Sdk.Formats.Metadata;

/// <summary>
/// The Broadcast Wave Format extension chunk (<c>bext</c>, EBU Tech 3285 versions 0, 1 and 2): who made the file
/// and when, where its first sample sits on the day's clock (<see cref="TimeReference"/>), its UMID, its loudness and
/// its coding history. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// <para>Text fields hold at most as many characters as their fixed-size fields have bytes (ISO 8859-1, one byte a
/// character; a full field has no terminating NUL). Longer values are refused when set, so nothing is silently cut.</para>
/// <para>Loudness fields are <see langword="null"/> when not measured. Written, each is stored as a 16-bit integer in
/// hundredths (rounded to nearest, ties away from zero), so values keep two decimals and must lie within
/// <see cref="MinLoudness"/> to <see cref="MaxLoudness"/>;
/// an unmeasured field is stored as 0x7FFF, the value readers treat as unknown.</para>
/// <para>The written <c>Version</c> is the lowest that holds the content (2 when any loudness field is set, 1 when
/// <see cref="Umid"/> is set, otherwise 0), or <see cref="Version"/> when that is higher (up to 2), so a file read
/// and written again keeps the version it declared.</para>
/// </remarks>
public sealed record BroadcastExtension
{
    /// <summary>The size of the <see cref="Description"/> field in bytes.</summary>
    public const int DescriptionSize = 256;

    /// <summary>The size of the <see cref="Originator"/> and <see cref="OriginatorReference"/> fields in bytes.</summary>
    public const int OriginatorSize = 32;

    /// <summary>The size of the <see cref="OriginationDate"/> field in bytes (<c>yyyy-mm-dd</c>).</summary>
    public const int OriginationDateSize = 10;

    /// <summary>The size of the <see cref="OriginationTime"/> field in bytes (<c>hh:mm:ss</c>).</summary>
    public const int OriginationTimeSize = 8;

    /// <summary>The size of the <see cref="Umid"/> field in bytes (a 64-byte extended UMID, or a 32-byte basic one
    /// followed by zeros).</summary>
    public const int UmidSize = 64;

    /// <summary>The highest value a loudness field can store: 32766 hundredths (32767 means "unknown").</summary>
    public const double MaxLoudness = 327.66;

    /// <summary>The lowest value a loudness field can store: −32767 hundredths (−32768 is read as unknown).</summary>
    public const double MinLoudness = -327.67;

    private readonly string _description = string.Empty;
    private readonly string _originator = string.Empty;
    private readonly string _originatorReference = string.Empty;
    private readonly string _originationDate = string.Empty;
    private readonly string _originationTime = string.Empty;
    private readonly ReadOnlyMemory<byte> _umid;
    private readonly double? _loudnessValue;
    private readonly double? _loudnessRange;
    private readonly double? _maxTruePeakLevel;
    private readonly double? _maxMomentaryLoudness;
    private readonly double? _maxShortTermLoudness;
    private readonly string _codingHistory = string.Empty;

    /// <summary>Gets a free-text description of the sound, at most 256 characters; empty by default.</summary>
    /// <exception cref="ArgumentException">The value is longer than its field.</exception>
    public string Description { get => _description; init => _description = CheckText(value, DescriptionSize); }

    /// <summary>Gets the name of the producer or application, at most 32 characters; empty by default.</summary>
    /// <exception cref="ArgumentException">The value is longer than its field.</exception>
    public string Originator { get => _originator; init => _originator = CheckText(value, OriginatorSize); }

    /// <summary>Gets the originator's unique reference (EBU R 99 USID format recommended), at most 32 characters.</summary>
    /// <exception cref="ArgumentException">The value is longer than its field.</exception>
    public string OriginatorReference { get => _originatorReference; init => _originatorReference = CheckText(value, OriginatorSize); }

    /// <summary>
    /// Gets the origination date as stored, normally <c>yyyy-mm-dd</c> (readers meet <c>-</c>, <c>_</c>, <c>:</c>,
    /// space and <c>.</c> as separators), at most 10 characters; see <see cref="TryGetOrigination"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The value is longer than its field.</exception>
    public string OriginationDate { get => _originationDate; init => _originationDate = CheckText(value, OriginationDateSize); }

    /// <summary>Gets the origination time as stored, normally <c>hh:mm:ss</c>, at most 8 characters.</summary>
    /// <exception cref="ArgumentException">The value is longer than its field.</exception>
    public string OriginationTime { get => _originationTime; init => _originationTime = CheckText(value, OriginationTimeSize); }

    /// <summary>
    /// Gets the position of the file's first sample on the day's clock: sample frames since midnight at the file's
    /// sample rate (the 64-bit TimeReference, written as both 32-bit halves).
    /// </summary>
    public ulong TimeReference { get; init; }

    /// <summary>Gets the version the file declared (0, 1 or 2; readers keep higher values as found); see the type's
    /// remarks for the version written.</summary>
    public ushort Version { get; init; }

    /// <summary>Gets the SMPTE 330M UMID: empty when unused, otherwise 32 (basic) or 64 (extended) bytes (copied when
    /// set, so the caller's array may change afterwards).</summary>
    /// <exception cref="ArgumentException">The length is not 0, 32 or 64.</exception>
    public ReadOnlyMemory<byte> Umid
    {
        get => _umid;
        init
        {
            if (value.Length is not (0 or 32 or UmidSize))
            {
                throw new ArgumentException("A UMID is 32 (basic) or 64 (extended) bytes.", nameof(value));
            }

            _umid = value.ToArray();
        }
    }

    /// <summary>Gets the integrated loudness in LUFS (EBU R 128), or <see langword="null"/> when not measured.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite or outside <see cref="MinLoudness"/> to <see cref="MaxLoudness"/>.</exception>
    public double? LoudnessValue { get => _loudnessValue; init => _loudnessValue = CheckLoudness(value); }

    /// <summary>Gets the loudness range in LU (EBU Tech 3342), or <see langword="null"/> when not measured.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite or outside <see cref="MinLoudness"/> to <see cref="MaxLoudness"/>.</exception>
    public double? LoudnessRange { get => _loudnessRange; init => _loudnessRange = CheckLoudness(value); }

    /// <summary>Gets the maximum true-peak level in dBTP, or <see langword="null"/> when not measured.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite or outside <see cref="MinLoudness"/> to <see cref="MaxLoudness"/>.</exception>
    public double? MaxTruePeakLevel { get => _maxTruePeakLevel; init => _maxTruePeakLevel = CheckLoudness(value); }

    /// <summary>Gets the maximum momentary loudness in LUFS, or <see langword="null"/> when not measured.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite or outside <see cref="MinLoudness"/> to <see cref="MaxLoudness"/>.</exception>
    public double? MaxMomentaryLoudness { get => _maxMomentaryLoudness; init => _maxMomentaryLoudness = CheckLoudness(value); }

    /// <summary>Gets the maximum short-term loudness in LUFS, or <see langword="null"/> when not measured.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite or outside <see cref="MinLoudness"/> to <see cref="MaxLoudness"/>.</exception>
    public double? MaxShortTermLoudness { get => _maxShortTermLoudness; init => _maxShortTermLoudness = CheckLoudness(value); }

    /// <summary>
    /// Gets the coding history (EBU R 98): one line per processing step, each <c>key=value</c> items separated by
    /// commas and ended by CR LF, e.g. <c>A=PCM,F=48000,W=24,M=stereo,T=AudioPost.Sdk\r\n</c>; empty by default.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    /// <exception cref="ArgumentException">The value holds a character beyond ISO 8859-1.</exception>
    public string CodingHistory { get => _codingHistory; init => _codingHistory = CheckText(value, int.MaxValue); }

    /// <summary>Gets whether any of the five loudness fields is set (which makes the written version 2).</summary>
    public bool HasLoudness =>
        LoudnessValue.HasValue || LoudnessRange.HasValue || MaxTruePeakLevel.HasValue
        || MaxMomentaryLoudness.HasValue || MaxShortTermLoudness.HasValue;

    /// <summary>Gets the version a writer stores for this content; see the type's remarks.</summary>
    public ushort EffectiveVersion =>
        Math.Max(HasLoudness ? (ushort)2 : (ushort)(Umid.IsEmpty ? 0 : 1), Math.Min(Version, (ushort)2));

    /// <summary>Returns a copy whose origination date and time are <paramref name="origination"/>, written as
    /// <c>yyyy-mm-dd</c> and <c>hh:mm:ss</c>.</summary>
    /// <param name="origination">The moment the sound was made, in the local time of the place it was made.</param>
    /// <returns>The copy.</returns>
    public BroadcastExtension WithOrigination(DateTime origination) => this with
    {
        OriginationDate = origination.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        OriginationTime = origination.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Parses <see cref="OriginationDate"/> and <see cref="OriginationTime"/>, accepting any of the separators found
    /// in the wild (<c>-</c>, <c>_</c>, <c>:</c>, space, <c>.</c>). A missing or unreadable time counts as midnight.
    /// </summary>
    /// <param name="origination">The date and time, kind unspecified, when this returns <see langword="true"/>.</param>
    /// <returns>Whether the date could be read.</returns>
    public bool TryGetOrigination(out DateTime origination)
    {
        origination = default;
        if (!TryReadNumbers(OriginationDate, 4, 2, 2, out var year, out var month, out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        origination = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified);
        if (TryReadNumbers(OriginationTime, 2, 2, 2, out var hour, out var minute, out var second)
            && hour < 24 && minute < 60 && second < 60)
        {
            origination = origination.AddSeconds((hour * 3600) + (minute * 60) + second);
        }

        return true;
    }

    /// <summary>Reports a loudness value as it will be read back: rounded to hundredths, ties away from zero.</summary>
    /// <param name="value">A value in LUFS, LU or dBTP.</param>
    /// <returns>The stored value.</returns>
    public static double RoundToStored(double value) => Math.Round(value * 100, MidpointRounding.AwayFromZero) / 100;

    /// <inheritdoc/>
    public bool Equals(BroadcastExtension? other) =>
        other is not null
        && Description == other.Description
        && Originator == other.Originator
        && OriginatorReference == other.OriginatorReference
        && OriginationDate == other.OriginationDate
        && OriginationTime == other.OriginationTime
        && TimeReference == other.TimeReference
        && Version == other.Version
        && Umid.Span.SequenceEqual(other.Umid.Span)
        && LoudnessValue == other.LoudnessValue
        && LoudnessRange == other.LoudnessRange
        && MaxTruePeakLevel == other.MaxTruePeakLevel
        && MaxMomentaryLoudness == other.MaxMomentaryLoudness
        && MaxShortTermLoudness == other.MaxShortTermLoudness
        && CodingHistory == other.CodingHistory;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Description, Originator, OriginationDate, OriginationTime, TimeReference, LoudnessValue);

    private static string CheckText(string value, int size, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(value))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (value.Length > size)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The value has {value.Length} characters; its bext field holds {size}."), name);
        }

        foreach (var c in value)
        {
            if (c > '\u00FF')
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"'{c}' (U+{(int)c:X4}) cannot be stored: bext text is one byte a character (ISO 8859-1)."), name);
            }
        }

        return value;
    }

    private static double? CheckLoudness(double? value)
    {
        if (value is { } v && !(double.IsFinite(v) && RoundToStored(v) >= MinLoudness && RoundToStored(v) <= MaxLoudness))
        {
            throw new ArgumentOutOfRangeException(
                nameof(value), v, string.Create(CultureInfo.InvariantCulture, $"A bext loudness field stores finite values from {MinLoudness} to {MaxLoudness}."));
        }

        return value;
    }

    // Reads three unsigned numbers of the given digit counts separated by any single non-digit character.
    private static bool TryReadNumbers(string text, int digits1, int digits2, int digits3, out int first, out int second, out int third)
    {
        first = second = third = 0;
        var length = digits1 + digits2 + digits3 + 2;
        if (text.Length < length)
        {
            return false;
        }

        return int.TryParse(text.AsSpan(0, digits1), NumberStyles.None, CultureInfo.InvariantCulture, out first)
            && !char.IsAsciiDigit(text[digits1])
            && int.TryParse(text.AsSpan(digits1 + 1, digits2), NumberStyles.None, CultureInfo.InvariantCulture, out second)
            && !char.IsAsciiDigit(text[digits1 + digits2 + 1])
            && int.TryParse(text.AsSpan(digits1 + digits2 + 2, digits3), NumberStyles.None, CultureInfo.InvariantCulture, out third);
    }
}
