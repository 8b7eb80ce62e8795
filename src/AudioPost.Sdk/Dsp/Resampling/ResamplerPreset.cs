namespace AudioPost.Sdk.Dsp.Resampling;

/// <summary>The numbers behind one <see cref="ResamplerQuality"/> (see its remarks for the table they produce).</summary>
/// <param name="PassbandEdge">Where the passband ends, as a fraction of the lower Nyquist frequency.</param>
/// <param name="RejectionDb">Stopband attenuation the window is designed for, in dB (positive).</param>
/// <param name="VarispeedPhases">Sub-sample phases tabulated for varispeed, interpolated linearly between.</param>
/// <param name="UsesDouble">Whether coefficients, history and sums are double rather than float.</param>
internal readonly record struct ResamplerPreset(double PassbandEdge, double RejectionDb, int VarispeedPhases, bool UsesDouble)
{
    // A Kaiser design meets its attenuation only approximately (Kaiser's length formula is an empirical fit); the
    // margin keeps the measured rejection at or above the figure each preset promises.
    private const double DesignMarginDb = 5;

    public static ResamplerPreset For(ResamplerQuality quality) => quality switch
    {
        ResamplerQuality.Quick => new(0.80, 72 + DesignMarginDb, 128, UsesDouble: false),
        ResamplerQuality.Medium => new(0.90, 100 + DesignMarginDb, 512, UsesDouble: false),
        ResamplerQuality.High => new(0.91, 125 + DesignMarginDb, 1024, UsesDouble: false),
        ResamplerQuality.VeryHigh => new(0.91, 175 + DesignMarginDb, 2048, UsesDouble: true),
        _ => throw new ArgumentOutOfRangeException(nameof(quality), quality, "Unknown resampler quality."),
    };
}
