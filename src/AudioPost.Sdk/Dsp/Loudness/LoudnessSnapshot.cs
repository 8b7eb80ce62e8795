namespace AudioPost.Sdk.Dsp.Loudness;

/// <summary>
/// The readings of a <see cref="LoudnessMeter"/> at one moment, consistent with each other (taken between two
/// blocks). Loudness values are in LUFS, <see cref="double.NegativeInfinity"/> when there is no (or only
/// silent) audio to measure; <see cref="LoudnessRange"/> is <see cref="double.NaN"/> until defined.
/// </summary>
public readonly struct LoudnessSnapshot
{
    internal LoudnessSnapshot(
        double momentary,
        double shortTerm,
        double integrated,
        double loudnessRange,
        double maxMomentary,
        double maxShortTerm,
        double truePeak,
        double samplePeak,
        long framesProcessed)
    {
        Momentary = momentary;
        ShortTerm = shortTerm;
        Integrated = integrated;
        LoudnessRange = loudnessRange;
        MaxMomentary = maxMomentary;
        MaxShortTerm = maxShortTerm;
        TruePeak = truePeak;
        SamplePeak = samplePeak;
        FramesProcessed = framesProcessed;
    }

    /// <summary>Gets the momentary loudness (400 ms rectangular window, ungated) in LUFS, or −∞.</summary>
    public double Momentary { get; }

    /// <summary>Gets the short-term loudness (3 s rectangular window, ungated) in LUFS, or −∞.</summary>
    public double ShortTerm { get; }

    /// <summary>Gets the gated integrated (programme) loudness in LUFS, or −∞ when no block passed the gates.</summary>
    public double Integrated { get; }

    /// <summary>Gets the loudness range (EBU Tech 3342) in LU, 0 or more; <see cref="double.NaN"/> when undefined.</summary>
    public double LoudnessRange { get; }

    /// <summary>Gets the maximum momentary loudness since the last reset in LUFS, or −∞.</summary>
    public double MaxMomentary { get; }

    /// <summary>Gets the maximum short-term loudness since the last reset in LUFS, or −∞.</summary>
    public double MaxShortTerm { get; }

    /// <summary>Gets the maximum true peak over all channels (BS.1770 Annex 2) in dBTP, or −∞ for silence.</summary>
    public double TruePeak { get; }

    /// <summary>Gets the maximum sample peak over all channels in dBFS, or −∞ for silence.</summary>
    public double SamplePeak { get; }

    /// <summary>Gets the number of frames measured since the last reset.</summary>
    public long FramesProcessed { get; }
}
