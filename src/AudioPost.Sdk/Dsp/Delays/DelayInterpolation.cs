namespace AudioPost.Sdk.Dsp.Delays;

/// <summary>How a <see cref="FractionalDelayLine"/> reads between samples.</summary>
/// <remarks>
/// Error figures are the measured worst case over fractional delays, for a sine at the given frequency
/// (relative to fs), as the level of the difference from the exactly delayed sine (tests in
/// <c>Dsp/Delays</c>):
/// <list type="table">
/// <listheader><term>Mode</term><description>Taps, look-ahead, error</description></listheader>
/// <item><term><see cref="Linear"/></term><description>2 taps, no look-ahead; −66 dB at 0.01 fs, −38 dB at 0.05 fs, −26 dB at 0.1 fs. A low-pass whose cut-off moves with the fraction.</description></item>
/// <item><term><see cref="Lagrange3"/></term><description>4 taps, 1 frame; −73 dB at 0.05 fs, −49 dB at 0.1 fs, −26 dB at 0.2 fs, −13 dB at 0.3 fs (below −60 dB up to about 0.07 fs, 3.4 kHz at 48 kHz). Exact on cubic polynomials; the usual chorus/flanger choice.</description></item>
/// <item><term><see cref="Sinc32"/></term><description>32 taps (Kaiser-windowed sinc), 15 frames; −79 dB or better from DC to 0.4 fs (19.2 kHz at 48 kHz), falling apart above 0.45 fs. For static or slowly moving delays where quality matters (sub-sample alignment).</description></item>
/// </list>
/// </remarks>
public enum DelayInterpolation
{
    /// <summary>Linear between the two nearest samples.</summary>
    Linear,

    /// <summary>Third-order (cubic) Lagrange through the four nearest samples.</summary>
    Lagrange3,

    /// <summary>32-tap Kaiser-windowed sinc (β = 8), from a table of 512 phases, interpolated linearly between phases.</summary>
    Sinc32,
}
