namespace AudioPost.Sdk.Dsp;

/// <summary>
/// Adds triangular (TPDF) dither noise before float samples are quantised to PCM of <see cref="Bits"/> bits, so
/// quantisation error becomes a constant, signal-independent noise floor instead of distortion, and details below
/// one LSB (fades, reverb tails) stay audible rather than vanishing.
/// </summary>
/// <remarks>
/// <para>The noise is the sum of two independent uniform values, each in [-0.5, 0.5) LSB, so it lies in [-1, 1)
/// LSB with a triangular density, mean 0 and variance LSB²/6, where LSB = 2^-(<see cref="Bits"/> - 1) in the
/// nominal [-1, 1] float range. The generator is xorshift64*: deterministic for a given seed, so a dithered render is
/// reproducible.</para>
/// <para>Only 8 to 24 bits are accepted: 32-bit PCM and float outputs carry at least the 24-bit mantissa of the float
/// samples fed to them, so they need no dither and the constructor refuses them rather than add noise for nothing.</para>
/// <para>Not thread-safe: each instance holds one generator state; use one instance per channel and thread.
/// Real-time safe: <see cref="Process"/> neither allocates, locks nor blocks.</para>
/// </remarks>
public sealed class TpdfDither
{
    /// <summary>The lowest bit depth accepted, 8.</summary>
    public const int MinBits = 8;

    /// <summary>The highest bit depth accepted, 24.</summary>
    public const int MaxBits = 24;

    private readonly float _noiseScale;
    private ulong _state;

    /// <summary>Creates a ditherer for PCM of <paramref name="bits"/> bits.</summary>
    /// <param name="bits">The bit depth of the quantiser that follows, <see cref="MinBits"/> to <see cref="MaxBits"/>.</param>
    /// <param name="seed">The generator's seed; equal seeds give equal noise. Any value, 0 included.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bits"/> is outside <see cref="MinBits"/> to <see cref="MaxBits"/>.</exception>
    public TpdfDither(int bits, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, MinBits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, MaxBits);
        Bits = bits;
        Lsb = MathF.ScaleB(1f, 1 - bits);
        _noiseScale = MathF.ScaleB(Lsb, -DitherNoise.UniformBits);
        _state = DitherNoise.Seed(seed);
    }

    /// <summary>Gets the bit depth the noise is scaled for, <see cref="MinBits"/> to <see cref="MaxBits"/>.</summary>
    public int Bits { get; }

    /// <summary>Gets the size of one quantisation step in the nominal [-1, 1] range: 2^-(<see cref="Bits"/> - 1).</summary>
    public float Lsb { get; }

    /// <summary>Adds one independent TPDF noise value, in [-1, 1) LSB, to each sample of <paramref name="samples"/>.</summary>
    /// <param name="samples">The samples, nominally in [-1, 1], changed in place; may be empty.</param>
    /// <remarks>Real-time safe: no allocation, no locks, no I/O.</remarks>
    public void Process(Span<float> samples)
    {
        var state = _state;
        var scale = _noiseScale;
        for (var i = 0; i < samples.Length; i++)
        {
            state = DitherNoise.Next(state);
            samples[i] += DitherNoise.Tpdf(state) * scale;
        }

        _state = state;
    }
}
