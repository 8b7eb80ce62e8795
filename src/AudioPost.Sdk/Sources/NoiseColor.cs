namespace AudioPost.Sdk.Sources;

/// <summary>The spectrum of a <see cref="NoiseSource"/>.</summary>
public enum NoiseColor
{
    /// <summary>Flat spectrum: equal power per hertz.</summary>
    White = 0,

    /// <summary>-3 dB per octave: equal power per octave (within ±0.5 dB from 10 Hz to 20 kHz at 44.1-48 kHz).</summary>
    Pink = 1,
}
