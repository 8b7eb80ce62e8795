using AudioPost.Sdk.Automation;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.Dsp.Dynamics;

namespace AudioPost.Sdk.Processing.Dynamics;

/// <summary>
/// The engine behind <see cref="ExpanderProcessor"/> and <see cref="GateProcessor"/> (a gate is an expander of infinite
/// ratio): linked level detection, an open/closed state with hysteresis and hold, the expander curve, and attack
/// (opening) / release (closing) smoothing of the reduction in dB.
/// </summary>
/// <remarks>
/// Per sample, with <c>L</c> the largest level over the channels: a closed expander opens when <c>L ≥ threshold</c>;
/// an open one stays open while <c>L ≥ threshold − hysteresis</c>, and closes once <c>L</c> has stayed below that for
/// the hold time. Open, the reduction target is 0; closed, it is
/// <see cref="GainComputer.ExpanderReductionDb"/>(L, threshold, ratio, range). The applied reduction moves towards the
/// target by the attack one-pole when falling (opening) and the release one-pole when rising (closing).
/// Real-time safe after Prepare.
/// </remarks>
internal sealed class ExpanderCore
{
    private const float Negligible = 1e-6f;

    private readonly AudioParameter[] _parameters;
    private LevelDetector[] _detectors = [];
    private float[] _levels = [];
    private float[] _gains = [];
    private int _channels;
    private int _maxBlock;
    private int _sampleRate;
    private bool _open;
    private int _holdLeft;
    private float _reduction;

    public ExpanderCore(
        float thresholdDb,
        float? ratio,
        float rangeDb,
        float hysteresisDb,
        float holdMilliseconds,
        float attackMilliseconds,
        float releaseMilliseconds,
        DetectionMode detection,
        double detectorWindowMilliseconds)
    {
        DynamicsArguments.CheckRange(detectorWindowMilliseconds, 0, 1_000, nameof(detectorWindowMilliseconds));
        Threshold = DynamicsArguments.Parameter("threshold", thresholdDb, -100f, 0f, nameof(thresholdDb));
        Ratio = ratio is { } r ? DynamicsArguments.Parameter("ratio", r, 1f, 100f, nameof(ratio)) : null;
        Range = DynamicsArguments.Parameter("range", rangeDb, 0f, 144f, nameof(rangeDb));
        Hysteresis = DynamicsArguments.Parameter("hysteresis", hysteresisDb, 0f, 40f, nameof(hysteresisDb));
        Hold = DynamicsArguments.Parameter("hold", holdMilliseconds, 0f, 5_000f, nameof(holdMilliseconds));
        Attack = DynamicsArguments.Parameter("attack", attackMilliseconds, 0.01f, 1_000f, nameof(attackMilliseconds));
        Release = DynamicsArguments.Parameter("release", releaseMilliseconds, 1f, 5_000f, nameof(releaseMilliseconds));
        Detection = detection;
        DetectorWindowMilliseconds = detectorWindowMilliseconds;
        _parameters = Ratio is null
            ? [Threshold, Range, Hysteresis, Hold, Attack, Release]
            : [Threshold, Ratio, Range, Hysteresis, Hold, Attack, Release];
    }

    public AudioParameter Threshold { get; }

    public AudioParameter? Ratio { get; }

    public AudioParameter Range { get; }

    public AudioParameter Hysteresis { get; }

    public AudioParameter Hold { get; }

    public AudioParameter Attack { get; }

    public AudioParameter Release { get; }

    public DetectionMode Detection { get; }

    public double DetectorWindowMilliseconds { get; }

    public GainReductionMeter GainReduction { get; } = new();

    /// <summary>Gets whether the expander is open (audio thread's view; other threads may see it a block late).</summary>
    public bool IsOpen => Volatile.Read(ref _open);

    public void Prepare(in ProcessSpec spec)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(spec.ChannelCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(spec.ChannelCount, AudioBuffer.MaxChannels);
        foreach (var parameter in _parameters)
        {
            parameter.Prepare(spec.SampleRate, spec.MaxBlockFrames);
        }

        _detectors = LinkedLevel.CreateDetectors(spec.ChannelCount, Detection, DetectorWindowMilliseconds, spec.SampleRate);

        _levels = new float[2 * spec.MaxBlockFrames];
        _gains = new float[spec.MaxBlockFrames];
        _maxBlock = spec.MaxBlockFrames;
        _sampleRate = spec.SampleRate;
        GainReduction.Prepare(spec.ChannelCount);
        _channels = spec.ChannelCount;
        Reset();
    }

    public void Reset()
    {
        foreach (var parameter in _parameters)
        {
            parameter.Reset();
        }

        LinkedLevel.Reset(_detectors.AsSpan(0, _channels));

        // Start closed, as after silence: the first loud sample opens it through the attack.
        _open = false;
        _holdLeft = 0;
        _reduction = Range.CurrentValue;
        GainReduction.Reset();
    }

    public void Process(AudioBlock buffer, in ProcessContext context)
    {
        if (_channels == 0)
        {
            return;
        }

        var frames = buffer.FrameCount;
        var timeline = context.TimelineFrame;
        var threshold = Threshold.Process(timeline, frames);
        var gate = Ratio is null;
        var ratio = gate ? default : Ratio!.Process(timeline, frames);
        var range = Range.Process(timeline, frames);
        var hysteresis = Hysteresis.Process(timeline, frames);
        var hold = Hold.Process(timeline, frames);
        var attack = Attack.Process(timeline, frames);
        var release = Release.Process(timeline, frames);

        // The loudest channel drives one gain for all, so a stereo image never shifts as the gate moves.
        var level = _levels.AsSpan(0, frames);
        LinkedLevel.Loudest(_detectors.AsSpan(0, _channels), buffer, level, _levels.AsSpan(_maxBlock, frames));

        var attackCoefficient = TimeConstant.Coefficient(attack.First, _sampleRate);
        var releaseCoefficient = TimeConstant.Coefficient(release.First, _sampleRate);
        var timesConstant = attack.IsConstant && release.IsConstant;
        var gains = _gains.AsSpan(0, frames);
        var open = _open;
        var holdLeft = _holdLeft;
        var reduction = _reduction;
        for (var i = 0; i < frames; i++)
        {
            var l = level[i];
            var openAt = threshold.Values[i];
            if (open)
            {
                if (l >= openAt - hysteresis.Values[i])
                {
                    holdLeft = (int)MathF.Round(hold.Values[i] * 0.001f * _sampleRate);
                }
                else if (holdLeft > 0)
                {
                    holdLeft--;
                }
                else
                {
                    open = false;
                }
            }
            else if (l >= openAt)
            {
                open = true;
                holdLeft = (int)MathF.Round(hold.Values[i] * 0.001f * _sampleRate);
            }

            var target = open ? 0f : GainComputer.ExpanderReductionDb(l, openAt, gate ? float.PositiveInfinity : ratio.Values[i], range.Values[i]);
            if (!timesConstant)
            {
                attackCoefficient = TimeConstant.Coefficient(attack.Values[i], _sampleRate);
                releaseCoefficient = TimeConstant.Coefficient(release.Values[i], _sampleRate);
            }

            var coefficient = target > reduction ? releaseCoefficient : attackCoefficient;
            reduction = target + (coefficient * (reduction - target));

            // A millionth of a dB is inaudible; flushing it lets an open expander pass audio bit for bit and keeps the
            // decay out of subnormal floats (which would otherwise stick at the smallest one).
            reduction = reduction < Negligible ? 0f : reduction;
            level[i] = -reduction;
        }

        _open = open;
        _holdLeft = holdLeft;
        _reduction = reduction;
        GainMath.ToGain(level, gains);
        GainReduction.BeginWrite();
        for (var c = 0; c < _channels; c++)
        {
            AudioMath.ApplyGain(buffer[c], gains, buffer[c]);
            GainReduction.Set(c, reduction);
        }

        GainReduction.EndWrite();
    }
}
