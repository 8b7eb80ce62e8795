namespace AudioPost.Sdk.Dsp.Loudness;

/// <summary>Conversions between the weighted mean-square energy of BS.1770 and loudness in LUFS.</summary>
internal static class LoudnessMath
{
    /// <summary>The offset that cancels the K-filter's +0.691 dB at 997 Hz, in dB.</summary>
    public const double Offset = -0.691;

    /// <summary>Converts energy to LUFS: <c>−0.691 + 10 log10(energy)</c>; 0 gives −∞.</summary>
    public static double ToLufs(double energy) => Offset + (10 * Math.Log10(energy));

    /// <summary>Converts LUFS to energy.</summary>
    public static double ToEnergy(double lufs) => Math.Pow(10, (lufs - Offset) / 10);

    /// <summary>Converts a linear peak to dB (dBFS or dBTP); 0 gives −∞.</summary>
    public static double PeakToDb(double peak) => 20 * Math.Log10(peak);
}
