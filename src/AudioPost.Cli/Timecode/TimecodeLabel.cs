using System.Globalization;

namespace AudioPost.Cli.Timecode;

/// <summary>
/// Turns a sample position since midnight (the BWF TimeReference) into a timecode label such as <c>01:00:00;00</c>,
/// with integer arithmetic only (REFERENCE.md §4.3). Labels wrap at 24 hours.
/// </summary>
internal static class TimecodeLabel
{
    /// <summary>Formats the label of the frame that contains sample <paramref name="samples"/>.</summary>
    /// <param name="samples">Sample frames since midnight.</param>
    /// <param name="sampleRate">The rate they count in, in Hz, more than 0.</param>
    /// <param name="rate">The timecode rate.</param>
    public static string FromSamples(ulong samples, int sampleRate, TimecodeRate rate) =>
        FromFrames(FramesFromSamples(samples, sampleRate, rate), rate);

    /// <summary>
    /// Gets the frame (since 00:00:00:00, not wrapped) that contains sample <paramref name="samples"/>: the last frame
    /// whose start, rounded half up to a whole sample as writers store it, is at or before the sample.
    /// </summary>
    /// <remarks>
    /// A plain floor of samples × R / fs would be off by one whenever a frame starts between two samples: 01:00:00;00
    /// at 29.97 DF starts at sample 172 799 827.2, writers store 172 799 827, and the floor of that is the frame before.
    /// Frame F starts at floor(F·fs·den/num + 1/2) ≤ s exactly when F &lt; (2s + 1)·num / (2·fs·den), so the answer
    /// is ceil of that bound minus one. On frame-aligned positions this equals the plain floor. 128-bit intermediates
    /// keep every 64-bit TimeReference exact.
    /// </remarks>
    public static long FramesFromSamples(ulong samples, int sampleRate, TimecodeRate rate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        var bound = (((UInt128)samples * 2) + 1) * (ulong)rate.Numerator;
        var divisor = (UInt128)2 * (ulong)sampleRate * (ulong)rate.Denominator;
        return (long)((bound - 1) / divisor);
    }

    /// <summary>Formats frame <paramref name="frames"/> (since 00:00:00:00) as <c>hh:mm:ss:ff</c>, or <c>hh:mm:ss;ff</c> for drop-frame.</summary>
    /// <param name="frames">The frame count, 0 or more; wrapped at 24 hours.</param>
    /// <param name="rate">The timecode rate.</param>
    public static string FromFrames(long frames, TimecodeRate rate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        var n = rate.FramesPerSecond;
        var label = frames % rate.FramesPerDay;
        if (rate.DropFrame)
        {
            // §4.3: put back the labels skipped so far, then count as if nothing were dropped.
            var dropped = rate.DroppedPerMinute;
            var perTenMinutes = (600L * n) - (9L * dropped);
            var perMinute = (60L * n) - dropped;
            var tens = label / perTenMinutes;
            var remainder = label % perTenMinutes;
            label += (9L * dropped * tens) + (remainder >= dropped ? dropped * ((remainder - dropped) / perMinute) : 0);
        }

        var ff = label % n;
        var ss = label / n % 60;
        var mm = label / (60L * n) % 60;
        var hh = label / (3600L * n);
        var separator = rate.DropFrame ? ';' : ':';
        return string.Create(CultureInfo.InvariantCulture, $"{hh:00}:{mm:00}:{ss:00}{separator}{ff:00}");
    }
}
