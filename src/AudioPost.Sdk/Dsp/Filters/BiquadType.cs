namespace AudioPost.Sdk.Dsp.Filters;

/// <summary>
/// The second-order responses of the RBJ Audio EQ Cookbook, which <see cref="BiquadCoefficients.Design"/> and
/// <see cref="StateVariableFilter"/> realise at any sample rate.
/// </summary>
/// <remarks>
/// Every type takes a centre or corner frequency in Hz and a Q. Only <see cref="Peak"/>, <see cref="LowShelf"/> and
/// <see cref="HighShelf"/> use a gain (dB); the others ignore it. Shelf Q is the cookbook's: 0.7071 gives the
/// steepest shelf without overshoot; the corner frequency is where the gain is half the shelf's (in dB).
/// </remarks>
public enum BiquadType
{
    /// <summary>A peaking (bell) filter: <c>gain</c> dB at the centre frequency, 0 dB far from it; Q sets the width.</summary>
    Peak,

    /// <summary>A low shelf: <c>gain</c> dB below the corner frequency, 0 dB above.</summary>
    LowShelf,

    /// <summary>A high shelf: 0 dB below the corner frequency, <c>gain</c> dB above.</summary>
    HighShelf,

    /// <summary>A second-order low-pass (12 dB/octave); at Q = 0.7071 it is a Butterworth, −3 dB at the cutoff.</summary>
    LowPass,

    /// <summary>A second-order high-pass (12 dB/octave); at Q = 0.7071 it is a Butterworth, −3 dB at the cutoff.</summary>
    HighPass,

    /// <summary>A band-pass with 0 dB at the centre frequency (the cookbook's "constant 0 dB peak gain" form).</summary>
    BandPass,

    /// <summary>A notch: zero gain at the centre frequency, 0 dB far from it.</summary>
    Notch,

    /// <summary>A second-order all-pass: 0 dB everywhere, phase −180° at the centre frequency.</summary>
    AllPass,
}
