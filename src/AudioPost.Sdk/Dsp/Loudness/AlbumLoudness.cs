namespace AudioPost.Sdk.Dsp.Loudness;

/// <summary>
/// Readings over several programmes measured as one (an album, a reel of episodes): the gating blocks and the
/// short-term values of all programmes are pooled and gated once. Produced by <see cref="LoudnessMeter.Combine"/>.
/// </summary>
public readonly struct AlbumLoudness
{
    internal AlbumLoudness(double integrated, double loudnessRange, double maxMomentary, double maxShortTerm, double truePeak, double samplePeak)
    {
        Integrated = integrated;
        LoudnessRange = loudnessRange;
        MaxMomentary = maxMomentary;
        MaxShortTerm = maxShortTerm;
        TruePeak = truePeak;
        SamplePeak = samplePeak;
    }

    /// <summary>Gets the integrated loudness of the pooled gating blocks in LUFS, or −∞ when none passed the gates.</summary>
    public double Integrated { get; }

    /// <summary>Gets the loudness range of the pooled short-term values in LU; <see cref="double.NaN"/> when undefined.</summary>
    public double LoudnessRange { get; }

    /// <summary>Gets the largest maximum momentary loudness of the programmes in LUFS, or −∞.</summary>
    public double MaxMomentary { get; }

    /// <summary>Gets the largest maximum short-term loudness of the programmes in LUFS, or −∞.</summary>
    public double MaxShortTerm { get; }

    /// <summary>Gets the largest true peak of the programmes in dBTP, or −∞.</summary>
    public double TruePeak { get; }

    /// <summary>Gets the largest sample peak of the programmes in dBFS, or −∞.</summary>
    public double SamplePeak { get; }
}
