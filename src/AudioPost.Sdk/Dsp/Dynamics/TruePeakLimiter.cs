using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Loudness;

namespace AudioPost.Sdk.Dsp.Dynamics;

/// <summary>
/// A transparent look-ahead true-peak limiter: holds the true peak of its output (BS.1770 Annex 2, as
/// <see cref="LoudnessMeter.TruePeak"/> measures it) at or below a ceiling in dBTP, with one gain for all channels.
/// </summary>
/// <remarks>
/// <para><b>Kernel.</b> Every input sample gets a peak estimate: the largest of its absolute value and the
/// over-sampled (4x below 96 kHz, 2x below 192 kHz, else none) interpolated values of the Annex 2 filter
/// (the very coefficients of the meter), over all channels (linked). Where that peak exceeds the threshold
/// (ceiling minus <see cref="SafetyMarginDb"/>), the required gain is threshold / peak. The required gains
/// pass through a running minimum held for the look-ahead plus the interpolator's span, an instant-attack
/// exponential release, and a moving average over the look-ahead; the audio is delayed by
/// <see cref="LatencyFrames"/>. So the gain ramps down linearly over the look-ahead (no step, no distortion
/// click) and has fully reached the required value on every sample that feeds an over-the-threshold
/// interpolated peak; it never rises above 1.</para>
/// <para><b>Latency.</b> <see cref="LatencyFrames"/> = look-ahead + 11 frames (the 12-tap interpolator's
/// history). Offline users who need sample alignment drop that many leading output frames and flush with as
/// many zeros at the end.</para>
/// <para><b>Threads and real time.</b> Not thread-safe: one thread processes. <see cref="Process"/> and
/// <see cref="Reset"/> are real-time safe: no allocation, locks or exceptions for data-dependent reasons; all
/// state is allocated by the constructor. <see cref="MaxGainReductionDb"/> may be read between blocks by the
/// processing thread.</para>
/// </remarks>
public sealed class TruePeakLimiter
{
    /// <summary>The default look-ahead, 3 ms: long enough for a gentle attack ramp, short enough to keep transients.</summary>
    public const double DefaultLookAheadMilliseconds = 3.0;

    /// <summary>The default release time constant, 100 ms.</summary>
    public const double DefaultReleaseMilliseconds = 100.0;

    /// <summary>
    /// The default safety margin, 0.05 dB below the ceiling: covers float rounding, the small gain changes across the
    /// 12 interpolator taps when several peaks overlap, and PCM quantisation of 16 bits or more.
    /// </summary>
    public const double DefaultSafetyMarginDb = 0.05;

    private const int History = TruePeakDetector.TapsPerPhase - 1;
    private const int Chunk = 256;

    private readonly int _channels;
    private readonly int _phases;
    private readonly float[] _coefficients;
    private readonly float[][] _history;
    private readonly float[] _peaks = new float[Chunk];
    private readonly float[] _gains = new float[Chunk];
    private readonly float[] _delay;
    private readonly int _lookAhead;
    private readonly int _holdLength;
    private readonly float[] _holdValues;
    private readonly long[] _holdIndices;
    private readonly double[] _box;
    private readonly double _releaseCoefficient;
    private readonly float _threshold;

    private int _delayPosition;
    private int _holdHead;
    private int _holdCount;
    private long _time;
    private double _release;
    private int _boxPosition;
    private double _boxSum;
    private int _boxRefresh;
    private double _minGain;

    /// <summary>Creates a limiter.</summary>
    /// <param name="sampleRate">Sample rate in Hz, 8 000 to 384 000.</param>
    /// <param name="channelCount">Channels, 1 to <see cref="AudioBuffer.MaxChannels"/>; all share one gain.</param>
    /// <param name="ceilingDbtp">The highest true peak of the output, in dBTP, −60 to +6.</param>
    /// <param name="lookAheadMilliseconds">Look-ahead (and attack ramp) in ms, 0.5 to 20; default 3.</param>
    /// <param name="releaseMilliseconds">Release time constant in ms, 1 to 5 000; default 100.</param>
    /// <param name="safetyMarginDb">How far below the ceiling the limiter aims, in dB, 0 to 3; default 0.05.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public TruePeakLimiter(
        int sampleRate,
        int channelCount,
        double ceilingDbtp,
        double lookAheadMilliseconds = DefaultLookAheadMilliseconds,
        double releaseMilliseconds = DefaultReleaseMilliseconds,
        double safetyMarginDb = DefaultSafetyMarginDb)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, LoudnessMeter.MinimumSampleRate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, LoudnessMeter.MaximumSampleRate);
        ArgumentOutOfRangeException.ThrowIfLessThan(channelCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channelCount, AudioBuffer.MaxChannels);
        CheckRange(ceilingDbtp, -60, 6, nameof(ceilingDbtp));
        CheckRange(lookAheadMilliseconds, 0.5, 20, nameof(lookAheadMilliseconds));
        CheckRange(releaseMilliseconds, 1, 5_000, nameof(releaseMilliseconds));
        CheckRange(safetyMarginDb, 0, 3, nameof(safetyMarginDb));

        SampleRate = sampleRate;
        _channels = channelCount;
        CeilingDbtp = ceilingDbtp;
        SafetyMarginDb = safetyMarginDb;
        _threshold = (float)Math.Pow(10, (ceilingDbtp - safetyMarginDb) / 20);
        var oversampling = TruePeakDetector.GetOversampling(sampleRate);
        _coefficients = TruePeakDetector.CreatePhaseCoefficients(oversampling);
        _phases = _coefficients.Length / TruePeakDetector.TapsPerPhase;
        _history = new float[channelCount][];
        for (var c = 0; c < channelCount; c++)
        {
            _history[c] = new float[History + Chunk];
        }

        _lookAhead = Math.Max(1, (int)Math.Round(lookAheadMilliseconds * sampleRate / 1000));
        LatencyFrames = _lookAhead + History;

        // An interpolated value computed at input frame n reads frames n − 11 … n; those leave the delay line at
        // n − 11 + D … n + D, and the moving average there reads held values back to n + 1, so the hold must span
        // D + 1 frames for every one of them to see the requirement.
        _holdLength = LatencyFrames + 1;
        _holdValues = new float[_holdLength];
        _holdIndices = new long[_holdLength];
        _box = new double[_lookAhead];
        _delay = new float[channelCount * LatencyFrames];
        _releaseCoefficient = 1 - Math.Exp(-1000.0 / (releaseMilliseconds * sampleRate));
        Reset();
    }

    /// <summary>Gets the sample rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Gets the number of channels.</summary>
    public int ChannelCount => _channels;

    /// <summary>Gets the ceiling in dBTP.</summary>
    public double CeilingDbtp { get; }

    /// <summary>Gets how far below the ceiling the limiter aims, in dB.</summary>
    public double SafetyMarginDb { get; }

    /// <summary>Gets the look-ahead (the attack ramp) in frames.</summary>
    public int LookAheadFrames => _lookAhead;

    /// <summary>Gets the delay of the output behind the input, in frames: look-ahead + 11.</summary>
    public int LatencyFrames { get; }

    /// <summary>Gets the largest gain reduction applied since the last reset, in dB (0 or more).</summary>
    public double MaxGainReductionDb => _minGain >= 1 ? 0 : -20 * Math.Log10(_minGain);

    /// <summary>Clears the delay line, the detector and the gain state. Real-time safe.</summary>
    public void Reset()
    {
        foreach (var history in _history)
        {
            Array.Clear(history);
        }

        Array.Clear(_delay);
        Array.Fill(_box, 1.0);
        _boxSum = _lookAhead;
        _boxPosition = 0;
        _boxRefresh = 0;
        _delayPosition = 0;
        _holdHead = 0;
        _holdCount = 0;
        _time = 0;
        _release = 1;
        _minGain = 1;
    }

    /// <summary>
    /// Limits the next block in place: on return it holds the input of <see cref="LatencyFrames"/> frames earlier,
    /// scaled by the limiter gain (zeros at first). Real-time safe; any number of frames.
    /// </summary>
    /// <param name="block">Planar audio with exactly <see cref="ChannelCount"/> channels.</param>
    /// <exception cref="ArgumentException">The block has another channel count.</exception>
    public void Process(AudioBlock block)
    {
        if (block.ChannelCount != _channels)
        {
            throw new ArgumentException($"The block has {block.ChannelCount} channels but the limiter was made for {_channels}.", nameof(block));
        }

        for (var offset = 0; offset < block.FrameCount; offset += Chunk)
        {
            var count = Math.Min(Chunk, block.FrameCount - offset);
            var chunk = block.Slice(offset, count);
            DetectPeaks(chunk, count);
            ComputeGains(count);
            ApplyDelayed(chunk, count);
        }
    }

    private static void CheckRange(double value, double min, double max, string name)
    {
        if (!(value >= min && value <= max))
        {
            throw new ArgumentOutOfRangeException(name, value, $"Must be {min} to {max}.");
        }
    }

    // _peaks[i] = largest |sample| and |interpolated value| ending at frame i, over all channels.
    private void DetectPeaks(AudioBlock chunk, int count)
    {
        Array.Clear(_peaks, 0, count);
        var coefficients = _coefficients;
        for (var c = 0; c < _channels; c++)
        {
            var history = _history[c];
            var input = chunk[c];
            input.CopyTo(history.AsSpan(History));
            for (var i = 0; i < count; i++)
            {
                var peak = MathF.Abs(history[History + i]);
                for (var p = 0; p < _phases; p++)
                {
                    var sum = 0f;
                    var taps = p * TruePeakDetector.TapsPerPhase;
                    for (var m = 0; m < TruePeakDetector.TapsPerPhase; m++)
                    {
                        sum = MathF.FusedMultiplyAdd(coefficients[taps + m], history[History + i - m], sum);
                    }

                    peak = MathF.Max(peak, MathF.Abs(sum));
                }

                _peaks[i] = MathF.Max(_peaks[i], peak);
            }

            history.AsSpan(count, History).CopyTo(history);
        }
    }

    private void ComputeGains(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var peak = _peaks[i];
            var required = peak > _threshold ? _threshold / peak : 1f;

            // Running minimum over the last _holdLength frames: a deque of increasing values (front = minimum).
            while (_holdCount > 0 && _holdValues[BackIndex()] >= required)
            {
                _holdCount--;
            }

            var slot = _holdHead + _holdCount;
            slot = slot >= _holdLength ? slot - _holdLength : slot;
            _holdValues[slot] = required;
            _holdIndices[slot] = _time;
            _holdCount++;
            if (_holdIndices[_holdHead] <= _time - _holdLength)
            {
                _holdHead = _holdHead + 1 == _holdLength ? 0 : _holdHead + 1;
                _holdCount--;
            }

            var held = (double)_holdValues[_holdHead];

            // Instant attack, exponential release: never above the held requirement.
            _release = held < _release ? held : _release + ((held - _release) * _releaseCoefficient);

            // Moving average over the look-ahead: the linear attack ramp.
            _boxSum += _release - _box[_boxPosition];
            _box[_boxPosition] = _release;
            _boxPosition = _boxPosition + 1 == _lookAhead ? 0 : _boxPosition + 1;
            if (_boxPosition == 0 && ++_boxRefresh == 64)
            {
                // Re-sum now and then so rounding in the running sum cannot drift over hours of audio.
                _boxRefresh = 0;
                _boxSum = 0;
                foreach (var value in _box)
                {
                    _boxSum += value;
                }
            }

            var gain = Math.Min(1.0, _boxSum / _lookAhead);
            _minGain = Math.Min(_minGain, gain);
            _gains[i] = (float)gain;
            _time++;
        }
    }

    private int BackIndex()
    {
        var back = _holdHead + _holdCount - 1;
        return back >= _holdLength ? back - _holdLength : back;
    }

    private void ApplyDelayed(AudioBlock chunk, int count)
    {
        var length = LatencyFrames;
        var position = _delayPosition;
        for (var c = 0; c < _channels; c++)
        {
            var ring = _delay.AsSpan(c * length, length);
            var samples = chunk[c];
            position = _delayPosition;
            for (var i = 0; i < count; i++)
            {
                var delayed = ring[position];
                ring[position] = samples[i];
                samples[i] = delayed * _gains[i];
                if (++position == length)
                {
                    position = 0;
                }
            }
        }

        _delayPosition = position;
    }
}
