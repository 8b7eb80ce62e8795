namespace AudioPost.Sdk.Dsp;

/// <summary>
/// The error-feedback filters <see cref="NoiseShapedDither"/> offers: each moves the requantisation noise (TPDF
/// dither plus rounding, white at LSB²/4) away from where the ear is most sensitive, at the cost of more noise where
/// it is least. The noise transfer function is <c>NTF(z) = 1 - Σ c_k z^-k</c>; its average log gain is 0 dB (the
/// Gerzon-Craven limit of a minimum-phase shaper), so what one band loses another gains.
/// </summary>
/// <remarks>
/// The weighted curves were designed for 44.1 kHz (Wannamaker, "Psychoacoustically optimal noise shaping", JAES 40(7),
/// 1992; Lipshitz, Vanderkooy and Wannamaker, "Minimally audible noise shaping", JAES 39(11), 1991). At 48 kHz every
/// feature moves up by 48/44.1 (about 9 %), which keeps most of the benefit; above 48 kHz prefer
/// <see cref="FirstOrderHighpass"/> or plain TPDF.
/// </remarks>
public enum NoiseShape
{
    /// <summary><c>NTF = 1 - z^-1</c>: noise falls 6 dB per octave towards 0 Hz and rises to +6 dB at Nyquist. Simple,
    /// rate-independent, a mild gain in audibility.</summary>
    FirstOrderHighpass = 0,

    /// <summary>Lipshitz et al.'s 5-tap E-weighted curve: about 10 dB less noise around 3-4 kHz, more above 15 kHz.</summary>
    EWeighted5 = 1,

    /// <summary>Wannamaker's 9-tap F-weighted curve (the inverse of the ear's threshold at low levels): a deep dip
    /// around 3-4 kHz and 12 kHz, up to +27 dB near Nyquist, the lowest audibility of the three.</summary>
    FWeighted9 = 2,
}
