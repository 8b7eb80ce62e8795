namespace AudioPost.Sdk.Timing;

/// <summary>
/// A signed whole number of frames at a <see cref="FrameRate"/>, written as a timecode: a pre-roll of
/// <c>-00:00:02:00</c>, a source-in or a clip length of <c>00:00:10:00</c>. Not wrapped at 24 hours.
/// </summary>
/// <remarks>
/// <para>ST 12-1 timecode has no sign (REFERENCE.md §4.3); the SDK keeps labels (<see cref="Timecode"/>) unsigned and
/// wrapping, and puts signed distances in this separate type so neither has to guess. The label of an offset of F
/// frames is the label frame F would have counted from 00:00:00:00 (drop-frame rule included), with a leading
/// <c>-</c> when negative: at 29.97 DF, 1 800 frames is <c>00:01:00;02</c>.</para>
/// <para>Converting to samples (<see cref="ToSampleCount"/>) measures from a frame boundary at sample 0. At rates whose
/// frames do not start on whole samples, the sample distance between two labels is
/// <c>b.ToSampleFrame(fs) − a.ToSampleFrame(fs)</c>, which can differ by one sample from the offset's own count;
/// place things by absolute frames when the exact sample matters.</para>
/// <para>Immutable and thread-safe; no member allocates except <see cref="ToString()"/> and parsing.</para>
/// </remarks>
public readonly struct TimecodeOffset : IEquatable<TimecodeOffset>, IComparable<TimecodeOffset>
{
    private TimecodeOffset(long frameCount, FrameRate rate)
    {
        FrameCount = frameCount;
        Rate = rate;
    }

    /// <summary>Gets the rate the offset counts at.</summary>
    public FrameRate Rate { get; }

    /// <summary>Gets the signed number of frames.</summary>
    public long FrameCount { get; }

    /// <summary>Gets whether the offset points backwards.</summary>
    public bool IsNegative => FrameCount < 0;

    /// <summary>Creates an offset of <paramref name="frameCount"/> frames.</summary>
    /// <param name="frameCount">Signed frames, any value except <see cref="long.MinValue"/>.</param>
    /// <param name="rate">The rate.</param>
    /// <returns>The offset.</returns>
    /// <exception cref="ArgumentException"><paramref name="rate"/> is <c>default</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="frameCount"/> is <see cref="long.MinValue"/>.</exception>
    public static TimecodeOffset FromFrames(long frameCount, FrameRate rate)
    {
        rate.ThrowIfInvalid();
        ArgumentOutOfRangeException.ThrowIfEqual(frameCount, long.MinValue);
        return new TimecodeOffset(frameCount, rate);
    }

    /// <summary>
    /// Reads a signed offset such as <c>-00:00:01:00</c>, <c>+01:00:00;00</c> or <c>100:00:00:00</c> (hours are not
    /// limited to 23; up to six digits).
    /// </summary>
    /// <remarks>The field rules are <see cref="Timecode.Parse"/>'s, except that hours may exceed 23 and a leading
    /// <c>-</c> or <c>+</c> is allowed. A drop-frame offset must be a label that exists (<c>00:01:00;00</c> does not).</remarks>
    /// <param name="text">The offset.</param>
    /// <param name="rate">The rate it counts at.</param>
    /// <returns>The offset.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="TimecodeFormatException">The text is not an offset at that rate; the message says why.</exception>
    public static TimecodeOffset Parse(string text, FrameRate rate)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reason = TimecodeLabels.TryParse(text, rate, signed: true, out var negative, out var frameCount);
        return reason is null
            ? new TimecodeOffset(negative ? -frameCount : frameCount, rate)
            : throw new TimecodeFormatException($"'{text}' is not a timecode offset at {rate}: {reason}.");
    }

    /// <summary>Reads an offset as <see cref="Parse"/> does, without throwing.</summary>
    /// <param name="text">The offset.</param>
    /// <param name="rate">The rate it counts at.</param>
    /// <param name="result">The offset, or <c>default</c>.</param>
    /// <returns>Whether the text is an offset at that rate.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, FrameRate rate, out TimecodeOffset result)
    {
        if (TimecodeLabels.TryParse(text, rate, signed: true, out var negative, out var frameCount) is null)
        {
            result = new TimecodeOffset(negative ? -frameCount : frameCount, rate);
            return true;
        }

        result = default;
        return false;
    }

    /// <summary>Gets the number of sample frames from 00:00:00:00 to the start of frame <see cref="FrameCount"/>,
    /// signed, rounded half up as <see cref="FrameRate.FrameToSample"/> does.</summary>
    /// <param name="sampleRate">Sample frames per second, more than 0.</param>
    /// <returns>The signed sample count.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleRate"/> is 0 or negative.</exception>
    public long ToSampleCount(int sampleRate) => Rate.FrameToSample(FrameCount, sampleRate);

    /// <summary>Gets the label, e.g. <c>-00:00:01:00</c> or <c>00:01:00;02</c>.</summary>
    /// <returns>The label.</returns>
    public override string ToString() =>
        Rate.IsValid ? TimecodeLabels.Format(FrameCount < 0, Math.Abs(FrameCount), Rate) : "invalid";

    /// <inheritdoc/>
    public bool Equals(TimecodeOffset other) => FrameCount == other.FrameCount && Rate == other.Rate;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TimecodeOffset other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(FrameCount, Rate);

    /// <summary>Orders offsets at the same rate by signed frame count.</summary>
    /// <param name="other">An offset at the same rate.</param>
    /// <returns>Negative, 0 or positive.</returns>
    /// <exception cref="ArgumentException">The rates differ.</exception>
    public int CompareTo(TimecodeOffset other)
    {
        Timecode.ThrowIfRatesDiffer(Rate, other.Rate);
        return FrameCount.CompareTo(other.FrameCount);
    }

    /// <summary>Compares frame count and rate.</summary>
    /// <param name="left">The first offset.</param>
    /// <param name="right">The second offset.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(TimecodeOffset left, TimecodeOffset right) => left.Equals(right);

    /// <summary>Compares frame count and rate.</summary>
    /// <param name="left">The first offset.</param>
    /// <param name="right">The second offset.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(TimecodeOffset left, TimecodeOffset right) => !left.Equals(right);

    /// <summary>Orders two offsets at the same rate.</summary>
    /// <param name="left">The first offset.</param>
    /// <param name="right">The second offset.</param>
    /// <returns>Whether <paramref name="left"/> is smaller.</returns>
    public static bool operator <(TimecodeOffset left, TimecodeOffset right) => left.CompareTo(right) < 0;

    /// <summary>Orders two offsets at the same rate.</summary>
    /// <param name="left">The first offset.</param>
    /// <param name="right">The second offset.</param>
    /// <returns>Whether <paramref name="left"/> is larger.</returns>
    public static bool operator >(TimecodeOffset left, TimecodeOffset right) => left.CompareTo(right) > 0;

    /// <summary>Orders two offsets at the same rate.</summary>
    /// <param name="left">The first offset.</param>
    /// <param name="right">The second offset.</param>
    /// <returns>Whether <paramref name="left"/> is not larger.</returns>
    public static bool operator <=(TimecodeOffset left, TimecodeOffset right) => left.CompareTo(right) <= 0;

    /// <summary>Orders two offsets at the same rate.</summary>
    /// <param name="left">The first offset.</param>
    /// <param name="right">The second offset.</param>
    /// <returns>Whether <paramref name="left"/> is not smaller.</returns>
    public static bool operator >=(TimecodeOffset left, TimecodeOffset right) => left.CompareTo(right) >= 0;

    /// <summary>Negates an offset.</summary>
    /// <param name="offset">The offset.</param>
    /// <returns>The offset pointing the other way.</returns>
    public static TimecodeOffset operator -(TimecodeOffset offset) => new(-offset.FrameCount, offset.Rate);

    /// <summary>Adds two offsets at the same rate.</summary>
    /// <param name="left">The first offset.</param>
    /// <param name="right">The second offset.</param>
    /// <returns>The sum.</returns>
    /// <exception cref="ArgumentException">The rates differ.</exception>
    /// <exception cref="OverflowException">The sum overflows.</exception>
    public static TimecodeOffset operator +(TimecodeOffset left, TimecodeOffset right)
    {
        Timecode.ThrowIfRatesDiffer(left.Rate, right.Rate);
        return FromFrames(checked(left.FrameCount + right.FrameCount), left.Rate);
    }

    /// <summary>Subtracts two offsets at the same rate.</summary>
    /// <param name="left">The first offset.</param>
    /// <param name="right">The second offset.</param>
    /// <returns>The difference.</returns>
    /// <exception cref="ArgumentException">The rates differ.</exception>
    /// <exception cref="OverflowException">The difference overflows.</exception>
    public static TimecodeOffset operator -(TimecodeOffset left, TimecodeOffset right)
    {
        Timecode.ThrowIfRatesDiffer(left.Rate, right.Rate);
        return FromFrames(checked(left.FrameCount - right.FrameCount), left.Rate);
    }
}
