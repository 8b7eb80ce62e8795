namespace AudioPost.Sdk.Dsp.Loudness;

/// <summary>The interpolation filter a <see cref="LoudnessMeter"/> over-samples with to find true peaks.</summary>
/// <remarks>
/// Both pass the EBU Tech 3341 true-peak cases (+0.2 / −0.4 dB). They differ on content near the Nyquist frequency:
/// full-band noise reads up to about 0.6 dB higher through the Annex 2 filter, whose passband stays within ±0.1 dB up
/// to 20 kHz, than through the windowed sinc, whose response is already falling there.
/// </remarks>
public enum TruePeakFilter
{
    /// <summary>The 48-tap, 4-phase example filter of ITU-R BS.1770 Annex 2 (2x at 96–192 kHz uses phases 0 and 2).
    /// The default: the standard's own filter, and the one that reads high rather than low near Nyquist.</summary>
    Bs1770Annex2,

    /// <summary>A 49-tap Hann-windowed sinc with its cutoff at the input Nyquist, split into polyphase branches: the
    /// design libebur128 uses, so readings agree with it (and with tools built on it) to a few hundredths of a dB.</summary>
    WindowedSinc49,
}
