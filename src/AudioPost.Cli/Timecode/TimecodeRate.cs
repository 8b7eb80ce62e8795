using System.Globalization;

namespace AudioPost.Cli.Timecode;

/// <summary>
/// One of the SMPTE ST 12-1 timecode rates (REFERENCE.md §4.1) as an exact fraction plus the drop-frame flag.
/// </summary>
/// <param name="Numerator">The true frame rate's numerator, e.g. 30000.</param>
/// <param name="Denominator">The true frame rate's denominator, 1 or 1001.</param>
/// <param name="DropFrame">Whether labels are counted drop-frame (only at 30000/1001 and 60000/1001).</param>
/// <param name="Label">The command-line name, e.g. <c>29.97df</c>.</param>
internal sealed record TimecodeRate(int Numerator, int Denominator, bool DropFrame, string Label)
{
    /// <summary>The rate used when neither the file nor the command line names one.</summary>
    public static readonly TimecodeRate Default = new(25, 1, false, "25");

    /// <summary>Every rate the CLI accepts, in the order the help text lists them.</summary>
    public static readonly IReadOnlyList<TimecodeRate> All =
    [
        new(24000, 1001, false, "23.976"),
        new(24, 1, false, "24"),
        Default,
        new(30000, 1001, false, "29.97"),
        new(30000, 1001, true, "29.97df"),
        new(30, 1, false, "30"),
        new(48000, 1001, false, "47.952"),
        new(48, 1, false, "48"),
        new(50, 1, false, "50"),
        new(60000, 1001, false, "59.94"),
        new(60000, 1001, true, "59.94df"),
        new(60, 1, false, "60"),
    ];

    /// <summary>Gets the nominal frame count per timecode second (N in §4.1): 30 for 29.97.</summary>
    public int FramesPerSecond => (Numerator + Denominator - 1) / Denominator;

    /// <summary>Gets the labels skipped at each minute not divisible by ten: 2 at 29.97 DF, 4 at 59.94 DF, else 0.</summary>
    public int DroppedPerMinute => DropFrame ? FramesPerSecond / 15 : 0;

    /// <summary>Gets the number of frames in 24 hours of timecode labels.</summary>
    public long FramesPerDay => DropFrame
        ? 144L * ((600L * FramesPerSecond) - (9L * DroppedPerMinute))
        : 86_400L * FramesPerSecond;

    /// <summary>Finds the rate named <paramref name="label"/> (one of <see cref="All"/>, case-insensitive).</summary>
    public static TimecodeRate? FromLabel(string? label)
    {
        foreach (var rate in All)
        {
            if (string.Equals(rate.Label, label?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return rate;
            }
        }

        return null;
    }

    /// <summary>
    /// Reads iXML's <c>SPEED/TIMECODE_RATE</c> (a fraction such as <c>30000/1001</c> or <c>25/1</c>; a plain number
    /// such as <c>29.97</c> is accepted too) and <c>SPEED/TIMECODE_FLAG</c> (<c>DF</c> or <c>NDF</c>).
    /// </summary>
    /// <returns>The rate, or <see langword="null"/> when the rate is missing, is not one of §4.1's, or claims
    /// drop-frame at a rate that has none (so the caller falls back rather than show a wrong label).</returns>
    public static TimecodeRate? FromIXml(string? rate, string? flag)
    {
        if (!TryParseRateValue(rate, out var value))
        {
            return null;
        }

        var dropFrame = string.Equals(flag?.Trim(), "DF", StringComparison.OrdinalIgnoreCase);
        foreach (var candidate in All)
        {
            // Matched by value, not text: writers say 30000/1001, 2997/100 or 29.97 for the same rate.
            if (candidate.DropFrame == dropFrame
                && Math.Abs(value - ((double)candidate.Numerator / candidate.Denominator)) < 0.005)
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool TryParseRateValue(string? text, out double value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Split('/', StringSplitOptions.TrimEntries);
        if (parts.Length > 2
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        if (parts.Length == 2)
        {
            if (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var denominator) || denominator <= 0)
            {
                return false;
            }

            value /= denominator;
        }

        return value > 0 && double.IsFinite(value);
    }
}
