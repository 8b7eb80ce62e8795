using System.Numerics.Tensors;
using AudioPost.Sdk.Automation;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.Dsp.Dynamics;

namespace AudioPost.Sdk.Processing.Dynamics;

/// <summary>
/// A downward compressor: peak or RMS detection, threshold, ratio, soft knee, attack, release, make-up gain, channel
/// linking, optional look-ahead, and an optional side-chain key.
/// </summary>
/// <remarks>
/// <para><b>Two ways into a graph.</b> Added with <c>AddProcessor</c> it compresses its input by its own level. Added
/// with <c>AddMultiInput</c> it has two ports: port 0 is the audio compressed (the main), port 1 the key whose level
/// drives the reduction (a voice-over ducking music, a kick keying a bass). The key may be mono (one reduction for every
/// main channel) or as wide as the main (channel to channel); an unconnected key falls back to the main. The graph
/// delays whichever port arrives earlier, so main and key stay aligned.</para>
/// <para><b>Signal path.</b> Per detected channel: <see cref="LevelDetector"/> (peak: the bare sample; RMS: a mean
/// square over <see cref="RmsWindowMilliseconds"/>) → <see cref="GainComputer.CompressorReductionDb(float, float, float, float)"/> → linking (each
/// channel's reduction moves towards the largest by <see cref="Link"/> %) → <see cref="GainReductionEnvelope"/>
/// (release, look-ahead hold, attack, look-ahead ramp) → gain = make-up − reduction, applied to the main delayed by
/// the look-ahead. Attack and release follow the <see cref="TimeConstant"/> convention (63.2 % of a step).</para>
/// <para><b>Latency.</b> <see cref="LatencyFrames"/> is the look-ahead in frames (rounded), fixed at construction so the
/// graph can compensate it; bypass keeps it (the audio is still delayed).</para>
/// <para><b>Threads.</b> Parameters and <see cref="Bypassed"/> may be set from any thread; <see cref="GainReduction"/>
/// is read from any thread. Process and Reset follow the real-time rules (no allocation, locks or throws for data);
/// Prepare allocates.</para>
/// </remarks>
public sealed class CompressorProcessor : IAudioProcessor, IMultiInputProcessor, IBoundedMemory
{
    /// <summary>The longest look-ahead accepted, in ms.</summary>
    public const double MaxLookAheadMilliseconds = 20;

    private const double BypassFadeSeconds = 0.01;

    private readonly AudioParameter[] _parameters;
    private LevelDetector[] _detectors = [];
    private GainReductionEnvelope[] _envelopes = [];
    private LookAheadDelay? _delay;
    private float[] _work = [];
    private float[] _attackCoefficients = [];
    private float[] _releaseCoefficients = [];
    private float[] _gains = [];
    private float[] _gainsDb = [];
    private int _channels;
    private int _maxBlock;
    private int _sampleRate;
    private int _latency;
    private AttackReleaseCoefficients _coefficients = AttackReleaseCoefficients.Unset;
    private float _mix = 1f;
    private float _mixStep;
    private volatile bool _bypassed;

    /// <summary>Creates a compressor.</summary>
    /// <param name="thresholdDb">Threshold in dB (the middle of the knee), −80 to 0; default −20.</param>
    /// <param name="ratio">Ratio, 1 to 100; default 4.</param>
    /// <param name="kneeDb">Soft-knee width in dB, 0 (hard) to 24; default 6.</param>
    /// <param name="attackMilliseconds">Attack time constant in ms, 0.01 to 1 000; default 10.</param>
    /// <param name="releaseMilliseconds">Release time constant in ms, 1 to 5 000; default 100.</param>
    /// <param name="makeupDb">Make-up gain in dB, −24 to +24; default 0.</param>
    /// <param name="detection">Peak or RMS detection; default peak.</param>
    /// <param name="lookAheadMilliseconds">Look-ahead in ms, 0 to <see cref="MaxLookAheadMilliseconds"/>; default 0. It is the latency.</param>
    /// <param name="rmsWindowMilliseconds">RMS averaging time constant in ms, 0.1 to 1 000; default 10. Unused by peak detection.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public CompressorProcessor(
        float thresholdDb = -20f,
        float ratio = 4f,
        float kneeDb = 6f,
        float attackMilliseconds = 10f,
        float releaseMilliseconds = 100f,
        float makeupDb = 0f,
        DetectionMode detection = DetectionMode.Peak,
        double lookAheadMilliseconds = 0,
        double rmsWindowMilliseconds = 10)
    {
        DynamicsArguments.CheckRange(lookAheadMilliseconds, 0, MaxLookAheadMilliseconds, nameof(lookAheadMilliseconds));
        DynamicsArguments.CheckRange(rmsWindowMilliseconds, 0.1, 1_000, nameof(rmsWindowMilliseconds));
        Threshold = DynamicsArguments.Parameter("threshold", thresholdDb, -80f, 0f, nameof(thresholdDb));
        Ratio = DynamicsArguments.Parameter("ratio", ratio, 1f, 100f, nameof(ratio));
        Knee = DynamicsArguments.Parameter("knee", kneeDb, 0f, 24f, nameof(kneeDb));
        Attack = DynamicsArguments.Parameter("attack", attackMilliseconds, 0.01f, 1_000f, nameof(attackMilliseconds));
        Release = DynamicsArguments.Parameter("release", releaseMilliseconds, 1f, 5_000f, nameof(releaseMilliseconds));
        Makeup = DynamicsArguments.Parameter("makeup", makeupDb, -24f, 24f, nameof(makeupDb));
        Link = DynamicsArguments.Parameter("link", 100f, 0f, 100f, "link");
        _parameters = [Threshold, Ratio, Knee, Attack, Release, Makeup, Link];
        Detection = detection;
        LookAheadMilliseconds = lookAheadMilliseconds;
        RmsWindowMilliseconds = rmsWindowMilliseconds;
    }

    /// <summary>Gets the threshold parameter, in dB (−80 to 0): the level, by the detector, at the middle of the knee.</summary>
    public AudioParameter Threshold { get; }

    /// <summary>Gets the ratio parameter (1 to 100): above the knee, every <c>R</c> dB of input above the threshold gives 1 dB of output.</summary>
    public AudioParameter Ratio { get; }

    /// <summary>Gets the knee-width parameter, in dB (0 = hard knee, up to 24), centred on the threshold.</summary>
    public AudioParameter Knee { get; }

    /// <summary>Gets the attack parameter, in ms (0.01 to 1 000): time for the reduction to cover 63.2 % of a rise in demand.</summary>
    public AudioParameter Attack { get; }

    /// <summary>Gets the release parameter, in ms (1 to 5 000): time constant of the reduction's decay when the demand falls.</summary>
    public AudioParameter Release { get; }

    /// <summary>Gets the make-up gain parameter, in dB (−24 to +24), applied after the reduction.</summary>
    public AudioParameter Makeup { get; }

    /// <summary>
    /// Gets the channel-link parameter, in % (0 to 100; default 100): at 100 every channel takes the largest reduction of
    /// all (the stereo image holds), at 0 each channel is compressed by its own level.
    /// </summary>
    public AudioParameter Link { get; }

    /// <summary>Gets the detection mode.</summary>
    public DetectionMode Detection { get; }

    /// <summary>Gets the look-ahead in ms.</summary>
    public double LookAheadMilliseconds { get; }

    /// <summary>Gets the RMS averaging time constant in ms.</summary>
    public double RmsWindowMilliseconds { get; }

    /// <summary>
    /// Gets or sets whether the compressor is bypassed: the gain fades to unity over 10 ms (and back), the detector
    /// keeps running and the audio keeps its look-ahead delay, so toggling neither clicks nor shifts the timing. Any thread.
    /// </summary>
    public bool Bypassed
    {
        get => _bypassed;
        set => _bypassed = value;
    }

    /// <summary>Gets the gain-reduction meter: one value per main channel, in dB.</summary>
    public GainReductionMeter GainReduction { get; } = new();

    /// <inheritdoc />
    public int LatencyFrames => _latency;

    /// <inheritdoc />
    /// <remarks>
    /// The look-ahead delay plus the time the detector (RMS window) and the gain envelope (attack and release, both
    /// first-order) take to forget, at the current settings. The side-chain key, if connected, must be bounded too.
    /// </remarks>
    public long MemoryFrames
    {
        get
        {
            var window = Detection == DetectionMode.Rms ? RmsWindowMilliseconds : 0;
            var seconds = (window + Attack.Value + Release.Value) / 1000.0;
            return ProcessorMemory.Add(_latency, ProcessorMemory.FromTimeConstant(seconds, Math.Max(1, _sampleRate)));
        }
    }

    /// <summary>Gets 2: port 0 is the main (compressed), port 1 the side-chain key (when added as a multi-input node).</summary>
    public int InputCount => 2;

    /// <summary>Gets true: the key may be connected, widened or removed while the compressor plays.</summary>
    public bool AcceptsInputChangesWhilePrepared => true;

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">No channels, or more than <see cref="AudioBuffer.MaxChannels"/>.</exception>
    public int GetOutputChannelCount(int inputChannelCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputChannelCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(inputChannelCount, AudioBuffer.MaxChannels);
        return inputChannelCount;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The main is unconnected, or the key is neither mono nor as wide as the main.</exception>
    public int GetOutputChannelCount(ReadOnlySpan<int> inputChannelCounts)
    {
        var main = inputChannelCounts.Length > 0 ? inputChannelCounts[0] : 0;
        var key = inputChannelCounts.Length > 1 ? inputChannelCounts[1] : 0;
        if (main < 1)
        {
            throw new ArgumentException("Port 0 (the main audio to compress) must be connected.", nameof(inputChannelCounts));
        }

        if (key is not 0 and not 1 && key != main)
        {
            throw new ArgumentException($"The side-chain key (port 1) has {key} channels: feed it mono or {main} channels, as the main.", nameof(inputChannelCounts));
        }

        return GetOutputChannelCount(main);
    }

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
        var channels = GetOutputChannelCount(spec.ChannelCount);
        _sampleRate = spec.SampleRate;
        _maxBlock = spec.MaxBlockFrames;
        _latency = (int)Math.Round(LookAheadMilliseconds * spec.SampleRate / 1000);
        foreach (var parameter in _parameters)
        {
            parameter.Prepare(spec.SampleRate, spec.MaxBlockFrames);
        }

        _detectors = new LevelDetector[channels];
        _envelopes = new GainReductionEnvelope[channels];
        var window = Detection == DetectionMode.Rms ? RmsWindowMilliseconds : 0;
        for (var c = 0; c < channels; c++)
        {
            _detectors[c] = new LevelDetector(Detection, window, spec.SampleRate);
            _envelopes[c] = new GainReductionEnvelope(_latency);
        }

        _delay = new LookAheadDelay(channels, _latency);
        _work = new float[channels * spec.MaxBlockFrames];
        _attackCoefficients = new float[spec.MaxBlockFrames];
        _releaseCoefficients = new float[spec.MaxBlockFrames];
        _gains = new float[spec.MaxBlockFrames];
        _gainsDb = new float[spec.MaxBlockFrames];
        _mixStep = (float)(1.0 / Math.Max(1, BypassFadeSeconds * spec.SampleRate));
        _coefficients = AttackReleaseCoefficients.Unset;
        GainReduction.Prepare(channels);
        _channels = channels;
        Reset();
    }

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec, ReadOnlySpan<int> inputChannelCounts) => Prepare(spec);

    /// <inheritdoc />
    public void Reset()
    {
        foreach (var parameter in _parameters)
        {
            parameter.Reset();
        }

        for (var c = 0; c < _channels; c++)
        {
            _detectors[c].Reset();
            _envelopes[c].Reset();
        }

        _delay?.Reset();
        _mix = _bypassed ? 0f : 1f;
        GainReduction.Reset();
    }

    /// <inheritdoc />
    public void Process(AudioBlock buffer, in ProcessContext context)
    {
        if (_channels == 0)
        {
            return;
        }

        var main = buffer.SliceChannels(0, _channels);
        Run(main, main, context);
    }

    /// <inheritdoc />
    public void Process(in AudioInputs inputs, AudioBlock output, in ProcessContext context)
    {
        if (_channels == 0)
        {
            return;
        }

        var main = output.SliceChannels(0, _channels);
        var source = inputs[0];
        for (var c = 0; c < _channels && c < source.ChannelCount; c++)
        {
            source[c].CopyTo(main[c]);
        }

        var key = inputs.Count > 1 ? inputs[1] : default;
        if (key.ChannelCount == 1 || key.ChannelCount == _channels)
        {
            Run(main, key, context);
        }
        else
        {
            Run(main, main, context);
        }
    }

    private void Run(AudioBlock main, ReadOnlyAudioBlock key, in ProcessContext context)
    {
        var frames = main.FrameCount;
        var timeline = context.TimelineFrame;
        var threshold = Threshold.Process(timeline, frames);
        var ratio = Ratio.Process(timeline, frames);
        var knee = Knee.Process(timeline, frames);
        var attack = Attack.Process(timeline, frames);
        var release = Release.Process(timeline, frames);
        var makeup = Makeup.Process(timeline, frames);
        var link = Link.Process(timeline, frames);

        var detected = key.ChannelCount == 1 ? 1 : _channels;

        // Fully linked without look-ahead, every channel follows the loudest: one envelope serves them all. With an
        // instantaneous peak detector the loudest channel can be picked before the detector and the curve (both
        // monotonic in |x|), so they run once instead of once per channel.
        var shared = detected > 1 && link.IsConstant && link.First == 100f && _latency == 0;
        var picked = shared && _detectors[0].IsInstantPeak;
        if (picked)
        {
            var loudest = _work.AsSpan(0, frames);
            var other = _work.AsSpan(_maxBlock, frames);
            TensorPrimitives.Abs(key[0], loudest);
            for (var d = 1; d < detected; d++)
            {
                TensorPrimitives.Abs(key[d], other);
                TensorPrimitives.Max(loudest, other, loudest);
            }

            _detectors[0].Process(loudest, loudest);
        }

        for (var d = 0; d < (picked ? 1 : detected); d++)
        {
            var demand = _work.AsSpan(d * _maxBlock, frames);
            if (!picked)
            {
                _detectors[d].Process(key[d], demand);
            }

            if (threshold.IsConstant && ratio.IsConstant && knee.IsConstant)
            {
                GainComputer.CompressorReductionDb(demand, demand, threshold.First, ratio.First, knee.First);
                continue;
            }

            for (var i = 0; i < frames; i++)
            {
                demand[i] = GainComputer.CompressorReductionDb(demand[i], threshold.Values[i], ratio.Values[i], knee.Values[i]);
            }
        }

        if (shared)
        {
            var largest = _work.AsSpan(0, frames);
            for (var d = 1; d < detected && !picked; d++)
            {
                TensorPrimitives.Max(largest, _work.AsSpan(d * _maxBlock, frames), largest);
            }
        }
        else if (detected > 1 && !(link.IsConstant && link.First == 0f))
        {
            LinkChannels(detected, frames, link);
        }

        var envelopes = shared ? 1 : detected;

        var constantTimes = attack.IsConstant && release.IsConstant;
        if (constantTimes)
        {
            _coefficients.Update(attack.First, release.First, _sampleRate);
        }
        else
        {
            for (var i = 0; i < frames; i++)
            {
                _attackCoefficients[i] = TimeConstant.Coefficient(attack.Values[i], _sampleRate);
                _releaseCoefficients[i] = TimeConstant.Coefficient(release.Values[i], _sampleRate);
            }
        }

        for (var d = 0; d < envelopes; d++)
        {
            var demand = _work.AsSpan(d * _maxBlock, frames);
            if (constantTimes)
            {
                _envelopes[d].Process(demand, _coefficients.Attack, _coefficients.Release);
            }
            else
            {
                _envelopes[d].Process(demand, _attackCoefficients.AsSpan(0, frames), _releaseCoefficients.AsSpan(0, frames));
            }
        }

        for (var d = envelopes; d < detected; d++)
        {
            // Kept in step so that unlinking later continues from where the shared envelope is.
            _envelopes[d].FollowWithoutLookAhead(_envelopes[0]);
        }

        _delay!.Process(main);
        var mixStart = _mix;
        var mixTarget = _bypassed ? 0f : 1f;
        var mixEnd = mixStart;
        var gains = _gains.AsSpan(0, frames);
        var gainsFor = -1;
        GainReduction.BeginWrite();
        for (var c = 0; c < _channels; c++)
        {
            var d = envelopes == 1 ? 0 : c;
            if (d != gainsFor)
            {
                // Channels that share an envelope share the gains: computed (dB, mix, exp) once.
                var reduction = _work.AsSpan(d * _maxBlock, frames);
                _mix = mixStart;
                var gainsDb = _gainsDb.AsSpan(0, frames);
                mixEnd = FillGainsDb(reduction, makeup.Values, mixTarget, gainsDb);
                if (!(mixEnd == 0f && mixStart == 0f))
                {
                    GainMath.ToGain(gainsDb, gains);
                }

                gainsFor = d;
            }

            GainReduction.Set(c, _envelopes[d].CurrentReductionDb * mixEnd);
            if (mixEnd == 0f && mixStart == 0f)
            {
                continue;
            }

            AudioMath.ApplyGain(main[c], gains, main[c]);
        }

        GainReduction.EndWrite();
    }

    /// <summary>Writes <c>mix · (makeup − reduction)</c> in dB per sample, gliding the bypass mix; returns the mix at the end.</summary>
    private float FillGainsDb(ReadOnlySpan<float> reduction, ReadOnlySpan<float> makeup, float mixTarget, Span<float> gainsDb)
    {
        var mix = _mix;
        if (mix == mixTarget)
        {
            TensorPrimitives.Subtract(makeup.Slice(0, gainsDb.Length), reduction, gainsDb);
            TensorPrimitives.Multiply(gainsDb, mix, gainsDb);
            return mix;
        }

        var step = mixTarget > mix ? _mixStep : -_mixStep;
        for (var i = 0; i < gainsDb.Length; i++)
        {
            mix = step > 0 ? MathF.Min(mixTarget, mix + step) : MathF.Max(mixTarget, mix + step);
            gainsDb[i] = mix * (makeup[i] - reduction[i]);
        }

        _mix = mix;
        return mix;
    }

    private void LinkChannels(int channels, int frames, ParameterValues link)
    {
        // The largest demand across channels per frame (in the dB-gain scratch, free until FillGainsDb), then each
        // channel moves towards it by the link amount: value += 0.01 · link · (largest − value).
        var largest = _gainsDb.AsSpan(0, frames);
        var difference = _gains.AsSpan(0, frames);
        _work.AsSpan(0, frames).CopyTo(largest);
        for (var d = 1; d < channels; d++)
        {
            TensorPrimitives.Max(largest, _work.AsSpan(d * _maxBlock, frames), largest);
        }

        for (var d = 0; d < channels; d++)
        {
            var demand = _work.AsSpan(d * _maxBlock, frames);
            TensorPrimitives.Subtract(largest, demand, difference);
            if (link.IsConstant)
            {
                TensorPrimitives.MultiplyAdd(difference, 0.01f * link.First, demand, demand);
                continue;
            }

            var percent = link.Values;
            for (var i = 0; i < frames; i++)
            {
                demand[i] += 0.01f * percent[i] * difference[i];
            }
        }
    }
}
