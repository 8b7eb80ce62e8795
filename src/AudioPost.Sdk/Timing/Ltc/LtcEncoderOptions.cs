namespace AudioPost.Sdk.Timing.Ltc;

/// <summary>How an <see cref="LtcEncoder"/> shapes its signal and what it puts in the words besides the time.</summary>
/// <remarks>Immutable once built; share <see cref="Default"/> freely.</remarks>
public sealed class LtcEncoderOptions
{
    /// <summary>Gets the defaults: −6 dBFS, 40 µs rise time, no user bits, flags clear.</summary>
    public static LtcEncoderOptions Default { get; } = new();

    /// <summary>Gets the peak level in dBFS, −60 to 0. Default −6 dBFS (line-up practice is −18 dBFS for 0 dBu; LTC
    /// on a spare track is often hotter).</summary>
    public double LevelDb { get; init; } = -6;

    /// <summary>
    /// Gets the 10 %–90 % rise (and fall) time of every edge in microseconds, 0 to 100. Default 40 µs, the middle of
    /// SMPTE's 40 ± 10 µs (REFERENCE.md §6.2; 25 ± 5 µs is also seen for 25 fps). 0 gives a square wave with edges
    /// on whole samples. Edges are raised-cosine ramps centred on the exact bit boundary, so a decoder that slices at
    /// the midpoint sees the boundary at its exact (fractional-sample) time.
    /// </summary>
    public double RiseTimeMicroseconds { get; init; } = 40;

    /// <summary>Gets the user bits put in every word, group 1 in the lowest nibble. Default 0.</summary>
    public uint UserBits { get; init; }

    /// <summary>Gets whether the colour-frame flag (bit 11) is set. Default false.</summary>
    public bool ColorFrame { get; init; }

    /// <summary>Gets the binary group flags (BGF0 in bit 0, BGF1 in bit 1, BGF2 in bit 2), 0 to 7. Default 0
    /// (user bits unspecified, time not locked to a clock).</summary>
    public int BinaryGroupFlags { get; init; }
}
