namespace AudioPost.Cli.Commands;

/// <summary>The dither <c>convert --dither</c> applies before quantising to PCM of 24 bits or fewer.</summary>
internal enum ConvertDither
{
    /// <summary>Plain rounding: bit-exact where nothing is lost.</summary>
    None,

    /// <summary>Triangular dither of ±1 LSB (<c>TpdfDither</c>).</summary>
    Tpdf,

    /// <summary>TPDF in an error-feedback loop (<c>NoiseShapedDither</c>): F-weighted up to 50 kHz, first-order above.</summary>
    Shaped,
}
