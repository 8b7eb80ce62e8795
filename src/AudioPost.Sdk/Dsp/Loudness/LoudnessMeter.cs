using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Dsp.Loudness;

/// <summary>
/// An ITU-R BS.1770-4/-5 loudness meter with the EBU Mode time scales (Tech 3341) and loudness range
/// (Tech 3342): momentary, short-term, gated integrated loudness, LRA, true peak and sample peak.
/// </summary>
/// <remarks>
/// <para><b>Use.</b> Construct for a sample rate (8–384 kHz) and a <see cref="ChannelLayout"/>, then call
/// <see cref="Process"/> with consecutive planar blocks of any size. Channel weights follow BS.1770 Annex 3
/// (<see cref="ChannelLayout.GetLoudnessWeight"/>): LFE is excluded from loudness but still peak-metered.</para>
/// <para><b>Time grid.</b> Audio is summed in ten sub-blocks per 100 ms (boundaries at round(k·n/10) of the
/// n = (fs + 5) / 10 samples of 100 ms, as libebur128 counts them), so the 400 ms and 3 s windows are exactly
/// 4n and 30n samples. Momentary, short-term and their maxima are evaluated on this ≈10 ms hop; a new
/// gating block (400 ms, 75 % overlap) and a new short-term value for the loudness range are taken every
/// 100 ms, and integrated loudness and LRA are re-evaluated then. The meter starts from silence: windows
/// that reach back before the first sample count the missing audio as zeros; incomplete trailing blocks
/// are not measured.</para>
/// <para><b>Gating.</b> Integrated: absolute gate −70 LUFS, relative gate −10 LU; LRA: short-term values
/// (100 ms hop), absolute −70 LUFS, relative −20 LU, 10th to 95th percentile. Both gates use <c>≥</c>, as
/// libebur128 does (BS.1770 writes <c>&gt;</c>; only values exactly on a threshold differ). Both are kept
/// in fixed-size histograms of 0.01 LU bins from −70 to +5 LUFS that also store exact energy sums, so
/// memory does not grow with programme length and the result is within 0.01 LU of an exact block list.</para>
/// <para><b>Undefined values.</b> Loudness readings are <see cref="double.NegativeInfinity"/> when there is
/// nothing (or only silence) to measure; <see cref="LoudnessRange"/> is <see cref="double.NaN"/> until a
/// short-term value passes the gates; peaks of silence are −∞.</para>
/// <para><b>Threads.</b> <see cref="Process"/>, <see cref="Reset"/> and the reading properties belong to one
/// thread at a time (the audio thread); they never allocate, lock or throw for data-dependent reasons.
/// Any other thread reads consistent readings with <see cref="TryReadSnapshot"/> (a seqlock: the
/// writer never waits), published at the end of every <see cref="Process"/> call.</para>
/// </remarks>
public sealed class LoudnessMeter
{
    /// <summary>The lowest supported sample rate, in Hz.</summary>
    public const int MinimumSampleRate = 8_000;

    /// <summary>The highest supported sample rate, in Hz.</summary>
    public const int MaximumSampleRate = 384_000;

    private const int SubBlocksPer100Ms = 10;
    private const int MomentarySubBlocks = 4 * SubBlocksPer100Ms;
    private const int ShortTermSubBlocks = 30 * SubBlocksPer100Ms;
    private const double IntegratedRelativeGateLu = -10;
    private const double RangeRelativeGateLu = -20;
    private const double RangeLowPercentile = 0.10;
    private const double RangeHighPercentile = 0.95;

    private readonly int _channels;
    private readonly int _rangeHop;
    private readonly double[] _weights;
    private readonly int[] _weightedChannels;
    private readonly int[] _subBlockLengths = new int[SubBlocksPer100Ms];
    private readonly double _momentaryDivisor;
    private readonly double _shortTermDivisor;
    private readonly KWeightingFilter _filter;
    private readonly TruePeakDetector _truePeak;
    private readonly float[] _samplePeak;
    private readonly double[] _ring = new double[ShortTermSubBlocks];
    private readonly LoudnessHistogram _blocks = new();
    private readonly LoudnessHistogram _shortTerms = new();

    private int _ringPosition;
    private long _subBlocks;
    private int _subBlockIndex;
    private int _subBlockRemaining;
    private double _subBlockEnergy;
    private double _momentaryEnergy;
    private double _shortTermEnergy;
    private double _maxMomentaryEnergy;
    private double _maxShortTermEnergy;
    private double _integratedEnergy;
    private double _rangeLowEnergy;
    private double _rangeHighEnergy;
    private bool _rangeDefined;
    private long _frames;

    // Published copy for other threads, guarded by _sequence (odd while being written).
    private readonly double[] _publishedTruePeaks;
    private LoudnessSnapshot _published;
    private int _sequence;

    /// <summary>Creates a meter for <paramref name="sampleRate"/> Hz and the channels of <paramref name="layout"/>.</summary>
    /// <param name="sampleRate">Sample rate in Hz, <see cref="MinimumSampleRate"/> to <see cref="MaximumSampleRate"/>.</param>
    /// <param name="layout">The speaker roles of the channels, which choose the BS.1770 channel weights.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleRate"/> is outside 8–384 kHz.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="layout"/> is null.</exception>
    public LoudnessMeter(int sampleRate, ChannelLayout layout)
        : this(sampleRate, layout, options: null)
    {
    }

    /// <summary>Creates a meter with explicit measurement choices.</summary>
    /// <param name="sampleRate">Sample rate in Hz, <see cref="MinimumSampleRate"/> to <see cref="MaximumSampleRate"/>.</param>
    /// <param name="layout">The speaker roles of the channels, which choose the BS.1770 channel weights.</param>
    /// <param name="options">The true-peak filter and loudness-range rate, or <see langword="null"/> for
    /// <see cref="LoudnessMeterOptions.Default"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleRate"/> is outside 8–384 kHz.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="layout"/> is null.</exception>
    public LoudnessMeter(int sampleRate, ChannelLayout layout, LoudnessMeterOptions? options)
    {
        options ??= LoudnessMeterOptions.Default;
        var rangeHop100Ms = 10 / options.RangeValuesPerSecond;
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, MinimumSampleRate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, MaximumSampleRate);
        ArgumentNullException.ThrowIfNull(layout);
        SampleRate = sampleRate;
        Layout = layout;
        _rangeHop = rangeHop100Ms;
        _channels = layout.Count;
        _weights = new double[_channels];
        for (var c = 0; c < _channels; c++)
        {
            // The layout hands out float weights (1.41f = 1.4099999666); back to the decimal 1.41 that BS.1770
            // tabulates and libebur128 uses.
            _weights[c] = Math.Round((double)layout.GetLoudnessWeight(c), 6);
        }

        _weightedChannels = [.. Enumerable.Range(0, _channels).Where(c => _weights[c] != 0)];

        // libebur128's 100 ms: (fs + 5) / 10 samples, split into ten near-equal sub-blocks.
        var samplesIn100Ms = (sampleRate + 5) / 10;
        for (var k = 0; k < SubBlocksPer100Ms; k++)
        {
            _subBlockLengths[k] = ((k + 1) * samplesIn100Ms / SubBlocksPer100Ms) - (k * samplesIn100Ms / SubBlocksPer100Ms);
        }

        _momentaryDivisor = 4.0 * samplesIn100Ms;
        _shortTermDivisor = 30.0 * samplesIn100Ms;
        _filter = new KWeightingFilter(sampleRate, _channels);
        _truePeak = new TruePeakDetector(sampleRate, _channels, options.TruePeakFilter);
        _samplePeak = new float[_channels];
        _publishedTruePeaks = new double[_channels];
        Reset();
    }

    /// <summary>Gets the sample rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Gets the channel layout (and so the channel count) the meter expects.</summary>
    public ChannelLayout Layout { get; }

    /// <summary>Gets the true-peak over-sampling factor: 4 below 96 kHz, 2 below 192 kHz, otherwise 1.</summary>
    public int TruePeakOversampling => _truePeak.Oversampling;

    /// <summary>Gets the number of frames measured since the last reset.</summary>
    public long FramesProcessed => _frames;

    /// <summary>Gets the momentary loudness (last 400 ms) in LUFS, or −∞.</summary>
    public double Momentary => LoudnessMath.ToLufs(_momentaryEnergy);

    /// <summary>Gets the short-term loudness (last 3 s) in LUFS, or −∞.</summary>
    public double ShortTerm => LoudnessMath.ToLufs(_shortTermEnergy);

    /// <summary>Gets the gated integrated loudness in LUFS, or −∞ when no gating block passed the gates.</summary>
    public double Integrated => LoudnessMath.ToLufs(_integratedEnergy);

    /// <summary>Gets the loudness range in LU (0 or more), or <see cref="double.NaN"/> while undefined.</summary>
    public double LoudnessRange => _rangeDefined ? LoudnessMath.ToLufs(_rangeHighEnergy) - LoudnessMath.ToLufs(_rangeLowEnergy) : double.NaN;

    /// <summary>Gets the maximum momentary loudness since the last reset (10 ms hop) in LUFS, or −∞.</summary>
    public double MaxMomentary => LoudnessMath.ToLufs(_maxMomentaryEnergy);

    /// <summary>Gets the maximum short-term loudness since the last reset (10 ms hop) in LUFS, or −∞.</summary>
    public double MaxShortTerm => LoudnessMath.ToLufs(_maxShortTermEnergy);

    /// <summary>Gets the maximum true peak over all channels in dBTP, or −∞.</summary>
    public double TruePeak
    {
        get
        {
            var peak = 0.0;
            for (var c = 0; c < _channels; c++)
            {
                peak = Math.Max(peak, TruePeakLinear(c));
            }

            return LoudnessMath.PeakToDb(peak);
        }
    }

    /// <summary>Gets the maximum sample peak over all channels in dBFS, or −∞.</summary>
    public double SamplePeak
    {
        get
        {
            var peak = 0f;
            foreach (var value in _samplePeak)
            {
                peak = Math.Max(peak, value);
            }

            return LoudnessMath.PeakToDb(peak);
        }
    }

    /// <summary>
    /// Pools the gating blocks and short-term values of several programmes and gates them once (album or
    /// reel loudness); the peaks and maxima are the largest of the programmes. The meters may differ in
    /// sample rate and layout. Control thread: allocates temporary histograms; the meters must not be
    /// processing meanwhile.
    /// </summary>
    /// <param name="meters">The meters of the programmes, each having measured one programme.</param>
    /// <returns>The combined readings; all undefined (−∞, NaN) for no meters.</returns>
    /// <exception cref="ArgumentNullException">An element is null.</exception>
    public static AlbumLoudness Combine(params ReadOnlySpan<LoudnessMeter> meters)
    {
        var blocks = new LoudnessHistogram();
        var shortTerms = new LoudnessHistogram();
        double maxMomentary = 0, maxShortTerm = 0, truePeak = double.NegativeInfinity, samplePeak = double.NegativeInfinity;
        foreach (var meter in meters)
        {
            ArgumentNullException.ThrowIfNull(meter, nameof(meters));
            blocks.Add(meter._blocks);
            shortTerms.Add(meter._shortTerms);
            maxMomentary = Math.Max(maxMomentary, meter._maxMomentaryEnergy);
            maxShortTerm = Math.Max(maxShortTerm, meter._maxShortTermEnergy);
            truePeak = Math.Max(truePeak, meter.TruePeak);
            samplePeak = Math.Max(samplePeak, meter.SamplePeak);
        }

        var range = shortTerms.TryGetPercentiles(RangeRelativeGateLu, RangeLowPercentile, RangeHighPercentile, out var low, out var high)
            ? LoudnessMath.ToLufs(high) - LoudnessMath.ToLufs(low)
            : double.NaN;
        return new AlbumLoudness(
            LoudnessMath.ToLufs(blocks.GatedMeanEnergy(IntegratedRelativeGateLu)),
            range,
            LoudnessMath.ToLufs(maxMomentary),
            LoudnessMath.ToLufs(maxShortTerm),
            truePeak,
            samplePeak);
    }

    /// <summary>Gets the true peak of channel <paramref name="channel"/> in dBTP (never below its sample peak), or −∞.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channel"/> is outside the layout.</exception>
    public double GetTruePeak(int channel)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)channel, (uint)_channels, nameof(channel));
        return LoudnessMath.PeakToDb(TruePeakLinear(channel));
    }

    /// <summary>Gets the sample peak of channel <paramref name="channel"/> in dBFS, or −∞.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channel"/> is outside the layout.</exception>
    public double GetSamplePeak(int channel)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)channel, (uint)_channels, nameof(channel));
        return LoudnessMath.PeakToDb(_samplePeak[channel]);
    }

    /// <summary>Gets the current readings (owning thread; for other threads use <see cref="TryReadSnapshot"/>).</summary>
    public LoudnessSnapshot GetSnapshot() => new(
        Momentary, ShortTerm, Integrated, LoudnessRange, MaxMomentary, MaxShortTerm, TruePeak, SamplePeak, _frames);

    /// <summary>
    /// Copies the readings published at the end of the last <see cref="Process"/> (or <see cref="Reset"/>).
    /// Any thread; lock-free; does not allocate. Returns false if the audio thread kept publishing through
    /// several attempts (try again on the next UI frame).
    /// </summary>
    /// <param name="snapshot">Receives the readings.</param>
    /// <param name="channelTruePeaks">Receives the per-channel true peaks in dBTP (as many as fit; may be empty).</param>
    public bool TryReadSnapshot(out LoudnessSnapshot snapshot, Span<double> channelTruePeaks = default)
    {
        var channels = Math.Min(channelTruePeaks.Length, _channels);
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var before = Volatile.Read(ref _sequence);
            if ((before & 1) != 0)
            {
                Thread.SpinWait(8);
                continue;
            }

            snapshot = _published;
            _publishedTruePeaks.AsSpan(0, channels).CopyTo(channelTruePeaks);
            Interlocked.MemoryBarrier();
            if (Volatile.Read(ref _sequence) == before)
            {
                return true;
            }
        }

        snapshot = default;
        return false;
    }

    /// <summary>
    /// Measures the next block of the programme. Audio thread; allocation-free.
    /// </summary>
    /// <param name="block">Planar audio with exactly <c>Layout.Count</c> channels; any number of frames.</param>
    /// <exception cref="ArgumentException">The block's channel count differs from the layout's.</exception>
    public void Process(ReadOnlyAudioBlock block)
    {
        if (block.ChannelCount != _channels)
        {
            throw new ArgumentException(
                $"The block has {block.ChannelCount} channels but the meter was made for {_channels} ({Layout}).", nameof(block));
        }

        var frames = block.FrameCount;
        var offset = 0;
        while (offset < frames)
        {
            var count = Math.Min(frames - offset, _subBlockRemaining);
            // Channels in pairs: two independent filter recursions in one loop run almost as fast as one.
            var energy = 0.0;
            var i = 0;
            for (; i + 1 < _weightedChannels.Length; i += 2)
            {
                int a = _weightedChannels[i], b = _weightedChannels[i + 1];
                var (sumA, sumB) = _filter.FilterSumOfSquares(a, block[a].Slice(offset, count), b, block[b].Slice(offset, count));
                energy += (_weights[a] * sumA) + (_weights[b] * sumB);
            }

            if (i < _weightedChannels.Length)
            {
                var c = _weightedChannels[i];
                energy += _weights[c] * _filter.FilterSumOfSquares(c, block[c].Slice(offset, count));
            }

            _subBlockEnergy += energy;
            _subBlockRemaining -= count;
            offset += count;
            if (_subBlockRemaining == 0)
            {
                CompleteSubBlock();
            }
        }

        for (var c = 0; c < _channels; c++)
        {
            var samples = block[c];
            _samplePeak[c] = Math.Max(_samplePeak[c], AudioMath.Peak(samples));
            _truePeak.Process(c, samples);
        }

        _frames += frames;
        Publish();
    }

    /// <summary>Starts a new measurement: clears filters, windows, gated statistics, maxima and peaks. Audio thread; allocation-free.</summary>
    public void Reset()
    {
        _filter.Reset();
        _truePeak.Reset();
        Array.Clear(_samplePeak);
        Array.Clear(_ring);
        _blocks.Clear();
        _shortTerms.Clear();
        _ringPosition = 0;
        _subBlocks = 0;
        _subBlockIndex = 0;
        _subBlockRemaining = _subBlockLengths[0];
        _subBlockEnergy = 0;
        _momentaryEnergy = _shortTermEnergy = _maxMomentaryEnergy = _maxShortTermEnergy = 0;
        _integratedEnergy = _rangeLowEnergy = _rangeHighEnergy = 0;
        _rangeDefined = false;
        _frames = 0;
        Publish();
    }

    private double TruePeakLinear(int channel) => Math.Max(_truePeak.GetPeak(channel), _samplePeak[channel]);

    private void CompleteSubBlock()
    {
        _ring[_ringPosition] = _subBlockEnergy;
        _ringPosition = _ringPosition + 1 == ShortTermSubBlocks ? 0 : _ringPosition + 1;
        _subBlocks++;
        _subBlockEnergy = 0;

        // Summed afresh from the ring each hop (300 additions per 10 ms): no running sum to drift.
        double momentary = 0, shortTerm = 0;
        for (var i = 0; i < ShortTermSubBlocks; i++)
        {
            var index = _ringPosition + i;
            var value = _ring[index >= ShortTermSubBlocks ? index - ShortTermSubBlocks : index];
            shortTerm += value;
            if (i >= ShortTermSubBlocks - MomentarySubBlocks)
            {
                momentary += value;
            }
        }

        _momentaryEnergy = momentary / _momentaryDivisor;
        _shortTermEnergy = shortTerm / _shortTermDivisor;
        _maxMomentaryEnergy = Math.Max(_maxMomentaryEnergy, _momentaryEnergy);
        _maxShortTermEnergy = Math.Max(_maxShortTermEnergy, _shortTermEnergy);

        _subBlockIndex = _subBlockIndex + 1 == SubBlocksPer100Ms ? 0 : _subBlockIndex + 1;
        _subBlockRemaining = _subBlockLengths[_subBlockIndex];
        if (_subBlockIndex != 0)
        {
            return;
        }

        // A 100 ms boundary: a new gating block once 400 ms exist, a new LRA value once 3 s exist.
        if (_subBlocks >= MomentarySubBlocks)
        {
            _blocks.Add(_momentaryEnergy);
            _integratedEnergy = _blocks.GatedMeanEnergy(IntegratedRelativeGateLu);
        }

        if (_subBlocks >= ShortTermSubBlocks && (_subBlocks - ShortTermSubBlocks) % (_rangeHop * SubBlocksPer100Ms) == 0)
        {
            _shortTerms.Add(_shortTermEnergy);
            _rangeDefined = _shortTerms.TryGetPercentiles(
                RangeRelativeGateLu, RangeLowPercentile, RangeHighPercentile, out _rangeLowEnergy, out _rangeHighEnergy);
        }
    }

    private void Publish()
    {
        Interlocked.Increment(ref _sequence);
        _published = GetSnapshot();
        for (var c = 0; c < _channels; c++)
        {
            _publishedTruePeaks[c] = LoudnessMath.PeakToDb(TruePeakLinear(c));
        }

        Interlocked.Increment(ref _sequence);
    }
}
