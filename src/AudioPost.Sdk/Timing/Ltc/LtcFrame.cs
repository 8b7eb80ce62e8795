namespace AudioPost.Sdk.Timing.Ltc;

/// <summary>
/// The content of one 80-bit SMPTE ST 12-1 LTC word (REFERENCE.md §6.1): the time fields as transmitted, the drop-frame
/// and colour-frame flags, the 32 user bits and the binary group flags. The polarity-correction bit and the sync word
/// are not stored: the encoder computes them.
/// </summary>
/// <remarks>
/// <para>Above 30 fps (47.952, 48, 50, 59.94, 60) one LTC word describes a pair of frames and
/// <see cref="FrameField"/> carries <c>frames div 2</c> (REFERENCE.md §4.5); <see cref="FromTimecode"/> and
/// <see cref="ToTimecode"/> handle that. Immutable; no member allocates.</para>
/// </remarks>
public readonly struct LtcFrame : IEquatable<LtcFrame>
{
    /// <summary>The 16-bit sync word as it is transmitted (bit 64 first), packed with bit 64 as the least significant
    /// bit: <c>0011 1111 1111 1101</c>.</summary>
    internal const ushort SyncWord = 0xBFFC;

    /// <summary>Creates a word from its fields.</summary>
    /// <param name="hours">Hours field, 0 to 23 (BCD in the word; two bits of tens).</param>
    /// <param name="minutes">Minutes field, 0 to 59.</param>
    /// <param name="seconds">Seconds field, 0 to 59.</param>
    /// <param name="frameField">Frame field as transmitted, 0 to 39 (two bits of tens).</param>
    /// <param name="isDropFrame">Bit 10.</param>
    /// <param name="isColorFrame">Bit 11.</param>
    /// <param name="userBits">The eight user-bit groups, group 1 in the lowest nibble.</param>
    /// <param name="binaryGroupFlags">BGF0 in bit 0, BGF1 in bit 1, BGF2 in bit 2 (0 to 7).</param>
    /// <exception cref="ArgumentOutOfRangeException">A field is out of its range.</exception>
    public LtcFrame(int hours, int minutes, int seconds, int frameField, bool isDropFrame = false, bool isColorFrame = false, uint userBits = 0, int binaryGroupFlags = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hours);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hours, 23);
        ArgumentOutOfRangeException.ThrowIfNegative(minutes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minutes, 59);
        ArgumentOutOfRangeException.ThrowIfNegative(seconds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(seconds, 59);
        ArgumentOutOfRangeException.ThrowIfNegative(frameField);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(frameField, 39);
        ArgumentOutOfRangeException.ThrowIfNegative(binaryGroupFlags);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(binaryGroupFlags, 7);
        Hours = hours;
        Minutes = minutes;
        Seconds = seconds;
        FrameField = frameField;
        IsDropFrame = isDropFrame;
        IsColorFrame = isColorFrame;
        UserBits = userBits;
        BinaryGroupFlags = binaryGroupFlags;
    }

    /// <summary>Gets the hours field, 0 to 23.</summary>
    public int Hours { get; }

    /// <summary>Gets the minutes field, 0 to 59.</summary>
    public int Minutes { get; }

    /// <summary>Gets the seconds field, 0 to 59.</summary>
    public int Seconds { get; }

    /// <summary>Gets the frame field as transmitted: the frame number, or the frame-pair number above 30 fps.</summary>
    public int FrameField { get; }

    /// <summary>Gets the drop-frame flag (bit 10).</summary>
    public bool IsDropFrame { get; }

    /// <summary>Gets the colour-frame flag (bit 11).</summary>
    public bool IsColorFrame { get; }

    /// <summary>Gets the 32 user bits: group 1 (bits 4–7) in the lowest nibble, group 8 (bits 60–63) in the highest.</summary>
    public uint UserBits { get; }

    /// <summary>Gets the binary group flags: BGF0 in bit 0, BGF1 ("time locked to clock") in bit 1, BGF2 in bit 2.</summary>
    public int BinaryGroupFlags { get; }

    /// <summary>Gets how many video frames one LTC word stands for at <paramref name="rate"/>: 2 above 30 fps, else 1.</summary>
    /// <param name="rate">The timecode rate.</param>
    /// <returns>1 or 2.</returns>
    public static int FramesPerWord(FrameRate rate) => rate.NominalFramesPerSecond > 30 ? 2 : 1;

    /// <summary>Builds the word for <paramref name="timecode"/> (above 30 fps the frame field is the frame-pair number).</summary>
    /// <param name="timecode">The label.</param>
    /// <param name="isColorFrame">Bit 11.</param>
    /// <param name="userBits">User bits, group 1 in the lowest nibble.</param>
    /// <param name="binaryGroupFlags">BGF0 in bit 0, BGF1 in bit 1, BGF2 in bit 2.</param>
    /// <returns>The word.</returns>
    public static LtcFrame FromTimecode(Timecode timecode, bool isColorFrame = false, uint userBits = 0, int binaryGroupFlags = 0)
    {
        var (hours, minutes, seconds, frames) = timecode;
        return new LtcFrame(hours, minutes, seconds, frames / FramesPerWord(timecode.Rate), timecode.Rate.IsDropFrame, isColorFrame, userBits, binaryGroupFlags);
    }

    /// <summary>Reads the word's time at <paramref name="rate"/>.</summary>
    /// <param name="rate">The rate the LTC runs at (the word itself says only drop-frame or not).</param>
    /// <param name="timecode">The label (the even frame of the pair above 30 fps).</param>
    /// <returns>False when the fields are not a label at that rate (frame too high, a skipped drop-frame label).</returns>
    public bool TryGetTimecode(FrameRate rate, out Timecode timecode)
    {
        var frames = FrameField * FramesPerWord(rate);
        if (!rate.IsValid || TimecodeLabels.Validate(Hours, Minutes, Seconds, frames, rate, wrapsAtDay: true) is not null)
        {
            timecode = default;
            return false;
        }

        timecode = Timecode.FromFrameCount(TimecodeLabels.ToFrameCount(Hours, Minutes, Seconds, frames, rate), rate);
        return true;
    }

    /// <summary>Reads the word's time at <paramref name="rate"/>.</summary>
    /// <param name="rate">The rate the LTC runs at.</param>
    /// <returns>The label.</returns>
    /// <exception cref="TimecodeFormatException">The fields are not a label at that rate.</exception>
    public Timecode ToTimecode(FrameRate rate) =>
        TryGetTimecode(rate, out var timecode)
            ? timecode
            : throw new TimecodeFormatException($"The LTC word {this} is not a timecode at {rate}.");

    /// <summary>Gets the 64 data bits (bit 0 of the word in bit 0), with the polarity-correction bit set so that the
    /// 80-bit word including the sync word has an even number of ones.</summary>
    /// <param name="twentyFiveFamily">Whether the rate is 25 or 50 fps, where bit 59 (not 27) is the polarity bit and
    /// BGF0/BGF2 move to bits 27/43.</param>
    /// <returns>The data bits.</returns>
    internal ulong ToBits(bool twentyFiveFamily)
    {
        ulong bits = 0;
        bits |= (ulong)(uint)(FrameField % 10);
        bits |= (ulong)(uint)(FrameField / 10) << 8;
        bits |= (IsDropFrame ? 1UL : 0) << 10;
        bits |= (IsColorFrame ? 1UL : 0) << 11;
        bits |= (ulong)(uint)(Seconds % 10) << 16;
        bits |= (ulong)(uint)(Seconds / 10) << 24;
        bits |= (ulong)(uint)(Minutes % 10) << 32;
        bits |= (ulong)(uint)(Minutes / 10) << 40;
        bits |= (ulong)(uint)(Hours % 10) << 48;
        bits |= (ulong)(uint)(Hours / 10) << 56;
        for (var group = 0; group < 8; group++)
        {
            bits |= (ulong)((UserBits >> (4 * group)) & 0xFu) << (4 + (8 * group));
        }

        var flags = (uint)BinaryGroupFlags;
        var bgf0 = (ulong)(flags & 1);
        var bgf1 = (ulong)((flags >> 1) & 1);
        var bgf2 = (ulong)((flags >> 2) & 1);
        bits |= bgf1 << 58;
        if (twentyFiveFamily)
        {
            bits |= (bgf0 << 27) | (bgf2 << 43);
        }
        else
        {
            bits |= (bgf0 << 43) | (bgf2 << 59);
        }

        // The sync word has 13 ones (odd), so the data bits must have an odd count for the whole word to be even.
        var parityBit = twentyFiveFamily ? 59 : 27;
        if ((ulong.PopCount(bits) & 1) == 0)
        {
            bits |= 1UL << parityBit;
        }

        return bits;
    }

    /// <summary>Reads the 64 data bits of a received word, or returns false when a BCD digit is out of range.</summary>
    internal static bool TryFromBits(ulong bits, bool twentyFiveFamily, out LtcFrame frame)
    {
        int Field(int shift, int width) => (int)((bits >> shift) & ((1UL << width) - 1));

        var frameUnits = Field(0, 4);
        var secondUnits = Field(16, 4);
        var minuteUnits = Field(32, 4);
        var hourUnits = Field(48, 4);
        var frameField = (Field(8, 2) * 10) + frameUnits;
        var seconds = (Field(24, 3) * 10) + secondUnits;
        var minutes = (Field(40, 3) * 10) + minuteUnits;
        var hours = (Field(56, 2) * 10) + hourUnits;
        if (frameUnits > 9 || secondUnits > 9 || minuteUnits > 9 || hourUnits > 9 || seconds > 59 || minutes > 59 || hours > 23)
        {
            frame = default;
            return false;
        }

        uint userBits = 0;
        for (var group = 0; group < 8; group++)
        {
            userBits |= (uint)Field(4 + (8 * group), 4) << (4 * group);
        }

        var bgf0 = twentyFiveFamily ? Field(27, 1) : Field(43, 1);
        var bgf2 = twentyFiveFamily ? Field(43, 1) : Field(59, 1);
        var flags = bgf0 | (Field(58, 1) << 1) | (bgf2 << 2);
        frame = new LtcFrame(hours, minutes, seconds, frameField, Field(10, 1) == 1, Field(11, 1) == 1, userBits, flags);
        return true;
    }

    /// <summary>Gets whether <paramref name="rate"/> uses the 25 fps bit assignment (25 and 50 fps).</summary>
    internal static bool IsTwentyFiveFamily(FrameRate rate) =>
        rate.Denominator == 1 && rate.NominalFramesPerSecond / FramesPerWord(rate) == 25;

    /// <summary>Gets the fields as <c>hh:mm:ss:ff</c> (the frame field as transmitted), <c>;</c> when the drop-frame flag is set.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Hours:00}:{Minutes:00}:{Seconds:00}{(IsDropFrame ? ';' : ':')}{FrameField:00}");

    /// <inheritdoc/>
    public bool Equals(LtcFrame other) =>
        Hours == other.Hours && Minutes == other.Minutes && Seconds == other.Seconds && FrameField == other.FrameField
        && IsDropFrame == other.IsDropFrame && IsColorFrame == other.IsColorFrame && UserBits == other.UserBits
        && BinaryGroupFlags == other.BinaryGroupFlags;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is LtcFrame other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Hours, Minutes, Seconds, FrameField, IsDropFrame, IsColorFrame, UserBits, BinaryGroupFlags);

    /// <summary>Compares every field.</summary>
    /// <param name="left">The first word.</param>
    /// <param name="right">The second word.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(LtcFrame left, LtcFrame right) => left.Equals(right);

    /// <summary>Compares every field.</summary>
    /// <param name="left">The first word.</param>
    /// <param name="right">The second word.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(LtcFrame left, LtcFrame right) => !left.Equals(right);
}
