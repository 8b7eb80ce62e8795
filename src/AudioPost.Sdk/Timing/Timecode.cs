namespace AudioPost.Sdk.Timing;

/// <summary>
/// A SMPTE ST 12-1 timecode label (hours, minutes, seconds, frames) at a <see cref="FrameRate"/>, within one day:
/// 00:00:00:00 up to the last frame of 23:59:59. Arithmetic wraps at 24 hours, as timecode does.
/// </summary>
/// <remarks>
/// <para>Stored as the frame count since 00:00:00:00 (<see cref="FrameCount"/>), from which the fields are derived with
/// the drop-frame rule (REFERENCE.md §4.2–4.3), so every value is a label that exists at its rate. Timecode is for
/// display and sync; positions in the SDK are <see cref="long"/> sample frames, converted exactly with
/// <see cref="ToSampleFrame"/> and <see cref="FromSampleFrame"/>.</para>
/// <para>A signed distance between labels (a pre-roll of -00:00:02:00, a clip length) is a
/// <see cref="TimecodeOffset"/>: <c>b - a</c> gives one, <c>a + offset</c> applies one.</para>
/// <para><c>default(Timecode)</c> has no rate and is not usable. Immutable and thread-safe. No member allocates except
/// <see cref="ToString()"/> and parsing; none throws on the audio thread for valid arguments.</para>
/// </remarks>
public readonly struct Timecode : IEquatable<Timecode>, IComparable<Timecode>
{
    private readonly int _frameCount;

    private Timecode(long frameCount, FrameRate rate)
    {
        _frameCount = (int)frameCount;
        Rate = rate;
    }

    /// <summary>Creates the label <c>hours:minutes:seconds:frames</c> at <paramref name="rate"/>.</summary>
    /// <param name="hours">0 to 23.</param>
    /// <param name="minutes">0 to 59.</param>
    /// <param name="seconds">0 to 59.</param>
    /// <param name="frames">0 to N − 1 (N = <see cref="FrameRate.NominalFramesPerSecond"/>); at drop-frame rates not
    /// one of the skipped labels (;00 and ;01 at 29.97 DF in minutes not divisible by ten).</param>
    /// <param name="rate">The timecode rate.</param>
    /// <exception cref="ArgumentOutOfRangeException">The fields are not a label at that rate; the message says why.</exception>
    /// <exception cref="ArgumentException"><paramref name="rate"/> is <c>default</c>.</exception>
    public Timecode(int hours, int minutes, int seconds, int frames, FrameRate rate)
    {
        rate.ThrowIfInvalid();
        var reason = TimecodeLabels.Validate(hours, minutes, seconds, frames, rate, wrapsAtDay: true);
        if (reason is not null)
        {
            throw new ArgumentOutOfRangeException(nameof(frames), reason);
        }

        _frameCount = (int)TimecodeLabels.ToFrameCount(hours, minutes, seconds, frames, rate);
        Rate = rate;
    }

    /// <summary>Gets the rate the label counts at.</summary>
    public FrameRate Rate { get; }

    /// <summary>Gets the frames since 00:00:00:00 at <see cref="Rate"/>: 0 to <see cref="FrameRate.FramesPerDay"/> − 1
    /// (107 892 for 01:00:00;00 at 29.97 DF).</summary>
    public long FrameCount => _frameCount;

    /// <summary>Gets the hours field, 0 to 23.</summary>
    public int Hours
    {
        get
        {
            TimecodeLabels.ToFields(_frameCount, Rate, out var hours, out _, out _, out _);
            return (int)hours;
        }
    }

    /// <summary>Gets the minutes field, 0 to 59.</summary>
    public int Minutes
    {
        get
        {
            TimecodeLabels.ToFields(_frameCount, Rate, out _, out var minutes, out _, out _);
            return minutes;
        }
    }

    /// <summary>Gets the seconds field, 0 to 59.</summary>
    public int Seconds
    {
        get
        {
            TimecodeLabels.ToFields(_frameCount, Rate, out _, out _, out var seconds, out _);
            return seconds;
        }
    }

    /// <summary>Gets the frames field, 0 to N − 1.</summary>
    public int Frames
    {
        get
        {
            TimecodeLabels.ToFields(_frameCount, Rate, out _, out _, out _, out var frames);
            return frames;
        }
    }

    /// <summary>Gets the four fields at once (cheaper than reading the four properties).</summary>
    /// <param name="hours">0 to 23.</param>
    /// <param name="minutes">0 to 59.</param>
    /// <param name="seconds">0 to 59.</param>
    /// <param name="frames">0 to N − 1.</param>
    public void Deconstruct(out int hours, out int minutes, out int seconds, out int frames)
    {
        TimecodeLabels.ToFields(_frameCount, Rate, out var h, out minutes, out seconds, out frames);
        hours = (int)h;
    }

    /// <summary>Gets the label of frame <paramref name="frameCount"/> since 00:00:00:00, wrapped into one day
    /// (so −1 is the last frame of 23:59:59 and <see cref="FrameRate.FramesPerDay"/> is 00:00:00:00 again).</summary>
    /// <param name="frameCount">Frames since 00:00:00:00, any value.</param>
    /// <param name="rate">The timecode rate.</param>
    /// <returns>The timecode.</returns>
    /// <exception cref="ArgumentException"><paramref name="rate"/> is <c>default</c>.</exception>
    public static Timecode FromFrameCount(long frameCount, FrameRate rate)
    {
        rate.ThrowIfInvalid();
        var day = rate.FramesPerDay;
        var wrapped = frameCount % day;
        return new Timecode(wrapped < 0 ? wrapped + day : wrapped, rate);
    }

    /// <summary>
    /// Gets the label of the frame that contains sample frame <paramref name="sampleFrame"/> (samples since
    /// 00:00:00:00 at <paramref name="sampleRate"/>, e.g. a BWF TimeReference), wrapped into one day. The frame is the
    /// last one whose start, rounded half up to a whole sample (<see cref="FrameRate.FrameToSample"/>), is at or
    /// before the sample.
    /// </summary>
    /// <param name="sampleFrame">Sample frames since 00:00:00:00, any value.</param>
    /// <param name="sampleRate">Sample frames per second, more than 0.</param>
    /// <param name="rate">The timecode rate.</param>
    /// <returns>The timecode.</returns>
    /// <exception cref="ArgumentException"><paramref name="rate"/> is <c>default</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleRate"/> is 0 or negative.</exception>
    public static Timecode FromSampleFrame(long sampleFrame, int sampleRate, FrameRate rate) =>
        FromFrameCount(rate.SampleToFrame(sampleFrame, sampleRate), rate);

    /// <summary>Reads a label such as <c>01:00:00:00</c> or, for drop-frame, <c>01:00:00;00</c>.</summary>
    /// <remarks>
    /// Accepted: two-digit fields (one digit is also read), <c>:</c> between all fields; for drop-frame, <c>;</c>,
    /// <c>.</c> or <c>,</c> before the frames (or <c>;</c> everywhere) — a plain <c>:</c> is accepted too when
    /// <paramref name="rate"/> is drop-frame, since the rate says so. Rejected, with the reason in the message: a
    /// drop-frame separator at a non-drop rate, hours ≥ 24, minutes or seconds ≥ 60, frames ≥ N, and the labels the
    /// drop-frame rule skips (<c>00:01:00;00</c> at 29.97 DF).
    /// </remarks>
    /// <param name="text">The label.</param>
    /// <param name="rate">The rate it counts at.</param>
    /// <returns>The timecode.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="TimecodeFormatException">The text is not a label at that rate.</exception>
    public static Timecode Parse(string text, FrameRate rate)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reason = TimecodeLabels.TryParse(text, rate, signed: false, out _, out var frameCount);
        return reason is null
            ? new Timecode(frameCount, rate)
            : throw new TimecodeFormatException($"'{text}' is not a timecode at {rate}: {reason}.");
    }

    /// <summary>Reads a label as <see cref="Parse"/> does, without throwing.</summary>
    /// <param name="text">The label.</param>
    /// <param name="rate">The rate it counts at.</param>
    /// <param name="result">The timecode, or <c>default</c>.</param>
    /// <returns>Whether the text is a label at that rate.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, FrameRate rate, out Timecode result)
    {
        if (TimecodeLabels.TryParse(text, rate, signed: false, out _, out var frameCount) is null)
        {
            result = new Timecode(frameCount, rate);
            return true;
        }

        result = default;
        return false;
    }

    /// <summary>Gets the sample frame (since 00:00:00:00 at <paramref name="sampleRate"/>) where this frame starts:
    /// <c>floor(F·fs·den/num + 1/2)</c>, e.g. 172 799 827 for 01:00:00;00 at 29.97 DF and 48 kHz.</summary>
    /// <param name="sampleRate">Sample frames per second, more than 0.</param>
    /// <returns>The first sample frame of this frame.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleRate"/> is 0 or negative.</exception>
    public long ToSampleFrame(int sampleRate) => Rate.FrameToSample(_frameCount, sampleRate);

    /// <summary>Gets the label <paramref name="frames"/> frames later (earlier when negative), wrapped at 24 hours.</summary>
    /// <param name="frames">Frames to add, any value.</param>
    /// <returns>The new timecode.</returns>
    public Timecode AddFrames(long frames) => FromFrameCount((long)_frameCount + (frames % Rate.FramesPerDay), Rate);

    /// <summary>Gets the signed distance from <paramref name="other"/> to this label within one day (no wrap):
    /// <c>FrameCount − other.FrameCount</c>.</summary>
    /// <param name="other">A timecode at the same rate.</param>
    /// <returns>The offset; negative when <paramref name="other"/> is later in the day.</returns>
    /// <exception cref="ArgumentException">The rates differ.</exception>
    public TimecodeOffset Subtract(Timecode other)
    {
        ThrowIfRatesDiffer(Rate, other.Rate);
        return TimecodeOffset.FromFrames((long)_frameCount - other._frameCount, Rate);
    }

    /// <summary>Gets the canonical label: <c>hh:mm:ss:ff</c>, or <c>hh:mm:ss;ff</c> at drop-frame rates.</summary>
    /// <returns>The label.</returns>
    public override string ToString() => Rate.IsValid ? TimecodeLabels.Format(false, _frameCount, Rate) : "invalid";

    /// <inheritdoc/>
    public bool Equals(Timecode other) => _frameCount == other._frameCount && Rate == other.Rate;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Timecode other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_frameCount, Rate);

    /// <summary>Orders labels within the day by frame count.</summary>
    /// <param name="other">A timecode at the same rate.</param>
    /// <returns>Negative, 0 or positive as this label is earlier, equal or later.</returns>
    /// <exception cref="ArgumentException">The rates differ.</exception>
    public int CompareTo(Timecode other)
    {
        ThrowIfRatesDiffer(Rate, other.Rate);
        return _frameCount.CompareTo(other._frameCount);
    }

    /// <summary>Compares label and rate.</summary>
    /// <param name="left">The first timecode.</param>
    /// <param name="right">The second timecode.</param>
    /// <returns>Whether both are the same label at the same rate.</returns>
    public static bool operator ==(Timecode left, Timecode right) => left.Equals(right);

    /// <summary>Compares label and rate.</summary>
    /// <param name="left">The first timecode.</param>
    /// <param name="right">The second timecode.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(Timecode left, Timecode right) => !left.Equals(right);

    /// <summary>Orders two labels at the same rate.</summary>
    /// <param name="left">The first timecode.</param>
    /// <param name="right">The second timecode.</param>
    /// <returns>Whether <paramref name="left"/> is earlier in the day.</returns>
    public static bool operator <(Timecode left, Timecode right) => left.CompareTo(right) < 0;

    /// <summary>Orders two labels at the same rate.</summary>
    /// <param name="left">The first timecode.</param>
    /// <param name="right">The second timecode.</param>
    /// <returns>Whether <paramref name="left"/> is later in the day.</returns>
    public static bool operator >(Timecode left, Timecode right) => left.CompareTo(right) > 0;

    /// <summary>Orders two labels at the same rate.</summary>
    /// <param name="left">The first timecode.</param>
    /// <param name="right">The second timecode.</param>
    /// <returns>Whether <paramref name="left"/> is not later.</returns>
    public static bool operator <=(Timecode left, Timecode right) => left.CompareTo(right) <= 0;

    /// <summary>Orders two labels at the same rate.</summary>
    /// <param name="left">The first timecode.</param>
    /// <param name="right">The second timecode.</param>
    /// <returns>Whether <paramref name="left"/> is not earlier.</returns>
    public static bool operator >=(Timecode left, Timecode right) => left.CompareTo(right) >= 0;

    /// <summary>Adds frames, wrapping at 24 hours (see <see cref="AddFrames"/>).</summary>
    /// <param name="timecode">The start label.</param>
    /// <param name="frames">Frames to add, any value.</param>
    /// <returns>The new timecode.</returns>
    public static Timecode operator +(Timecode timecode, long frames) => timecode.AddFrames(frames);

    /// <summary>Subtracts frames, wrapping at 24 hours.</summary>
    /// <param name="timecode">The start label.</param>
    /// <param name="frames">Frames to subtract, any value.</param>
    /// <returns>The new timecode.</returns>
    public static Timecode operator -(Timecode timecode, long frames) => timecode.AddFrames(-(frames % timecode.Rate.FramesPerDay));

    /// <summary>Applies a signed offset, wrapping at 24 hours.</summary>
    /// <param name="timecode">The start label.</param>
    /// <param name="offset">An offset at the same rate.</param>
    /// <returns>The new timecode.</returns>
    /// <exception cref="ArgumentException">The rates differ.</exception>
    public static Timecode operator +(Timecode timecode, TimecodeOffset offset)
    {
        ThrowIfRatesDiffer(timecode.Rate, offset.Rate);
        return timecode.AddFrames(offset.FrameCount);
    }

    /// <summary>Applies the negation of a signed offset, wrapping at 24 hours.</summary>
    /// <param name="timecode">The start label.</param>
    /// <param name="offset">An offset at the same rate.</param>
    /// <returns>The new timecode.</returns>
    /// <exception cref="ArgumentException">The rates differ.</exception>
    public static Timecode operator -(Timecode timecode, TimecodeOffset offset) => timecode + (-offset);

    /// <summary>Gets the signed distance between two labels (see <see cref="Subtract"/>).</summary>
    /// <param name="left">The later label.</param>
    /// <param name="right">The earlier label.</param>
    /// <returns><c>left − right</c> in frames, as an offset.</returns>
    /// <exception cref="ArgumentException">The rates differ.</exception>
    public static TimecodeOffset operator -(Timecode left, Timecode right) => left.Subtract(right);

    internal static void ThrowIfRatesDiffer(FrameRate left, FrameRate right)
    {
        if (left != right)
        {
            throw new ArgumentException($"The frame rates differ ({left} and {right}); convert through sample frames first.");
        }
    }
}
