using System.Diagnostics.CodeAnalysis;

namespace AudioPost.Sdk.Timing;

/// <summary>
/// A SMPTE ST 12-1 timecode rate: the true frame rate as an exact fraction (<see cref="Numerator"/> /
/// <see cref="Denominator"/>, e.g. 30000/1001) plus whether labels are counted drop-frame (REFERENCE.md §4.1).
/// </summary>
/// <remarks>
/// <para>No conversion through this type uses floating point: sample positions are computed from the fraction with
/// 128-bit integers, so a whole day at 29.97 drop-frame round-trips every frame.</para>
/// <para>The twelve rates film and TV use are static properties; <see cref="ToString()"/> gives their labels
/// (<c>23.976 24 25 29.97 29.97df 30 47.952 48 50 59.94 59.94df 60</c>) and <see cref="Parse"/> reads them back.
/// Drop-frame exists only at 30000/1001 and 60000/1001 (and other multiples of 30000/1001), where 2·N/30 labels are
/// skipped at every minute not divisible by ten.</para>
/// <para><c>default(FrameRate)</c> is not a valid rate (<see cref="IsValid"/> is false); every member that needs a
/// rate throws <see cref="ArgumentException"/> when given it. Immutable and thread-safe; no member allocates except
/// <see cref="ToString()"/>.</para>
/// </remarks>
public readonly struct FrameRate : IEquatable<FrameRate>
{
    private static readonly FrameRate[] AllRates =
    [
        new(24000, 1001, false),
        new(24, 1, false),
        new(25, 1, false),
        new(30000, 1001, false),
        new(30000, 1001, true),
        new(30, 1, false),
        new(48000, 1001, false),
        new(48, 1, false),
        new(50, 1, false),
        new(60000, 1001, false),
        new(60000, 1001, true),
        new(60, 1, false),
    ];

    // Handed out instead of the array itself, so no caller can overwrite the standard rates.
    private static readonly System.Collections.ObjectModel.ReadOnlyCollection<FrameRate> AllView = Array.AsReadOnly(AllRates);

    /// <summary>Creates a rate from an exact fraction of frames per second.</summary>
    /// <param name="numerator">Frames in <paramref name="denominator"/> seconds, more than 0 (e.g. 30000).</param>
    /// <param name="denominator">Seconds, more than 0 (1 for integer rates, 1001 for the NTSC family).</param>
    /// <param name="isDropFrame">Whether labels are counted drop-frame; only allowed when the rate is N·1000/1001
    /// with N a multiple of 30.</param>
    /// <exception cref="ArgumentOutOfRangeException">A part is 0 or negative, or the nominal rate is over 999.</exception>
    /// <exception cref="ArgumentException">Drop-frame is asked for at a rate that has none.</exception>
    public FrameRate(int numerator, int denominator, bool isDropFrame = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numerator);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(denominator);
        var nominal = ((long)numerator + denominator - 1) / denominator;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nominal, 999, nameof(numerator));
        if (isDropFrame && !(denominator == 1001 && numerator % 30000 == 0))
        {
            throw new ArgumentException($"Drop-frame exists only at 30000/1001, 60000/1001 and their multiples, not at {numerator}/{denominator}.", nameof(isDropFrame));
        }

        Numerator = numerator;
        Denominator = denominator;
        IsDropFrame = isDropFrame;
    }

    /// <summary>Gets 23.976 fps (24000/1001), non-drop: film transferred to NTSC video.</summary>
    public static FrameRate Fps23976 => AllRates[0];

    /// <summary>Gets 24 fps: film.</summary>
    public static FrameRate Fps24 => AllRates[1];

    /// <summary>Gets 25 fps: PAL / 50 Hz television.</summary>
    public static FrameRate Fps25 => AllRates[2];

    /// <summary>Gets 29.97 fps (30000/1001), non-drop: labels lag the wall clock by 3.6 s per hour.</summary>
    public static FrameRate Fps2997 => AllRates[3];

    /// <summary>Gets 29.97 fps (30000/1001), drop-frame: labels ;00 and ;01 skipped at minutes not divisible by ten.</summary>
    public static FrameRate Fps2997Drop => AllRates[4];

    /// <summary>Gets 30 fps.</summary>
    public static FrameRate Fps30 => AllRates[5];

    /// <summary>Gets 47.952 fps (48000/1001), non-drop.</summary>
    public static FrameRate Fps47952 => AllRates[6];

    /// <summary>Gets 48 fps.</summary>
    public static FrameRate Fps48 => AllRates[7];

    /// <summary>Gets 50 fps.</summary>
    public static FrameRate Fps50 => AllRates[8];

    /// <summary>Gets 59.94 fps (60000/1001), non-drop.</summary>
    public static FrameRate Fps5994 => AllRates[9];

    /// <summary>Gets 59.94 fps (60000/1001), drop-frame: labels ;00 to ;03 skipped at minutes not divisible by ten.</summary>
    public static FrameRate Fps5994Drop => AllRates[10];

    /// <summary>Gets 60 fps.</summary>
    public static FrameRate Fps60 => AllRates[11];

    /// <summary>Gets the twelve standard rates in the order of REFERENCE.md §4.1 (23.976 first, 60 last).</summary>
    public static IReadOnlyList<FrameRate> All => AllView;

    /// <summary>Gets the numerator of the true rate in frames per second (e.g. 30000 for 29.97).</summary>
    public int Numerator { get; }

    /// <summary>Gets the denominator of the true rate (1, or 1001 for the NTSC family).</summary>
    public int Denominator { get; }

    /// <summary>Gets whether labels are counted drop-frame.</summary>
    public bool IsDropFrame { get; }

    /// <summary>Gets whether this is a rate at all: false only for <c>default(FrameRate)</c>.</summary>
    public bool IsValid => Denominator != 0;

    /// <summary>Gets N, the nominal integer number of frame labels per timecode second: 30 for 29.97, 24 for 23.976.</summary>
    public int NominalFramesPerSecond => Denominator == 0 ? 0 : (Numerator + Denominator - 1) / Denominator;

    /// <summary>Gets the number of labels skipped at each minute not divisible by ten: 2 at 29.97 DF, 4 at 59.94 DF,
    /// else 0.</summary>
    public int DroppedFramesPerMinute => IsDropFrame ? NominalFramesPerSecond / 15 : 0;

    /// <summary>Gets the number of frames in one hour of labels: 107 892 at 29.97 DF, 108 000 at 29.97 NDF and 30.</summary>
    public long FramesPerHour => (3600L * NominalFramesPerSecond) - (54L * DroppedFramesPerMinute);

    /// <summary>Gets the number of frames in 24 hours of labels (00:00:00:00 to the last frame of 23:59:59), the
    /// modulus of the 24-hour wrap: 2 589 408 at 29.97 DF.</summary>
    public long FramesPerDay => 24 * FramesPerHour;

    /// <summary>Gets the true rate in frames per second as a <see cref="double"/>, for display only.</summary>
    public double FramesPerSecond => Denominator == 0 ? 0 : (double)Numerator / Denominator;

    /// <summary>Reads one of the labels <see cref="ToString()"/> produces (case-insensitive, surrounding spaces
    /// ignored): <c>23.976 24 25 29.97 29.97df 30 47.952 48 50 59.94 59.94df 60</c>.</summary>
    /// <param name="text">The label.</param>
    /// <returns>The rate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">The label is not one of the twelve.</exception>
    public static FrameRate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var rate)
            ? rate
            : throw new FormatException($"'{text}' is not a frame rate; use one of 23.976 24 25 29.97 29.97df 30 47.952 48 50 59.94 59.94df 60.");
    }

    /// <summary>Reads a rate label as <see cref="Parse"/> does, without throwing.</summary>
    /// <param name="text">The label.</param>
    /// <param name="rate">The rate, or <c>default</c> when the label is not one of the twelve.</param>
    /// <returns>Whether the label named a rate.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, out FrameRate rate)
    {
        var trimmed = text.Trim();
        foreach (var candidate in AllRates)
        {
            if (trimmed.Equals(candidate.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                rate = candidate;
                return true;
            }
        }

        rate = default;
        return false;
    }

    /// <summary>Reads a rate label as <see cref="Parse"/> does, without throwing.</summary>
    /// <param name="text">The label, or null.</param>
    /// <param name="rate">The rate, or <c>default</c> when the label is not one of the twelve.</param>
    /// <returns>Whether the label named a rate.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out FrameRate rate)
    {
        if (text is null)
        {
            rate = default;
            return false;
        }

        return TryParse(text.AsSpan(), out rate);
    }

    /// <summary>
    /// Gets the sample frame at which frame <paramref name="frameCount"/> (counted from 00:00:00:00, may be
    /// negative) starts, at <paramref name="sampleRate"/>: <c>floor(F·fs·den/num + 1/2)</c>, i.e. the exact start
    /// rounded half up to a whole sample.
    /// </summary>
    /// <remarks>
    /// This is the rule BWF writers use for TimeReference: 01:00:00;00 at 29.97 DF starts at sample 172 799 827.2 and is
    /// stored as 172 799 827. Exact for every <see cref="long"/> input (128-bit intermediates). Real-time safe.
    /// </remarks>
    /// <param name="frameCount">Frames since 00:00:00:00 (negative before it).</param>
    /// <param name="sampleRate">Sample frames per second, more than 0.</param>
    /// <returns>The first sample frame of that frame.</returns>
    /// <exception cref="ArgumentException">This rate is <c>default</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleRate"/> is 0 or negative.</exception>
    /// <exception cref="OverflowException">The result does not fit a <see cref="long"/>.</exception>
    public long FrameToSample(long frameCount, int sampleRate)
    {
        ThrowIfInvalid();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        var twiceExact = (2 * (Int128)frameCount * sampleRate * Denominator) + Numerator;
        return checked((long)FloorDivide(twiceExact, 2 * (Int128)Numerator));
    }

    /// <summary>
    /// Gets the frame (counted from 00:00:00:00, may be negative) that contains sample frame
    /// <paramref name="sampleFrame"/>: the last frame whose start, by the rounding rule of
    /// <see cref="FrameToSample"/>, is at or before it.
    /// </summary>
    /// <remarks>
    /// The inverse of <see cref="FrameToSample"/>: <c>SampleToFrame(FrameToSample(F)) == F</c> for every F whenever
    /// the sample rate is at least the frame rate. A plain floor of s·num/(fs·den) would be one frame early whenever
    /// a frame starts between two samples. Computed as <c>ceil((2s + 1)·num / (2·fs·den)) − 1</c>. Real-time safe.
    /// </remarks>
    /// <param name="sampleFrame">Sample frames since 00:00:00:00 (negative before it).</param>
    /// <param name="sampleRate">Sample frames per second, more than 0.</param>
    /// <returns>The frame count.</returns>
    /// <exception cref="ArgumentException">This rate is <c>default</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleRate"/> is 0 or negative.</exception>
    /// <exception cref="OverflowException">The result does not fit a <see cref="long"/> (a sample rate far below the
    /// frame rate).</exception>
    public long SampleToFrame(long sampleFrame, int sampleRate)
    {
        ThrowIfInvalid();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        var bound = ((2 * (Int128)sampleFrame) + 1) * Numerator;
        return checked((long)FloorDivide(bound - 1, 2 * (Int128)sampleRate * Denominator));
    }

    /// <summary>Gets the canonical label: <c>23.976</c>, <c>29.97df</c>, <c>25</c>; for other rates
    /// <c>num/den</c> with a <c>df</c> suffix when drop-frame, and <c>invalid</c> for <c>default</c>.</summary>
    /// <returns>The label.</returns>
    public override string ToString()
    {
        var label = (Numerator, Denominator) switch
        {
            (0, 0) => "invalid",
            (24000, 1001) => "23.976",
            (30000, 1001) => "29.97",
            (48000, 1001) => "47.952",
            (60000, 1001) => "59.94",
            (var n, 1) => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
            var (n, d) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{n}/{d}"),
        };
        return IsDropFrame ? label + "df" : label;
    }

    /// <inheritdoc/>
    public bool Equals(FrameRate other) =>
        Numerator == other.Numerator && Denominator == other.Denominator && IsDropFrame == other.IsDropFrame;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is FrameRate other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator, IsDropFrame);

    /// <summary>Compares two rates by fraction and drop-frame flag (30000/1001 DF differs from 30000/1001 NDF).</summary>
    /// <param name="left">The first rate.</param>
    /// <param name="right">The second rate.</param>
    /// <returns>Whether they are the same rate.</returns>
    public static bool operator ==(FrameRate left, FrameRate right) => left.Equals(right);

    /// <summary>Compares two rates by fraction and drop-frame flag.</summary>
    /// <param name="left">The first rate.</param>
    /// <param name="right">The second rate.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(FrameRate left, FrameRate right) => !left.Equals(right);

    internal void ThrowIfInvalid()
    {
        if (Denominator == 0)
        {
            ThrowInvalid();
        }
    }

    private static Int128 FloorDivide(Int128 dividend, Int128 divisor)
    {
        var quotient = Int128.DivRem(dividend, divisor);
        return quotient.Remainder < 0 ? quotient.Quotient - 1 : quotient.Quotient;
    }

    [DoesNotReturn]
    private static void ThrowInvalid() =>
        throw new ArgumentException("The frame rate is default(FrameRate); use one of the FrameRate properties or its constructor.");
}
