using System.Globalization;

namespace AudioPost.Sdk.Timing;

/// <summary>
/// The label arithmetic shared by <see cref="Timecode"/> and <see cref="TimecodeOffset"/>: fields ↔ frame count with
/// the drop-frame rule (REFERENCE.md §4.2–4.3, integer arithmetic only), validation and parsing.
/// </summary>
internal static class TimecodeLabels
{
    /// <summary>Converts valid label fields to frames since 00:00:00:00 (no validation, no wrap).</summary>
    public static long ToFrameCount(long hours, int minutes, int seconds, int frames, FrameRate rate)
    {
        var n = rate.NominalFramesPerSecond;
        var count = (((3600 * hours) + (60L * minutes) + seconds) * n) + frames;
        if (rate.IsDropFrame)
        {
            var totalMinutes = (60 * hours) + minutes;
            count -= rate.DroppedFramesPerMinute * (totalMinutes - (totalMinutes / 10));
        }

        return count;
    }

    /// <summary>Splits a frame count of 0 or more into label fields (no wrap: hours may exceed 23).</summary>
    public static void ToFields(long frameCount, FrameRate rate, out long hours, out int minutes, out int seconds, out int frames)
    {
        var n = rate.NominalFramesPerSecond;
        var label = frameCount;
        if (rate.IsDropFrame)
        {
            // Put back the labels skipped so far, then count as if nothing were dropped. The m ≥ D guard matters:
            // for the first D frames of a ten-minute block nothing has been skipped yet in that block.
            long dropped = rate.DroppedFramesPerMinute;
            var perTenMinutes = (600L * n) - (9 * dropped);
            var perMinute = (60L * n) - dropped;
            var tens = label / perTenMinutes;
            var remainder = label % perTenMinutes;
            label += (9 * dropped * tens) + (remainder >= dropped ? dropped * ((remainder - dropped) / perMinute) : 0);
        }

        frames = (int)(label % n);
        seconds = (int)(label / n % 60);
        minutes = (int)(label / (60L * n) % 60);
        hours = label / (3600L * n);
    }

    /// <summary>Gets why the fields are not a label at <paramref name="rate"/>, or null when they are one.</summary>
    public static string? Validate(long hours, int minutes, int seconds, int frames, FrameRate rate, bool wrapsAtDay)
    {
        var n = rate.NominalFramesPerSecond;
        if (hours < 0 || minutes < 0 || seconds < 0 || frames < 0)
        {
            return "a field is negative";
        }

        if (wrapsAtDay && hours >= 24)
        {
            return string.Create(CultureInfo.InvariantCulture, $"hours {hours} is not below 24 (timecode wraps at 24 hours)");
        }

        if (minutes >= 60)
        {
            return string.Create(CultureInfo.InvariantCulture, $"minutes {minutes} is not below 60");
        }

        if (seconds >= 60)
        {
            return string.Create(CultureInfo.InvariantCulture, $"seconds {seconds} is not below 60");
        }

        if (frames >= n)
        {
            return string.Create(CultureInfo.InvariantCulture, $"frames {frames} is not below {n}, the frames per second at {rate}");
        }

        var dropped = rate.DroppedFramesPerMinute;
        if (dropped > 0 && seconds == 0 && frames < dropped && minutes % 10 != 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the label does not exist at {rate}: labels ;00 {(dropped == 2 ? "and" : "to")} ;{dropped - 1:00} are skipped at every minute not divisible by ten");
        }

        return null;
    }

    /// <summary>Formats a frame count of 0 or more as <c>hh:mm:ss:ff</c> (<c>;</c> before the frames when drop-frame).</summary>
    public static string Format(bool negative, long frameCount, FrameRate rate)
    {
        ToFields(frameCount, rate, out var hours, out var minutes, out var seconds, out var frames);
        var separator = rate.IsDropFrame ? ';' : ':';
        var sign = negative ? "-" : string.Empty;
        return rate.NominalFramesPerSecond > 99
            ? string.Create(CultureInfo.InvariantCulture, $"{sign}{hours:00}:{minutes:00}:{seconds:00}{separator}{frames:000}")
            : string.Create(CultureInfo.InvariantCulture, $"{sign}{hours:00}:{minutes:00}:{seconds:00}{separator}{frames:00}");
    }

    /// <summary>
    /// Parses <c>[-]hh:mm:ss:ff</c> (or <c>;</c>, <c>.</c>, <c>,</c> before the frames, or <c>;</c> everywhere, for
    /// drop-frame) into a frame count since 00:00:00:00.
    /// </summary>
    /// <returns>Null on success, else why the text is not a label.</returns>
    public static string? TryParse(ReadOnlySpan<char> text, FrameRate rate, bool signed, out bool negative, out long frameCount)
    {
        negative = false;
        frameCount = 0;
        if (!rate.IsValid)
        {
            return "the frame rate is default(FrameRate)";
        }

        var s = text.Trim();
        if (signed && s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        Span<long> fields = stackalloc long[4];
        var field = 0;
        var digits = 0;
        var dropSeparator = false;
        foreach (var c in s)
        {
            if (char.IsAsciiDigit(c))
            {
                if (++digits > (field == 0 && signed ? 6 : 3))
                {
                    return "a field has too many digits; expected hh:mm:ss:ff";
                }

                fields[field] = (fields[field] * 10) + (c - '0');
                continue;
            }

            var isSeparator = c is ':' or ';' || (field == 2 && c is '.' or ',');
            if (!isSeparator || digits == 0 || field == 3)
            {
                return "expected hh:mm:ss:ff (';' before the frames for drop-frame)";
            }

            dropSeparator |= c != ':';
            field++;
            digits = 0;
        }

        if (field != 3 || digits == 0)
        {
            return "expected hh:mm:ss:ff (';' before the frames for drop-frame)";
        }

        if (dropSeparator && !rate.IsDropFrame)
        {
            return string.Create(CultureInfo.InvariantCulture, $"a drop-frame separator (';', '.' or ',') was given, but {rate} is not a drop-frame rate");
        }

        if (fields[1] > 99 || fields[2] > 99)
        {
            return "minutes and seconds have at most two digits";
        }

        var reason = Validate(fields[0], (int)fields[1], (int)fields[2], (int)fields[3], rate, wrapsAtDay: !signed);
        if (reason is not null)
        {
            return reason;
        }

        frameCount = ToFrameCount(fields[0], (int)fields[1], (int)fields[2], (int)fields[3], rate);
        return null;
    }
}
