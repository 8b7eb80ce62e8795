using AudioPost.Sdk.Automation;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.Dsp.Dynamics;
using AudioPost.Sdk.Dsp.Filters;

namespace AudioPost.Sdk.Processing.Dynamics;

/// <summary>
/// A multiband compressor: a Linkwitz-Riley crossover splits the audio into N bands, each band is compressed by its own
/// level with its own <see cref="CompressorBand"/> parameters, and the bands are summed.
/// </summary>
/// <remarks>
/// <para><b>Flat when idle.</b> The bands of a <see cref="LinkwitzRileyCrossover"/> sum to an all-pass: with every
/// ratio at 1 and make-up at 0 dB the magnitude response is flat (the gains are exactly 1), with the crossovers' phase
/// shift and no latency.</para>
/// <para><b>Per band.</b> Level detection (peak or RMS, <see cref="Detection"/>) with the loudest channel driving all
/// channels of the band → <see cref="GainComputer.CompressorReductionDb(float, float, float, float)"/> → <see cref="GainReductionEnvelope"/> →
/// make-up − reduction. Attack and release follow the <see cref="TimeConstant"/> convention and are read once per block;
/// threshold, ratio, knee and make-up per sample; the crossover frequencies once per block (keep them ascending).</para>
/// <para>Parameters may be set from any thread; Process and Reset follow the real-time rules; Prepare allocates.</para>
/// </remarks>
public sealed class MultibandCompressorProcessor : IAudioProcessor
{
    private readonly CompressorBand[] _bands;
    private readonly AudioParameter[] _frequencies;
    private readonly AudioParameter[] _parameters;
    private LinkwitzRileyCrossover? _crossover;
    private LevelDetector[] _detectors = [];
    private GainReductionEnvelope[] _envelopes = [];
    private float[] _split = [];
    private float[] _levels = [];
    private float[] _gainsDb = [];
    private float[] _gains = [];
    private int _channels;
    private int _maxBlock;
    private int _sampleRate;

    /// <summary>Creates a multiband compressor whose bands start at ratio 1 (transparent).</summary>
    /// <param name="crossoverFrequenciesHz">The crossover frequencies in Hz, 1 to 7 of them, strictly ascending, each 20 to 20 000; bands = frequencies + 1.</param>
    /// <param name="detection">Peak or RMS detection for every band; default peak.</param>
    /// <param name="crossoverOrder">Linkwitz-Riley order, 2, 4, 6 or 8; default 4 (24 dB/octave).</param>
    /// <param name="rmsWindowMilliseconds">RMS averaging time constant in ms, 0.1 to 1 000; default 10. Unused by peak detection.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    /// <exception cref="ArgumentException">The frequencies are not strictly ascending.</exception>
    public MultibandCompressorProcessor(ReadOnlySpan<float> crossoverFrequenciesHz, DetectionMode detection = DetectionMode.Peak, int crossoverOrder = 4, double rmsWindowMilliseconds = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(crossoverFrequenciesHz.Length, 1, nameof(crossoverFrequenciesHz));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(crossoverFrequenciesHz.Length, 7, nameof(crossoverFrequenciesHz));
        if (crossoverOrder is not (2 or 4 or 6 or 8))
        {
            throw new ArgumentOutOfRangeException(nameof(crossoverOrder), crossoverOrder, "Must be 2, 4, 6 or 8.");
        }

        DynamicsArguments.CheckRange(rmsWindowMilliseconds, 0.1, 1_000, nameof(rmsWindowMilliseconds));
        _frequencies = new AudioParameter[crossoverFrequenciesHz.Length];
        for (var j = 0; j < crossoverFrequenciesHz.Length; j++)
        {
            if (j > 0 && !(crossoverFrequenciesHz[j] > crossoverFrequenciesHz[j - 1]))
            {
                throw new ArgumentException($"Crossover frequencies must be strictly ascending; {crossoverFrequenciesHz[j]} Hz follows {crossoverFrequenciesHz[j - 1]} Hz.", nameof(crossoverFrequenciesHz));
            }

            _frequencies[j] = DynamicsArguments.Parameter($"crossover {j}", crossoverFrequenciesHz[j], 20f, 20_000f, nameof(crossoverFrequenciesHz));
        }

        _bands = new CompressorBand[crossoverFrequenciesHz.Length + 1];
        var parameters = new List<AudioParameter>(_frequencies);
        for (var b = 0; b < _bands.Length; b++)
        {
            _bands[b] = new CompressorBand(b);
            parameters.AddRange(_bands[b].All);
        }

        _parameters = [.. parameters];
        Detection = detection;
        CrossoverOrder = crossoverOrder;
        RmsWindowMilliseconds = rmsWindowMilliseconds;
    }

    /// <summary>Gets the number of bands.</summary>
    public int BandCount => _bands.Length;

    /// <summary>Gets the Linkwitz-Riley order of the crossover.</summary>
    public int CrossoverOrder { get; }

    /// <summary>Gets the detection mode of every band.</summary>
    public DetectionMode Detection { get; }

    /// <summary>Gets the RMS averaging time constant in ms.</summary>
    public double RmsWindowMilliseconds { get; }

    /// <summary>Gets the gain-reduction meter: one value per band, in dB.</summary>
    public GainReductionMeter GainReduction { get; } = new();

    /// <summary>Gets the crossover after Prepare (for its analytic band responses), or null before.</summary>
    public LinkwitzRileyCrossover? Crossover => _crossover;

    /// <summary>Gets the parameters of band <paramref name="band"/> (0 = lowest).</summary>
    /// <param name="band">0 to <see cref="BandCount"/> − 1.</param>
    public CompressorBand GetBand(int band) => _bands[band];

    /// <summary>Gets the frequency parameter, in Hz (20 to 20 000, at most 0.45 × the sample rate is used), of crossover <paramref name="split"/>.</summary>
    /// <param name="split">0 to <see cref="BandCount"/> − 2.</param>
    public AudioParameter GetCrossoverFrequency(int split) => _frequencies[split];

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">No channels, or more than <see cref="AudioBuffer.MaxChannels"/>.</exception>
    public void Prepare(in ProcessSpec spec)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(spec.ChannelCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(spec.ChannelCount, AudioBuffer.MaxChannels);
        foreach (var parameter in _parameters)
        {
            parameter.Prepare(spec.SampleRate, spec.MaxBlockFrames);
        }

        Span<double> frequencies = stackalloc double[_frequencies.Length];
        for (var j = 0; j < frequencies.Length; j++)
        {
            frequencies[j] = ClampFrequency(_frequencies[j].CurrentValue, spec.SampleRate);
        }

        _crossover = new LinkwitzRileyCrossover(spec.SampleRate, spec.ChannelCount, spec.MaxBlockFrames, CrossoverOrder, frequencies);
        var detectors = BandCount * spec.ChannelCount;
        _detectors = LinkedLevel.CreateDetectors(detectors, Detection, Detection == DetectionMode.Rms ? RmsWindowMilliseconds : 0, spec.SampleRate);

        _envelopes = new GainReductionEnvelope[BandCount];
        for (var b = 0; b < BandCount; b++)
        {
            _envelopes[b] = new GainReductionEnvelope();
        }

        _split = new float[BandCount * spec.ChannelCount * spec.MaxBlockFrames];
        _levels = new float[2 * spec.MaxBlockFrames];
        _gainsDb = new float[spec.MaxBlockFrames];
        _gains = new float[spec.MaxBlockFrames];
        _maxBlock = spec.MaxBlockFrames;
        _sampleRate = spec.SampleRate;
        GainReduction.Prepare(BandCount);
        _channels = spec.ChannelCount;
        Reset();
    }

    /// <inheritdoc />
    public void Reset()
    {
        foreach (var parameter in _parameters)
        {
            parameter.Reset();
        }

        LinkedLevel.Reset(_detectors);

        foreach (var envelope in _envelopes)
        {
            envelope.Reset();
        }

        _crossover?.Reset();
        GainReduction.Reset();
    }

    /// <inheritdoc />
    public void Process(AudioBlock buffer, in ProcessContext context)
    {
        if (_crossover is not { } crossover)
        {
            return;
        }

        var frames = buffer.FrameCount;
        var timeline = context.TimelineFrame;
        for (var j = 0; j < _frequencies.Length; j++)
        {
            var frequency = ClampFrequency(_frequencies[j].Process(timeline, frames).First, _sampleRate);
            if (frequency != crossover.GetFrequency(j))
            {
                crossover.SetFrequency(j, frequency);
            }
        }

        var main = buffer.SliceChannels(0, _channels);
        var bands = new AudioBlock(_split, BandCount * _channels, frames, _maxBlock);
        crossover.Process(main, bands);
        main.Clear();
        GainReduction.BeginWrite();
        for (var b = 0; b < BandCount; b++)
        {
            var reduction = CompressBand(b, bands.SliceChannels(b * _channels, _channels), timeline, frames);
            GainReduction.Set(b, reduction);
            for (var c = 0; c < _channels; c++)
            {
                AudioMath.MixInto(bands[(b * _channels) + c], 1f, main[c]);
            }
        }

        GainReduction.EndWrite();
    }

    private static double ClampFrequency(float frequency, int sampleRate) => Math.Min(frequency, 0.45 * sampleRate);

    /// <summary>Compresses one band in place; returns its reduction at the block's end, in dB.</summary>
    private float CompressBand(int b, AudioBlock band, long timeline, int frames)
    {
        var parameters = _bands[b];
        var threshold = parameters.Threshold.Process(timeline, frames);
        var ratio = parameters.Ratio.Process(timeline, frames);
        var knee = parameters.Knee.Process(timeline, frames);
        var attack = parameters.Attack.Process(timeline, frames);
        var release = parameters.Release.Process(timeline, frames);
        var makeup = parameters.Makeup.Process(timeline, frames);
        if (ratio.IsConstant && ratio.First == 1f && makeup.IsConstant && makeup.First == 0f && _envelopes[b].CurrentReductionDb == 0f)
        {
            // An idle band: keep its detectors current (so engaging it later starts from the true level) but leave
            // the audio bit for bit.
            for (var c = 0; c < _channels; c++)
            {
                _detectors[(b * _channels) + c].Process(band[c], _levels.AsSpan(0, frames));
            }

            return 0f;
        }

        var level = _levels.AsSpan(0, frames);
        LinkedLevel.Loudest(_detectors.AsSpan(b * _channels, _channels), band, level, _levels.AsSpan(_maxBlock, frames));

        for (var i = 0; i < frames; i++)
        {
            level[i] = GainComputer.CompressorReductionDb(level[i], threshold.Values[i], ratio.Values[i], knee.Values[i]);
        }

        _envelopes[b].Process(level, TimeConstant.Coefficient(attack.First, _sampleRate), TimeConstant.Coefficient(release.First, _sampleRate));
        var gainsDb = _gainsDb.AsSpan(0, frames);
        System.Numerics.Tensors.TensorPrimitives.Subtract(makeup.Values, level, gainsDb);
        var gains = _gains.AsSpan(0, frames);
        GainMath.ToGain(gainsDb, gains);
        for (var c = 0; c < _channels; c++)
        {
            AudioMath.ApplyGain(band[c], gains, band[c]);
        }

        return _envelopes[b].CurrentReductionDb;
    }
}
