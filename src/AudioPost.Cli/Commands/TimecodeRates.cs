using System.Globalization;
using AudioPost.Sdk.Timing;

namespace AudioPost.Cli.Commands;

/// <summary>The CLI's view of <see cref="FrameRate"/>: the labels it accepts, its default and how iXML names a rate.</summary>
internal static class TimecodeRates
{
    /// <summary>The rate used when neither the file nor the command line names one.</summary>
    public static FrameRate Default => FrameRate.Fps25;

    /// <summary>Gets every rate label the CLI accepts, in the order the help text lists them.</summary>
    public static string[] Labels => [.. FrameRate.All.Select(r => r.ToString())];

    /// <summary>
    /// Reads iXML's <c>SPEED/TIMECODE_RATE</c> (a fraction such as <c>30000/1001</c> or <c>25/1</c>; a plain number
    /// such as <c>29.97</c> is accepted too) and <c>SPEED/TIMECODE_FLAG</c> (<c>DF</c> or <c>NDF</c>).
    /// </summary>
    /// <returns>The rate, or <see langword="null"/> when the rate is missing, is not one of the standard twelve, or
    /// claims drop-frame at a rate that has none (so the caller falls back rather than show a wrong label).</returns>
    public static FrameRate? FromIXml(string? rate, string? flag)
    {
        if (!TryParseRateValue(rate, out var value))
        {
            return null;
        }

        var dropFrame = string.Equals(flag?.Trim(), "DF", StringComparison.OrdinalIgnoreCase);
        foreach (var candidate in FrameRate.All)
        {
            // Matched by value, not text: writers say 30000/1001, 2997/100 or 29.97 for the same rate.
            if (candidate.IsDropFrame == dropFrame
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
