namespace AudioPost.Sdk.Timing.Ltc;

/// <summary>
/// A transport position follower that locks to incoming LTC: it maps the stream clock (sample frames of the audio
/// that carried the LTC, as <see cref="LtcDecodedFrame.StartPosition"/> counts them) to the timeline position the
/// LTC names (sample frames since 00:00:00:00 at <see cref="SampleRate"/>), through a delay-locked loop.
/// </summary>
/// <remarks>
/// <para>Each decoded word is one observation: at stream position t the timeline was at p = the sample where the word's
/// frame starts. The loop predicts p̂ = p₀ + speed·(t − t₀), takes the error e = p − p̂, and corrects
/// p₀ ← p̂ + b·e and (in <see cref="LtcChaseMode.Varispeed"/>) speed ← speed + c·e / T, with ω = 2π·B·T (B the loop
/// bandwidth in Hz, T the word period in seconds), b = √2·ω and c = ω²: a critically damped second-order loop, which
/// follows a constant speed offset with no steady-state position error. In <see cref="LtcChaseMode.PositionOnly"/> speed
/// stays 1 (the device clock is the reference) and only b·e is applied, so a real speed offset leaves a constant lag of
/// (speed − 1)·T / b.</para>
/// <para>An error above <see cref="RelockThresholdSamples"/> (a locate, a jump, a reversal) restarts the loop at the
/// new position. <see cref="IsLocked"/> becomes true once the mean absolute error (an average over about 8 words) is
/// within <see cref="LockToleranceSamples"/>, and false again when it exceeds twice that. <see cref="Update"/> and <see cref="GetPosition"/> are real-time safe; not
/// thread-safe (one thread updates and reads).</para>
/// </remarks>
public sealed class LtcChase
{
    private const int LockCount = 8;

    private readonly double _b;
    private readonly double _c;
    private readonly double _wordPeriod;

    private bool _started;
    private double _t0;
    private double _p0;
    private double _speed;
    private int _goodCount;
    private double _meanAbsError;
    private double _firstObservation;

    /// <summary>Creates a follower.</summary>
    /// <param name="sampleRate">Sample frames per second of both the stream and the timeline, 8 000 to 768 000.</param>
    /// <param name="rate">The LTC frame rate.</param>
    /// <param name="mode">Varispeed (default) or position only.</param>
    /// <param name="bandwidthHz">Loop bandwidth B in Hz, 0.01 to 5: lower rejects more jitter, higher locks faster.
    /// Default 1 Hz.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="rate"/> is <c>default</c>.</exception>
    public LtcChase(int sampleRate, FrameRate rate, LtcChaseMode mode = LtcChaseMode.Varispeed, double bandwidthHz = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8_000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, 768_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(bandwidthHz, 0.01);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bandwidthHz, 5);
        rate.ThrowIfInvalid();
        SampleRate = sampleRate;
        Rate = rate;
        Mode = mode;
        BandwidthHz = bandwidthHz;
        var periodSeconds = (double)rate.Denominator * LtcFrame.FramesPerWord(rate) / rate.Numerator;
        _wordPeriod = periodSeconds * sampleRate;
        var omega = 2 * Math.PI * bandwidthHz * periodSeconds;
        _b = Math.Sqrt(2) * omega;
        _c = omega * omega;
        LockToleranceSamples = Math.Max(2, sampleRate / 4000.0);
        RelockThresholdSamples = 2 * _wordPeriod;
        Reset();
    }

    /// <summary>Gets the sample rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Gets the LTC frame rate.</summary>
    public FrameRate Rate { get; }

    /// <summary>Gets the chase mode.</summary>
    public LtcChaseMode Mode { get; }

    /// <summary>Gets the loop bandwidth in Hz.</summary>
    public double BandwidthHz { get; }

    /// <summary>Gets or sets the error, in samples, below which observations count toward lock. Default 0.25 ms
    /// (12 samples at 48 kHz), at least 2.</summary>
    public double LockToleranceSamples { get; set; }

    /// <summary>Gets or sets the error, in samples, above which the loop restarts at the observed position. Default two
    /// word periods.</summary>
    public double RelockThresholdSamples { get; set; }

    /// <summary>Gets whether the loop is locked.</summary>
    public bool IsLocked { get; private set; }

    /// <summary>Gets the stream samples from the first observation (after construction, <see cref="Reset"/> or a
    /// relock) to the moment lock was reached, or −1 while not locked.</summary>
    public double LockTimeSamples { get; private set; } = -1;

    /// <summary>Gets the last observation's position error p − p̂ in samples (positive: the LTC is ahead of the
    /// follower).</summary>
    public double PositionErrorSamples { get; private set; }

    /// <summary>Gets the estimated speed of the LTC against the stream clock (1 = nominal, −1 = reverse play).</summary>
    public double Speed => _speed;

    /// <summary>Gets how many times the loop restarted because of a jump.</summary>
    public int Relocks { get; private set; }

    /// <summary>Forgets everything; the next observation starts the loop. Real-time safe.</summary>
    public void Reset()
    {
        _started = false;
        _speed = 1;
        _goodCount = 0;
        IsLocked = false;
        LockTimeSamples = -1;
        PositionErrorSamples = 0;
        Relocks = 0;
    }

    /// <summary>Feeds one decoded word. Real-time safe.</summary>
    /// <param name="frame">The word; its timecode must be at <see cref="Rate"/> (others are ignored).</param>
    public void Update(in LtcDecodedFrame frame)
    {
        if (frame.Timecode.Rate != Rate)
        {
            return;
        }

        var t = frame.StartPosition;
        var p = (double)frame.Timecode.ToSampleFrame(SampleRate);
        if (!_started)
        {
            Restart(t, p, frame.IsReverse);
            return;
        }

        var predicted = _p0 + (_speed * (t - _t0));
        var error = p - predicted;
        PositionErrorSamples = error;
        if (Math.Abs(error) > RelockThresholdSamples)
        {
            Relocks++;
            Restart(t, p, frame.IsReverse);
            return;
        }

        _p0 = predicted + (_b * error);
        _t0 = t;
        if (Mode == LtcChaseMode.Varispeed)
        {
            _speed += _c * error / _wordPeriod;
        }

        // Lock is judged on the mean absolute error (weight 1/8), so timing jitter alone does not unlock the loop.
        _goodCount++;
        _meanAbsError += (Math.Abs(error) - _meanAbsError) / LockCount;
        if (!IsLocked && _goodCount >= LockCount && _meanAbsError <= LockToleranceSamples)
        {
            IsLocked = true;
            LockTimeSamples = t - _firstObservation;
        }
        else if (IsLocked && _meanAbsError > 2 * LockToleranceSamples)
        {
            IsLocked = false;
        }
    }

    /// <summary>Gets the timeline position (samples since 00:00:00:00) the follower assigns to a stream position.
    /// Real-time safe.</summary>
    /// <param name="streamPosition">A stream position in sample frames.</param>
    /// <returns>The timeline position, fractional; NaN before the first observation.</returns>
    public double GetPosition(double streamPosition) =>
        _started ? _p0 + (_speed * (streamPosition - _t0)) : double.NaN;

    private void Restart(double t, double p, bool reverse)
    {
        _started = true;
        _t0 = t;
        _p0 = p;
        _speed = Mode == LtcChaseMode.PositionOnly ? 1 : (reverse ? -1 : 1);
        _goodCount = 0;
        _meanAbsError = 2 * LockToleranceSamples;
        IsLocked = false;
        LockTimeSamples = -1;
        _firstObservation = t;
    }
}
