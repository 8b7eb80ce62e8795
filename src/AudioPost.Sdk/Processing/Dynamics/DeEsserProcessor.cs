using AudioPost.Sdk.Automation;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.Dsp.Dynamics;
using AudioPost.Sdk.Dsp.Filters;

namespace AudioPost.Sdk.Processing.Dynamics;

/// <summary>
/// A split-band de-esser: a Linkwitz-Riley crossover divides the audio at <see cref="Frequency"/>; only the band above
/// is compressed, driven by its own level, and the bands are summed again. Below the crossover nothing changes.
/// </summary>
/// <remarks>
/// <para><b>Signal path.</b> <see cref="LinkwitzRileyCrossover"/> of order 4 (24 dB/octave each side) → the high band's
/// peak level, the loudest channel driving all → <see cref="GainComputer.CompressorReductionDb(float, float, float, float)"/> (hard knee) →
/// <see cref="GainReductionEnvelope"/> (attack and release, <see cref="TimeConstant"/> convention) → the high band scaled
/// → low + high. With no reduction the output is the input through the crossover's all-pass: a flat magnitude
/// response, a phase shift around the crossover, no latency.</para>
/// <para>Parameters may be set from any thread (the crossover, attack and release follow their parameters once per
/// block; threshold and ratio per sample); Process
/// and Reset follow the real-time rules; Prepare allocates.</para>
/// </remarks>
public sealed class DeEsserProcessor : IAudioProcessor
{
    private const int CrossoverOrder = 4;

    private readonly AudioParameter[] _parameters;
    private LinkwitzRileyCrossover? _crossover;
    private LevelDetector[] _detectors = [];
    private GainReductionEnvelope _envelope = new();
    private float[] _bands = [];
    private float[] _levels = [];
    private float[] _gainsDb = [];
    private float[] _gains = [];
    private int _channels;
    private int _maxBlock;
    private int _sampleRate;
    private AttackReleaseCoefficients _coefficients = AttackReleaseCoefficients.Unset;

    /// <summary>Creates a de-esser.</summary>
    /// <param name="frequencyHz">Crossover frequency in Hz, 1 000 to 16 000; default 5 000.</param>
    /// <param name="thresholdDb">Threshold for the high band's peak level, in dB, −80 to 0; default −30.</param>
    /// <param name="ratio">Ratio applied to the high band, 1 to 100; default 4.</param>
    /// <param name="attackMilliseconds">Attack time constant in ms, 0.01 to 100; default 0.5.</param>
    /// <param name="releaseMilliseconds">Release time constant in ms, 1 to 1 000; default 60.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public DeEsserProcessor(float frequencyHz = 5_000f, float thresholdDb = -30f, float ratio = 4f, float attackMilliseconds = 0.5f, float releaseMilliseconds = 60f)
    {
        Frequency = DynamicsArguments.Parameter("frequency", frequencyHz, 1_000f, 16_000f, nameof(frequencyHz));
        Threshold = DynamicsArguments.Parameter("threshold", thresholdDb, -80f, 0f, nameof(thresholdDb));
        Ratio = DynamicsArguments.Parameter("ratio", ratio, 1f, 100f, nameof(ratio));
        Attack = DynamicsArguments.Parameter("attack", attackMilliseconds, 0.01f, 100f, nameof(attackMilliseconds));
        Release = DynamicsArguments.Parameter("release", releaseMilliseconds, 1f, 1_000f, nameof(releaseMilliseconds));
        _parameters = [Frequency, Threshold, Ratio, Attack, Release];
    }

    /// <summary>Gets the crossover frequency parameter, in Hz (1 000 to 16 000; at most 0.45 × the sample rate is used).</summary>
    public AudioParameter Frequency { get; }

    /// <summary>Gets the threshold parameter, in dB (−80 to 0), compared with the high band's peak level.</summary>
    public AudioParameter Threshold { get; }

    /// <summary>Gets the ratio parameter (1 to 100) applied to the high band above the threshold.</summary>
    public AudioParameter Ratio { get; }

    /// <summary>Gets the attack time constant parameter, in ms (0.01 to 100).</summary>
    public AudioParameter Attack { get; }

    /// <summary>Gets the release time constant parameter, in ms (1 to 1 000).</summary>
    public AudioParameter Release { get; }

    /// <summary>Gets the gain-reduction meter of the high band: one value per channel (all equal), in dB.</summary>
    public GainReductionMeter GainReduction { get; } = new();

    /// <summary>Gets the crossover after Prepare (for its analytic band responses), or null before.</summary>
    public LinkwitzRileyCrossover? Crossover => _crossover;

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

        _crossover = new LinkwitzRileyCrossover(spec.SampleRate, spec.ChannelCount, spec.MaxBlockFrames, CrossoverOrder, ClampFrequency(Frequency.CurrentValue, spec.SampleRate));
        _detectors = LinkedLevel.CreateDetectors(spec.ChannelCount, DetectionMode.Peak, 0, spec.SampleRate);

        _envelope = new GainReductionEnvelope();
        _bands = new float[2 * spec.ChannelCount * spec.MaxBlockFrames];
        _levels = new float[2 * spec.MaxBlockFrames];
        _gainsDb = new float[spec.MaxBlockFrames];
        _gains = new float[spec.MaxBlockFrames];
        _maxBlock = spec.MaxBlockFrames;
        _sampleRate = spec.SampleRate;
        _coefficients = AttackReleaseCoefficients.Unset;
        GainReduction.Prepare(spec.ChannelCount);
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

        LinkedLevel.Reset(_detectors.AsSpan(0, _channels));

        _crossover?.Reset();
        _envelope.Reset();
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
        var frequency = Frequency.Process(timeline, frames);
        var threshold = Threshold.Process(timeline, frames);
        var ratio = Ratio.Process(timeline, frames);
        var attack = Attack.Process(timeline, frames);
        var release = Release.Process(timeline, frames);

        var split = ClampFrequency(frequency.First, _sampleRate);
        if (split != crossover.GetFrequency(0))
        {
            crossover.SetFrequency(0, split);
        }

        var main = buffer.SliceChannels(0, _channels);
        var stride = _maxBlock;
        var low = new AudioBlock(_bands, _channels, frames, stride);
        var high = new AudioBlock(_bands.AsSpan(_channels * stride), _channels, frames, stride);
        crossover.Process(main, low, high);

        var level = _levels.AsSpan(0, frames);
        LinkedLevel.Loudest(_detectors.AsSpan(0, _channels), high, level, _levels.AsSpan(_maxBlock, frames));

        for (var i = 0; i < frames; i++)
        {
            level[i] = GainComputer.CompressorReductionDb(level[i], threshold.Values[i], ratio.Values[i], 0f);
        }

        _coefficients.Update(attack.First, release.First, _sampleRate);
        _envelope.Process(level, _coefficients.Attack, _coefficients.Release);
        var gainsDb = _gainsDb.AsSpan(0, frames);
        System.Numerics.Tensors.TensorPrimitives.Negate(level, gainsDb);
        var gains = _gains.AsSpan(0, frames);
        GainMath.ToGain(gainsDb, gains);
        GainReduction.BeginWrite();
        for (var c = 0; c < _channels; c++)
        {
            var output = main[c];
            AudioMath.ApplyGain(high[c], gains, output);
            AudioMath.MixInto(low[c], 1f, output);
            GainReduction.Set(c, _envelope.CurrentReductionDb);
        }

        GainReduction.EndWrite();
    }

    private static double ClampFrequency(float frequency, int sampleRate) => Math.Min(frequency, 0.45 * sampleRate);
}
