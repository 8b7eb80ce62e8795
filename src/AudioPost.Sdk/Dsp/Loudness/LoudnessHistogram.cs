namespace AudioPost.Sdk.Dsp.Loudness;

/// <summary>
/// Fixed-memory store of gating-block (or short-term) energies for gated loudness: 7500 bins of 0.01 LU from
/// −70 to +5 LUFS, each holding a count and the exact sum of its energies, plus 75 coarse 1 LU bins that
/// make a read-out cost about 200 bin visits instead of 7500.
/// </summary>
/// <remarks>
/// <para>Only energies at or above the absolute gate (−70 LUFS; <c>≥</c> as libebur128, where BS.1770 writes
/// <c>&gt;</c>) are stored; louder than +5 LUFS goes into the top bin with its exact energy.</para>
/// <para>Because every bin keeps its energy sum, gated means are exact except for the one bin that contains
/// the relative threshold: that bin is kept or dropped whole, by whether its mean energy reaches the threshold.
/// So the integrated loudness can differ from an exact block list only through blocks within 0.01 LU of the
/// relative gate. Percentiles (LRA) return the mean energy of the bin holding the rank: within 0.01 LU.</para>
/// <para>Add is O(1) and allocation-free. Not thread-safe.</para>
/// </remarks>
internal sealed class LoudnessHistogram
{
    /// <summary>Gets the lower edge of the first bin, in LUFS; also the absolute gate.</summary>
    public const double MinimumLufs = -70;

    /// <summary>Gets the upper edge of the last bin, in LUFS.</summary>
    public const double MaximumLufs = 5;

    /// <summary>Gets the bin width, in LU.</summary>
    public const double BinWidthLu = 0.01;

    private const int BinsPerLu = 100;
    private const int CoarseBins = (int)(MaximumLufs - MinimumLufs);
    private const int Bins = CoarseBins * BinsPerLu;

    private readonly long[] _counts = new long[Bins];
    private readonly double[] _energies = new double[Bins];
    private readonly long[] _coarseCounts = new long[CoarseBins];
    private readonly double[] _coarseEnergies = new double[CoarseBins];

    /// <summary>Gets the energy of the absolute gate (−70 LUFS).</summary>
    public static double AbsoluteGateEnergy { get; } = LoudnessMath.ToEnergy(MinimumLufs);

    /// <summary>Gets the number of stored values (those that passed the absolute gate).</summary>
    public long Count { get; private set; }

    /// <summary>Gets the sum of the stored energies.</summary>
    public double Energy { get; private set; }

    /// <summary>Stores one mean-square energy (the weighted channel sum, before the −0.691 dB offset is applied in LUFS).</summary>
    public void Add(double energy)
    {
        if (!(energy >= AbsoluteGateEnergy))
        {
            return;
        }

        var bin = BinOf(energy);
        _counts[bin]++;
        _energies[bin] += energy;
        _coarseCounts[bin / BinsPerLu]++;
        _coarseEnergies[bin / BinsPerLu] += energy;
        Count++;
        Energy += energy;
    }

    /// <summary>Adds every value stored in <paramref name="other"/> (pooling programmes for album loudness).</summary>
    public void Add(LoudnessHistogram other)
    {
        for (var i = 0; i < Bins; i++)
        {
            _counts[i] += other._counts[i];
            _energies[i] += other._energies[i];
        }

        for (var i = 0; i < CoarseBins; i++)
        {
            _coarseCounts[i] += other._coarseCounts[i];
            _coarseEnergies[i] += other._coarseEnergies[i];
        }

        Count += other.Count;
        Energy += other.Energy;
    }

    /// <summary>Removes every value.</summary>
    public void Clear()
    {
        Array.Clear(_counts);
        Array.Clear(_energies);
        Array.Clear(_coarseCounts);
        Array.Clear(_coarseEnergies);
        Count = 0;
        Energy = 0;
    }

    /// <summary>
    /// Gets the mean energy of the values at or above the relative gate, <paramref name="relativeGateLu"/> LU
    /// below the mean of all stored values (BS.1770 integrated loudness with −10). 0 when nothing is stored.
    /// </summary>
    public double GatedMeanEnergy(double relativeGateLu)
    {
        var first = FirstGatedBin(relativeGateLu);
        if (first < 0)
        {
            return 0;
        }

        var (count, energy) = SumFrom(first);
        return count == 0 ? 0 : energy / count;
    }

    /// <summary>
    /// Gets the energies at two percentiles (0–1) of the values at or above the relative gate
    /// (EBU Tech 3342 LRA with −20, 0.10 and 0.95; rank = round((n − 1)·p), as libebur128).
    /// False when nothing passes the gates.
    /// </summary>
    public bool TryGetPercentiles(double relativeGateLu, double low, double high, out double lowEnergy, out double highEnergy)
    {
        lowEnergy = highEnergy = 0;
        var first = FirstGatedBin(relativeGateLu);
        if (first < 0)
        {
            return false;
        }

        var (count, _) = SumFrom(first);
        if (count == 0)
        {
            return false;
        }

        lowEnergy = MeanOf(BinOfRank(first, (long)(((count - 1) * low) + 0.5)));
        highEnergy = MeanOf(BinOfRank(first, (long)(((count - 1) * high) + 0.5)));
        return true;
    }

    private static int BinOf(double energy)
    {
        var bin = (int)((LoudnessMath.ToLufs(energy) - MinimumLufs) * BinsPerLu);
        return Math.Clamp(bin, 0, Bins - 1);
    }

    private double MeanOf(int bin) => _energies[bin] / _counts[bin];

    // The first bin whose values pass the relative gate, or −1 when nothing is stored.
    private int FirstGatedBin(double relativeGateLu)
    {
        if (Count == 0)
        {
            return -1;
        }

        var threshold = Energy / Count * Math.Pow(10, relativeGateLu / 10);
        if (threshold < AbsoluteGateEnergy)
        {
            return 0;
        }

        var bin = BinOf(threshold);
        return _counts[bin] > 0 && MeanOf(bin) >= threshold ? bin : bin + 1;
    }

    private (long Count, double Energy) SumFrom(int first)
    {
        long count = 0;
        double energy = 0;
        var coarse = first / BinsPerLu;
        var coarseEnd = Math.Min((coarse + 1) * BinsPerLu, Bins);
        for (var i = first; i < coarseEnd; i++)
        {
            count += _counts[i];
            energy += _energies[i];
        }

        for (var i = coarse + 1; i < CoarseBins; i++)
        {
            count += _coarseCounts[i];
            energy += _coarseEnergies[i];
        }

        return (count, energy);
    }

    // The bin holding the value of 0-based rank `rank` in ascending order, counting from bin `first`.
    private int BinOfRank(int first, long rank)
    {
        var coarse = first / BinsPerLu;
        var coarseEnd = (coarse + 1) * BinsPerLu;
        for (var i = first; i < coarseEnd; i++)
        {
            rank -= _counts[i];
            if (rank < 0)
            {
                return i;
            }
        }

        for (coarse++; coarse < CoarseBins; coarse++)
        {
            if (rank < _coarseCounts[coarse])
            {
                for (var i = coarse * BinsPerLu; ; i++)
                {
                    rank -= _counts[i];
                    if (rank < 0)
                    {
                        return i;
                    }
                }
            }

            rank -= _coarseCounts[coarse];
        }

        // Unreachable when rank < count; the top bin is the safe answer.
        return Bins - 1;
    }
}
