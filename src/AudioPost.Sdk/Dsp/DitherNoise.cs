using System.Runtime.CompilerServices;

namespace AudioPost.Sdk.Dsp;

/// <summary>
/// The random source of <see cref="TpdfDither"/> and <see cref="NoiseShapedDither"/>: xorshift64* seeded through
/// SplitMix64, each step giving one triangular (TPDF) value as the sum of two 24-bit uniforms. Pure functions on the
/// state, so a caller keeps the state in a local (a register) through its loop. Real-time safe.
/// </summary>
internal static class DitherNoise
{
    /// <summary>Bits per uniform draw: the sum of two fits a float exactly, so scaled noise never rounds past ±1 LSB.</summary>
    public const int UniformBits = 24;

    private const int UniformMask = (1 << UniformBits) - 1;

    /// <summary>The generator state for <paramref name="seed"/>: SplitMix64 spreads any seed (0 and small integers
    /// included) over the state, and xorshift must never start at 0.</summary>
    public static ulong Seed(ulong seed)
    {
        var z = seed + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return z == 0 ? 0x9E3779B97F4A7C15UL : z;
    }

    /// <summary>Advances the xorshift64 state by one step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Next(ulong state)
    {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return state;
    }

    /// <summary>
    /// The TPDF value of a state, an integer in [−2^24, 2^24): two uniforms from the top 48 bits of the xorshift64*
    /// output (its strong bits, Vigna 2016), summed, less the offset. Scale by LSB·2^−24 for noise in [−1, 1) LSB.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Tpdf(ulong state)
    {
        var random = state * 0x2545F4914F6CDD1DUL;
        var first = (int)(random >> 40);
        var second = (int)(random >> 16) & UniformMask;
        return first + second - (1 << UniformBits);
    }
}
