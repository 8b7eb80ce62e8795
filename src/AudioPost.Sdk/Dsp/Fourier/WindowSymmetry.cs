namespace AudioPost.Sdk.Dsp.Fourier;

/// <summary>Whether a window is symmetric (filter design) or periodic (spectral analysis, STFT).</summary>
public enum WindowSymmetry
{
    /// <summary>
    /// Periodic ("DFT-even"): the length-N window is the first N points of the symmetric window of N + 1, so
    /// overlapped windows sum to a constant (Hann at 50 % overlap) and the window's DFT is exact. For STFTs.
    /// </summary>
    Periodic,

    /// <summary>Symmetric: <c>w[n] = w[N−1−n]</c>, both ends included. For FIR filter design.</summary>
    Symmetric,
}
