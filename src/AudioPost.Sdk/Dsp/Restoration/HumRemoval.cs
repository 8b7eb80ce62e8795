namespace AudioPost.Sdk.Dsp.Restoration;

/// <summary>Whether and how a <see cref="SpectralDenoiser"/> removes mains hum before its spectral stage.</summary>
public enum HumRemoval
{
    /// <summary>
    /// Detect: a 50 or 60 Hz harmonic series that holds a large share of its STFT bins' noise power (learned while no
    /// speech is present) switches removal on for that family, for the rest of the stream (until a reset). Broadband
    /// noise and speech do not trigger it, so audio without hum is processed exactly as with <see cref="Off"/>.
    /// </summary>
    Auto = 0,

    /// <summary>No hum removal: hum is treated like any other noise by the spectral stage (reduced by at most the
    /// reduction amount).</summary>
    Off = 1,

    /// <summary>Always remove 50 Hz hum and its harmonics (Europe, most of Asia, Africa, Australia).</summary>
    Hz50 = 50,

    /// <summary>Always remove 60 Hz hum and its harmonics (the Americas, parts of Japan, Korea, Taiwan).</summary>
    Hz60 = 60,
}
