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

    private const int History = TruePeakEstimate.History;
    private const int Chunk = 256;

    private readonly int _channels;
    private readonly float[] _coefficients;
    private readonly float[][] _history;
    private readonly float[] _peaks = new float[Chunk + TruePeakEstimate.Padding];
    private readonly float[] _gains = new float[Chunk];
    private readonly float[] _delay;
    private readonly int _lookAhead;
    private readonly int _holdLength;
    private readonly float[] _holdBlock;
    private readonly float[] _holdSuffix;
    private readonly double[] _box;
    private readonly double _releaseCoefficient;
    private readonly double _releaseKeep;
    private readonly bool _restIsStable;
    private readonly float _threshold;

    private int _delayPosition;
    private int _holdPosition;
    private float _holdPrefix;
    private double _release;
    private int _boxPosition;
    private double _boxSum;
    private int _boxRefresh;
    private double _minGain;
    private int _requiredOnes;

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
        _history = new float[channelCount][];
        for (var c = 0; c < channelCount; c++)
        {
            _history[c] = new float[History + Chunk + TruePeakEstimate.Padding];
        }

        _lookAhead = Math.Max(1, (int)Math.Round(lookAheadMilliseconds * sampleRate / 1000));
        LatencyFrames = _lookAhead + History;

        // An interpolated value computed at input frame n reads frames n − 11 … n; those leave the delay line at
        // n − 11 + D … n + D, and the moving average there reads held values back to n + 1, so the hold must span
        // D + 1 frames for every one of them to see the requirement.
        _holdLength = LatencyFrames + 1;
        _holdBlock = new float[_holdLength];
        _holdSuffix = new float[_holdLength + 1];
        _box = new double[_lookAhead];
        _delay = new float[channelCount * LatencyFrames];
        _releaseCoefficient = 1 - Math.Exp(-1000.0 / (releaseMilliseconds * sampleRate));
        _releaseKeep = 1 - _releaseCoefficient;
        _restIsStable = Math.FusedMultiplyAdd(_releaseKeep, 1.0, _releaseCoefficient) >= 1;
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
        // Required gains are at most 1, so 1 stands for "no frame yet" in the running minimum.
        Array.Fill(_holdSuffix, 1f);
        _holdPosition = 0;
        _holdPrefix = 1;
        _release = 1;
        _minGain = 1;
        _requiredOnes = _holdLength;
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
        for (var c = 0; c < _channels; c++)
        {
            var history = _history[c];
            chunk[c].CopyTo(history.AsSpan(History));
            TruePeakEstimate.Accumulate(history, _peaks, count, _coefficients, first: c == 0);
            history.AsSpan(count, History).CopyTo(history);
        }
    }

    private void ComputeGains(int count)
    {
        var required = _peaks.AsSpan(0, count);
        TruePeakLimiterKernels.RequiredGains(required, _threshold);
        if (IsAtRest() && !required.ContainsAnyExcept(1f))
        {
            RestChunk(count);
        }
        else
        {
            FollowGains(required);
        }

        var notOne = required.LastIndexOfAnyExcept(1f);
        _requiredOnes = notOne < 0 ? Math.Min(_requiredOnes + count, _holdLength) : count - 1 - notOne;
    }

    // Every state the loop carries from sample to sample lives in a local: fields written per sample would put a
    // store-to-load round trip on each iteration's critical path. Minima use MinNative or comparisons rather than
    // Math.Min, whose NaN and −0 handling costs several cycles on a loop-carried chain (no NaN reaches here).
    private void FollowGains(Span<float> required)
    {
        var count = required.Length;
        // The hold is a running minimum over the last W = _holdLength frames, van Herk / Gil-Werman style: time is
        // cut into blocks of W frames; the window ending at offset j of the current block is the suffix of the
        // previous block from j + 1 (precomputed when that block ended) plus the current block's prefix up to j.
        // Branch-free, O(1) per frame whatever the data (a monotonic deque mispredicts on every limited peak).
        var gains = _gains.AsSpan(0, count);
        var block = _holdBlock;
        var suffix = _holdSuffix;
        var holdLength = _holdLength;
        var box = _box;
        var lookAhead = _lookAhead;
        var releaseCoefficient = _releaseCoefficient;
        var releaseKeep = _releaseKeep;
        var position = _holdPosition;
        var prefix = _holdPrefix;
        var release = _release;
        var boxPosition = _boxPosition;
        var boxSum = _boxSum;
        var minGain = _minGain;
        for (var i = 0; i < required.Length; i++)
        {
            var value = required[i];
            block[position] = value;
            prefix = float.MinNative(prefix, value);
            var held = (double)float.MinNative(suffix[position + 1], prefix);
            if (++position == holdLength)
            {
                TruePeakLimiterKernels.Suffixes(block, suffix);
                position = 0;
                prefix = 1;
            }

            // Instant attack, exponential release: never above the held requirement. (1 − c)·r + c·h is the
            // release step with one fused operation on the loop-carried chain; if it lands below h it is the
            // release, else h is an attack (or the step's rounding) and h wins.
            var step = Math.FusedMultiplyAdd(releaseKeep, release, releaseCoefficient * held);
            release = held < step ? held : step;

            // Moving average over the look-ahead: the linear attack ramp.
            boxSum += release - box[boxPosition];
            box[boxPosition] = release;
            if (++boxPosition == lookAhead)
            {
                boxPosition = 0;
                if (++_boxRefresh == 64)
                {
                    // Re-sum now and then so rounding in the running sum cannot drift over hours of audio.
                    _boxRefresh = 0;
                    boxSum = 0;
                    foreach (var sample in box)
                    {
                        boxSum += sample;
                    }
                }
            }

            var gain = double.MinNative(boxSum / lookAhead, 1.0);
            minGain = gain < minGain ? gain : minGain;
            gains[i] = (float)gain;
        }

        _holdPosition = position;
        _holdPrefix = prefix;
        _release = release;
        _boxPosition = boxPosition;
        _boxSum = boxSum;
        _minGain = minGain;
    }

    // At rest: the last hold-length − 1 requirements and the whole look-ahead box are exactly 1, and the release
    // sits at 1 (a fixed point of its step). A chunk that requires nothing more then yields gains of exactly 1 and
    // leaves every state as it was, so it can skip the per-frame loop, bit for bit equal to running it.
    private bool IsAtRest() =>
        _restIsStable && _release == 1.0 && _boxSum == _lookAhead && _requiredOnes >= _holdLength - 1 && !_box.AsSpan().ContainsAnyExcept(1.0);

    // What the per-frame loop does to the states for a chunk of ones at rest: the hold blocks fill with ones (with
    // their suffixes at each block end), the box and its re-sum count advance, nothing else changes.
    private void RestChunk(int count)
    {
        _gains.AsSpan(0, count).Fill(1f);
        var position = _holdPosition;
        for (var remaining = count; remaining > 0;)
        {
            var run = Math.Min(remaining, _holdLength - position);
            _holdBlock.AsSpan(position, run).Fill(1f);
            position += run;
            remaining -= run;
            if (position == _holdLength)
            {
                TruePeakLimiterKernels.Suffixes(_holdBlock, _holdSuffix);
                position = 0;
                _holdPrefix = 1;
            }
        }

        _holdPosition = position;
        var advanced = _boxPosition + count;
        _boxPosition = advanced % _lookAhead;
        _boxRefresh = (_boxRefresh + (advanced / _lookAhead)) % 64;
    }

    // Per channel: swap the chunk with the ring in contiguous runs that end where the ring wraps, so the inner loop
    // carries no wrap test and vectorises. Runs go in time order, so a ring shorter than the chunk still works.
    private void ApplyDelayed(AudioBlock chunk, int count)
    {
        var length = LatencyFrames;
        var gains = _gains.AsSpan(0, count);
        var position = _delayPosition;
        for (var c = 0; c < _channels; c++)
        {
            var ring = _delay.AsSpan(c * length, length);
            var samples = chunk[c][..count];
            var done = 0;
            var at = position;
            while (done < count)
            {
                var run = Math.Min(count - done, length - at);
                TruePeakLimiterKernels.Swap(ring.Slice(at, run), samples.Slice(done, run), gains.Slice(done, run));
                done += run;
                at = at + run == length ? 0 : at + run;
            }
        }

        _delayPosition = (int)((position + (long)count) % length);
    }
}
