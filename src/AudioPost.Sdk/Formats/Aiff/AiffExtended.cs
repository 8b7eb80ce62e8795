using System.Buffers.Binary;

namespace AudioPost.Sdk.Formats.Aiff;

/// <summary>
/// The 80-bit IEEE 754 extended-precision numbers AIFF stores its sample rate in: 1 sign bit, a 15-bit exponent
/// (bias 16383) and a 64-bit significand with an explicit integer bit, big-endian. Stateless, thread-safe,
/// allocation-free.
/// </summary>
/// <remarks>
/// Conversion is done on the integer fields, never through <see cref="double"/>, so every integer rate survives
/// exactly in both directions.
/// </remarks>
internal static class AiffExtended
{
    private const int ExponentBias = 16383;
    private const int MaxExponent = 0x7FFF;

    /// <summary>What <see cref="TryReadRate"/> found.</summary>
    public enum RateStatus
    {
        /// <summary>A finite positive number, rounded to whole Hz.</summary>
        Ok,

        /// <summary>Not a number.</summary>
        NaN,

        /// <summary>Positive or negative infinity.</summary>
        Infinite,

        /// <summary>Negative (including -0).</summary>
        Negative,

        /// <summary>Zero, or positive but below 0.5 so that it rounds to 0 Hz.</summary>
        Zero,

        /// <summary>Above the given maximum after rounding.</summary>
        TooHigh,
    }

    /// <summary>Encodes a positive integer exactly.</summary>
    /// <param name="value">The number, 1 or more.</param>
    /// <param name="destination">Receives the 10 bytes.</param>
    public static void Write(uint value, Span<byte> destination)
    {
        // Normalised: the highest set bit becomes the explicit integer bit (bit 63 of the significand).
        var highBit = 31 - uint.LeadingZeroCount(value);
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)(ExponentBias + highBit));
        BinaryPrimitives.WriteUInt64BigEndian(destination[2..], (ulong)value << (int)(63 - highBit));
    }

    /// <summary>
    /// Decodes a sample rate, rounded to the nearest Hz (halves up): AIFF allows fractional rates, the SDK counts in
    /// whole Hz, and no real rate is fractional by more than the rounding of a nominal one (44100 stored inexactly by
    /// a floating-point writer, for example).
    /// </summary>
    /// <param name="source">The 10 bytes.</param>
    /// <param name="maxRate">The highest acceptable rate in Hz.</param>
    /// <param name="rate">The rate in Hz when <see cref="RateStatus.Ok"/> is returned; otherwise 0.</param>
    /// <param name="approximate">The value as the nearest <see cref="double"/>, for error messages.</param>
    public static RateStatus TryReadRate(ReadOnlySpan<byte> source, int maxRate, out int rate, out double approximate)
    {
        rate = 0;
        var signAndExponent = BinaryPrimitives.ReadUInt16BigEndian(source);
        var significand = BinaryPrimitives.ReadUInt64BigEndian(source[2..]);
        var negative = (signAndExponent & 0x8000) != 0;
        var exponent = signAndExponent & MaxExponent;
        if (exponent == MaxExponent)
        {
            // The integer bit is ignored here (pseudo-infinities and pseudo-NaNs count as what they look like).
            var isInfinity = (significand & ~(1UL << 63)) == 0;
            approximate = isInfinity ? (negative ? double.NegativeInfinity : double.PositiveInfinity) : double.NaN;
            return isInfinity ? RateStatus.Infinite : RateStatus.NaN;
        }

        // The value is significand × 2^(exponent - bias - 63); unnormalised significands are valid and handled the same.
        var scale = exponent - ExponentBias - 63;
        approximate = Math.ScaleB((double)significand, scale) * (negative ? -1 : 1);
        if (negative)
        {
            return RateStatus.Negative;
        }

        if (significand == 0)
        {
            return RateStatus.Zero;
        }

        if (scale >= 0)
        {
            // At least 2^0 × significand with the significand's top bit somewhere: anything past 32 bits of integer is
            // far above every maximum, which this cheap test settles without shifting out of range.
            if (scale > 31 || (UInt128)significand << scale > (ulong)maxRate)
            {
                return RateStatus.TooHigh;
            }

            rate = (int)(significand << scale);
            return RateStatus.Ok;
        }

        var shift = -scale;
        if (shift > 64)
        {
            // Below 2^-1 even with every significand bit set: rounds to 0 Hz.
            return RateStatus.Zero;
        }

        var rounded = ((UInt128)significand + (UInt128.One << (shift - 1))) >> shift;
        if (rounded == 0)
        {
            return RateStatus.Zero;
        }

        if (rounded > (ulong)maxRate)
        {
            return RateStatus.TooHigh;
        }

        rate = (int)rounded;
        return RateStatus.Ok;
    }
}
