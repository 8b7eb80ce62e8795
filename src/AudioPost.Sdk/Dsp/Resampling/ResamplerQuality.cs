namespace AudioPost.Sdk.Dsp.Resampling;

/// <summary>
/// How hard a <see cref="Resampler"/> works to keep the band it passes clean. Every preset is a linear-phase
/// Kaiser-windowed sinc whose stopband starts at the lower of the two Nyquist frequencies, so nothing above the new
/// Nyquist folds back (aliasing) and no image of the old band appears above it (imaging), down to the rejection figure.
/// </summary>
/// <remarks>
/// <para>Figures are for a fixed ratio (passband and stopband as fractions of the lower Nyquist frequency; the passband
/// ripple of a Kaiser design equals its stopband ripple, so it is far below 0.001 dB for every preset). Taps grow with
/// rejection and with a narrower transition band; for a downsampling ratio they grow by the ratio's inverse as well
/// (the filter runs at the input rate but must cut at the output's Nyquist). Latency is half the taps, in input frames
/// (<see cref="Resampler.DelayInputFrames"/>).</para>
/// <list type="table">
/// <listheader><term>Preset</term><description>passband edge / rejection / taps (latency) at 48 → 44.1 kHz / arithmetic</description></listheader>
/// <item><term><see cref="Quick"/></term><description>0.80 / 72 dB / 64 (32 frames, 0.7 ms) / float</description></item>
/// <item><term><see cref="Medium"/></term><description>0.90 / 100 dB / 160 (80 frames, 1.7 ms) / float</description></item>
/// <item><term><see cref="High"/></term><description>0.91 (20.07 kHz at 44.1 kHz) / 125 dB / 208 (104 frames, 2.2 ms) / float</description></item>
/// <item><term><see cref="VeryHigh"/></term><description>0.91 / 175 dB / 304 (152 frames, 3.2 ms) / double</description></item>
/// </list>
/// <para><see cref="High"/> matches SoX's default <c>rate -h</c> (soxr HQ, 125 dB as SoX quotes it);
/// <see cref="VeryHigh"/> matches <c>rate -v</c> (soxr VHQ, 175 dB) and computes in double precision, because 32-bit
/// float coefficients alone leave a floor near -150 dB. In varispeed mode the filter's sub-sample phases are
/// interpolated linearly, which adds images at most about -96, -120, -132 and -144 dB (preset order) below a tone at the
/// band edge, and far less for lower frequencies.</para>
/// </remarks>
public enum ResamplerQuality
{
    /// <summary>Short filter for previews and live varispeed: passband to 0.80 of Nyquist, 72 dB rejection.</summary>
    Quick = 0,

    /// <summary>Passband to 0.90 of Nyquist, 100 dB rejection (16-bit material).</summary>
    Medium = 1,

    /// <summary>The default: passband to 0.91 of Nyquist, 125 dB rejection (24-bit material), like SoX's <c>rate -h</c>.</summary>
    High = 2,

    /// <summary>Mastering: passband to 0.91 of Nyquist, 175 dB rejection in double precision, like SoX's <c>rate -v</c>.</summary>
    VeryHigh = 3,
}
