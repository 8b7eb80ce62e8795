using AudioPost.Sdk.Automation;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Restoration;

namespace AudioPost.Sdk.Processing.Restoration;

/// <summary>
/// Removes mains hum (50 or 60 Hz, or detected) and its harmonics while following small drifts of the mains
/// frequency: a <see cref="HumCanceller"/> (adaptive sinusoid cancellation with a frequency-locked loop) per family.
/// No latency; any channel count (the frequency is tracked jointly, amplitudes and phases per channel).
/// </summary>
/// <remarks>
/// <para><b>Parameters.</b> <see cref="Amount"/> (0 to 100 %, per sample, smoothed) scales the subtracted hum;
/// <see cref="Bandwidth"/> (0.5 to 10 Hz, read once per block) is the −3 dB width of each harmonic's notch: wider
/// learns faster and tolerates faster drift, narrower leaves more of the programme beside the hum lines.</para>
/// <para><b>Auto.</b> With <see cref="HumFrequency.Auto"/> both families run for the first second; then the one whose
/// model holds more power is kept and the other's contribution fades out over 50 ms.
/// <see cref="DetectedFrequency"/> reports the choice.</para>
/// <para>Parameters may be set from any thread; Process and Reset follow the real-time rules; Prepare allocates.</para>
/// </remarks>
public sealed class DeHumProcessor : IAudioProcessor
{
    private const double DecisionSeconds = 1.0;
    private const double FadeSeconds = 0.05;

    private HumCanceller? _fifty;
    private HumCanceller? _sixty;
    private float[] _amounts = [];
    private float[] _fadeAmounts = [];
    private long _framesSeen;
    private long _decisionFrames;
    private int _fadeFrames;
    private int _fadeRemaining;
    private volatile int _detected;

    /// <summary>Creates a de-hummer.</summary>
    /// <param name="frequency">The mains frequency, or <see cref="HumFrequency.Auto"/>.</param>
    /// <param name="harmonics">Harmonics cancelled including the fundamental, 1 to 40; default 8 (to 400 Hz at 50 Hz).</param>
    /// <param name="trackingRangeHz">How far the fundamental may drift from nominal, in Hz, 0 to 5; default 0.5.</param>
    /// <param name="bandwidthHz">Initial notch width, in Hz, 0.5 to 10; default 2.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public DeHumProcessor(HumFrequency frequency = HumFrequency.Auto, int harmonics = 8, double trackingRangeHz = 0.5, float bandwidthHz = 2f)
    {
        if (frequency is not (HumFrequency.Auto or HumFrequency.Hz50 or HumFrequency.Hz60))
        {
            throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "Choose Auto, Hz50 or Hz60.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(harmonics, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(harmonics, 40);
        if (!(trackingRangeHz >= 0 && trackingRangeHz <= 5))
        {
            throw new ArgumentOutOfRangeException(nameof(trackingRangeHz), trackingRangeHz, "Must be 0 to 5 Hz.");
        }

        if (!(bandwidthHz >= 0.5f && bandwidthHz <= 10f))
        {
            throw new ArgumentOutOfRangeException(nameof(bandwidthHz), bandwidthHz, "Must be 0.5 to 10 Hz.");
        }

        Frequency = frequency;
        Harmonics = harmonics;
        TrackingRangeHz = trackingRangeHz;
        Amount = new AudioParameter("amount", 100f, 0f, 100f);
        Bandwidth = new AudioParameter("bandwidth", bandwidthHz, 0.5f, 10f);
        _detected = (int)frequency;
    }

    /// <summary>Gets the latency: 0 frames (the hum model is subtracted sample by sample).</summary>
    public int LatencyFrames => 0;

    /// <summary>Gets the mains frequency asked for (possibly <see cref="HumFrequency.Auto"/>).</summary>
    public HumFrequency Frequency { get; }

    /// <summary>Gets the number of harmonics asked for, including the fundamental.</summary>
    public int Harmonics { get; }

    /// <summary>Gets how far, in Hz, the tracked fundamental may move from nominal.</summary>
    public double TrackingRangeHz { get; }

    /// <summary>Gets the amount parameter, in % (0 to 100) of the modelled hum subtracted; default 100.</summary>
    public AudioParameter Amount { get; }

    /// <summary>Gets the notch-width parameter, in Hz (0.5 to 10), read once per block.</summary>
    public AudioParameter Bandwidth { get; }

    /// <summary>Gets the family in use: the one asked for, or with <see cref="HumFrequency.Auto"/> the one chosen after
    /// the first second (<see cref="HumFrequency.Auto"/> until then). Any thread.</summary>
    public HumFrequency DetectedFrequency => (HumFrequency)_detected;

    /// <summary>Gets the tracked fundamental in Hz of the family in use (NaN before Prepare or while undecided). Audio thread,
    /// or any thread for a diagnostic reading that may be a block old.</summary>
    public double TrackedFrequencyHz => Active?.FrequencyHz ?? double.NaN;

    /// <summary>Gets the canceller of the family in use, for its per-harmonic amplitudes (null before Prepare or while undecided).</summary>
    public HumCanceller? Active => DetectedFrequency switch
    {
        HumFrequency.Hz50 => _fifty,
        HumFrequency.Hz60 => _sixty,
        _ => null,
    };

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">No channels, more than <see cref="AudioBuffer.MaxChannels"/>, or a
    /// sample rate under 8 kHz.</exception>
    public void Prepare(in ProcessSpec spec)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(spec.ChannelCount, 1);
        Amount.Prepare(spec.SampleRate, spec.MaxBlockFrames);
        Bandwidth.Prepare(spec.SampleRate, spec.MaxBlockFrames);
        _fifty = Frequency is HumFrequency.Auto or HumFrequency.Hz50
            ? new HumCanceller(spec.SampleRate, spec.ChannelCount, 50, Harmonics, TrackingRangeHz)
            : null;
        _sixty = Frequency is HumFrequency.Auto or HumFrequency.Hz60
            ? new HumCanceller(spec.SampleRate, spec.ChannelCount, 60, Harmonics, TrackingRangeHz)
            : null;
        _amounts = new float[spec.MaxBlockFrames];
        _fadeAmounts = new float[spec.MaxBlockFrames];
        _decisionFrames = (long)(DecisionSeconds * spec.SampleRate);
        _fadeFrames = Math.Max(1, (int)(FadeSeconds * spec.SampleRate));
        Reset();
    }

    /// <inheritdoc />
    public void Reset()
    {
        Amount.Reset();
        Bandwidth.Reset();
        _fifty?.Reset();
        _sixty?.Reset();
        _framesSeen = 0;
        _fadeRemaining = 0;
        _detected = (int)Frequency;
    }

    /// <inheritdoc />
    public void Process(AudioBlock buffer, in ProcessContext context)
    {
        if (_amounts.Length == 0)
        {
            return;
        }

        var frames = buffer.FrameCount;
        var amountValues = Amount.Process(context.TimelineFrame, frames);
        var bandwidth = Bandwidth.Process(context.TimelineFrame, frames).First;
        var amounts = _amounts.AsSpan(0, frames);
        for (var i = 0; i < frames; i++)
        {
            amounts[i] = 0.01f * amountValues.Values[i];
        }

        var detected = DetectedFrequency;
        if (detected != HumFrequency.Auto)
        {
            var active = detected == HumFrequency.Hz50 ? _fifty! : _sixty!;
            active.Process(buffer, amounts, bandwidth);
            if (_fadeRemaining > 0)
            {
                FadeOut(buffer, detected == HumFrequency.Hz50 ? _sixty! : _fifty!, amounts, bandwidth);
            }

            return;
        }

        _fifty!.Process(buffer, amounts, bandwidth);
        _sixty!.Process(buffer, amounts, bandwidth);
        _framesSeen += frames;
        if (_framesSeen >= _decisionFrames)
        {
            _detected = (int)(_fifty.HumPower >= _sixty.HumPower ? HumFrequency.Hz50 : HumFrequency.Hz60);
            _fadeRemaining = _fadeFrames;
        }
    }

    // The family not chosen keeps subtracting its (frozen) model with a gain falling linearly to zero, so the switch
    // does not step.
    private void FadeOut(AudioBlock buffer, HumCanceller loser, ReadOnlySpan<float> amounts, float bandwidth)
    {
        var fade = _fadeAmounts.AsSpan(0, buffer.FrameCount);
        for (var i = 0; i < fade.Length; i++)
        {
            var remaining = Math.Max(0, _fadeRemaining - i);
            fade[i] = amounts[i] * remaining / _fadeFrames;
        }

        loser.Process(buffer, fade, bandwidth, adapt: false);
        _fadeRemaining = Math.Max(0, _fadeRemaining - buffer.FrameCount);
    }
}
