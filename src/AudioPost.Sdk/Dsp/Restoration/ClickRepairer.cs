using System.Numerics.Tensors;
using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Dsp.Restoration;

/// <summary>
/// Streaming click detection and repair: an autoregressive model of the surrounding audio predicts each sample;
/// where the prediction error jumps far above its robust level a click is declared, and the click's samples are
/// replaced by least-squares AR interpolation from both sides. Latency <see cref="LatencyFrames"/>.
/// </summary>
/// <remarks>
/// <para><b>Segments.</b> Audio is handled in segments of <see cref="SegmentFrames"/> frames with
/// <see cref="SegmentFrames"/> frames of already-repaired history before them and a look-ahead after them long
/// enough for the longest click plus the model order on both sides. Per segment and channel: (1) an AR model of the
/// given order is fitted (autocorrelation method, Hann window) over history + segment + look-ahead; (2) the forward
/// and backward prediction errors are computed, and the forward error's robust scale σ = 1.4826 × median |error| per
/// 64-frame block, taken locally as the median of the five blocks around a sample (so noisy passages, fricatives,
/// get a higher limit than tonal ones); (3) a click starts at the first forward error above threshold × σ (the
/// forward error rises at a click's first sample, so no margin goes before it) and ends two samples after the last
/// backward error above it within the longest click length (the backward error falls after a click's last sample, and
/// a decaying tail falls under the limit before it ends); (4) the span is interpolated, the model refitted on the
/// repaired audio and the span interpolated again, three times (the first model was fitted with the click in it);
/// (5) the repair is kept only if the forward prediction error over every term the span touches falls at least
/// 16-fold in energy (a click's error collapses; a false detection on a glottal pulse or an onset changes far less),
/// and the scan goes on after the span with the model refitted.</para>
/// <para><b>Threads.</b> One thread at a time; <see cref="Process"/> and <see cref="Reset"/> never allocate, lock or
/// throw for data-dependent reasons. The constructor allocates.</para>
/// </remarks>
public sealed class ClickRepairer
{
    // Samples repaired past the last backward error over the limit: a click's decaying tail falls under the limit
    // before it ends. None before its first sample: the forward error rises exactly there.
    private const int EndMargin = 2;
    private const int ScaleBlock = 64;

    // A repair must cut the prediction error energy 16-fold (12 dB): a click's error collapses, while the error of a
    // false detection (a glottal pulse, a note onset) moves far less, and an order-64 model predicts clean tonal audio
    // well enough that its interpolation rarely wins by that much there.
    private const double AcceptRatio = 16;
    private const int RefitPasses = 3;

    private readonly int _channels;
    private readonly int _order;
    private readonly int _maxClick;
    private readonly int _history;
    private readonly int _segment;
    private readonly int _lookAhead;
    private readonly int _length;
    private readonly float[] _buffers;
    private readonly float[] _ring;
    private readonly float[] _window;
    private readonly double[] _forward;
    private readonly double[] _backward;
    private readonly float[] _sorted;
    private readonly double[] _blockScales;
    private readonly double[] _coefficients;
    private readonly float[] _original;
    private readonly float[] _repaired;
    private readonly double[] _autocorrelation;
    private readonly double[] _levinson;
    private readonly float[] _windowed;
    private readonly float[] _forwardTaps;
    private readonly float[] _backwardTaps;
    private readonly ArGapInterpolator _interpolator;
    private int _fill;
    private int _ringRead;
    private bool _primed;
    private long _clicks;
    private long _repairedFrames;

    /// <summary>Creates a repairer.</summary>
    /// <param name="sampleRate">Sample rate in Hz, 8 000 or more (sets the segment: about 21 ms).</param>
    /// <param name="channelCount">Channels, 1 to <see cref="AudioBuffer.MaxChannels"/>, repaired independently.</param>
    /// <param name="order">AR model order, 8 to 64; default 64 (tonal material needs two poles per partial: 18
    /// partials need 36 and more; speech is as well served).</param>
    /// <param name="maxClickFrames">Longest click repaired, in frames, 1 to 256; default 64.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public ClickRepairer(int sampleRate, int channelCount, int order = 64, int maxClickFrames = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(channelCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channelCount, AudioBuffer.MaxChannels);
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 8);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(order, 64);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxClickFrames, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxClickFrames, 256);
        _channels = channelCount;
        _order = order;
        _maxClick = maxClickFrames;
        _segment = Math.Max(256, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(sampleRate / 48)));
        _history = _segment;
        _lookAhead = maxClickFrames + EndMargin + (2 * order) + 1;
        _length = _history + _segment + _lookAhead;
        _buffers = new float[channelCount * _length];
        _ring = new float[channelCount * _segment];
        _window = new float[_length];
        for (var i = 0; i < _length; i++)
        {
            _window[i] = (float)(0.5 - (0.5 * Math.Cos(2 * Math.PI * (i + 0.5) / _length)));
        }

        _forward = new double[_length];
        _backward = new double[_length];
        _sorted = new float[_length];
        _blockScales = new double[((_length - order) + ScaleBlock - 1) / ScaleBlock];
        _coefficients = new double[order];
        _original = new float[maxClickFrames + EndMargin];
        _repaired = new float[maxClickFrames + EndMargin];
        _autocorrelation = new double[order + 1];
        _levinson = new double[order];
        _windowed = new float[_length];
        _forwardTaps = new float[order];
        _backwardTaps = new float[order];
        _interpolator = new ArGapInterpolator(order, maxClickFrames + EndMargin);
        Reset();
    }

    /// <summary>Gets the frames handled per segment.</summary>
    public int SegmentFrames => _segment;

    /// <summary>Gets the delay, in frames, from input to output: one segment plus the look-ahead.</summary>
    public int LatencyFrames => _segment + _lookAhead;

    /// <summary>Gets the longest click repaired, in frames.</summary>
    public int MaxClickFrames => _maxClick;

    /// <summary>Gets how many clicks were repaired since the last <see cref="Reset"/> (all channels). Any thread.</summary>
    public long ClicksRepaired => Interlocked.Read(ref _clicks);

    /// <summary>Gets how many samples were replaced since the last <see cref="Reset"/> (all channels). Any thread.</summary>
    public long FramesRepaired => Interlocked.Read(ref _repairedFrames);

    /// <summary>Clears the history and the counters. Real-time safe.</summary>
    public void Reset()
    {
        Array.Clear(_buffers);
        Array.Clear(_ring);
        _fill = 0;
        _ringRead = 0;
        _primed = false;
        Interlocked.Exchange(ref _clicks, 0);
        Interlocked.Exchange(ref _repairedFrames, 0);
    }

    /// <summary>Repairs <paramref name="block"/> in place, delayed by <see cref="LatencyFrames"/>. Real-time safe.</summary>
    /// <param name="block">The audio; its first <c>channelCount</c> channels are processed.</param>
    /// <param name="threshold">Detection threshold as a multiple of the prediction error's robust scale, 2 to 50; lower finds more.</param>
    public void Process(AudioBlock block, double threshold)
    {
        var channels = Math.Min(_channels, block.ChannelCount);
        var frames = block.FrameCount;
        threshold = Math.Clamp(threshold, 2, 50);
        var done = 0;
        while (done < frames)
        {
            var run = Math.Min(frames - done, _segment + _lookAhead - _fill);
            if (_primed)
            {
                run = Math.Min(run, _segment - _ringRead);
            }

            for (var c = 0; c < channels; c++)
            {
                var samples = block.GetChannel(c).Slice(done, run);
                var buffer = _buffers.AsSpan((c * _length) + _history + _fill, run);
                var output = _ring.AsSpan((c * _segment) + _ringRead, run);
                for (var i = 0; i < run; i++)
                {
                    var x = samples[i];
                    samples[i] = _primed ? output[i] : 0f;
                    buffer[i] = x;
                }
            }

            if (_primed)
            {
                _ringRead += run;
            }

            _fill += run;
            done += run;
            if (_fill == _segment + _lookAhead)
            {
                for (var c = 0; c < channels; c++)
                {
                    var buffer = _buffers.AsSpan(c * _length, _length);
                    RepairSegment(buffer, threshold);
                    buffer.Slice(_history, _segment).CopyTo(_ring.AsSpan(c * _segment, _segment));

                    // The segment becomes history; the look-ahead moves up to where the next segment starts.
                    buffer.Slice(_segment).CopyTo(buffer);
                }

                _fill = _lookAhead;
                _ringRead = 0;
                _primed = true;
            }
        }
    }

    private void RepairSegment(Span<float> x, double threshold)
    {
        if (!Fit(x))
        {
            return;
        }

        var global = ComputeScales();

        var end = _history + _segment;
        for (var n = _history; n < end; n++)
        {
            var limit = threshold * LocalScale(n, global);
            if (Math.Abs(_forward[n]) <= limit)
            {
                continue;
            }

            // The click ends at the last backward error over the limit within the longest click length.
            var last = n;
            var searchEnd = Math.Min(n + _maxClick, _length - _order);
            for (var k = n; k < searchEnd; k++)
            {
                if (Math.Abs(_backward[k]) > limit)
                {
                    last = k;
                }
            }

            var start = n;
            var length = Math.Min(last + 1 + EndMargin, _length - _order) - start;
            var span = x.Slice(start, length);
            var original = _original.AsSpan(0, length);
            span.CopyTo(original);
            if (!_interpolator.Interpolate(x, start, length, _coefficients))
            {
                continue;
            }

            // The model was fitted with the click in it; refitted on the first repair it describes the audio better, and
            // a second interpolation with it is closer (the click's samples are unknowns, never used).
            for (var pass = 0; pass < RefitPasses && Fit(x); pass++)
            {
                _interpolator.Interpolate(x, start, length, _coefficients);
            }

            // Keep the repair only where it explains the audio far better than the samples it replaced: a click's
            // prediction error collapses, while a false detection (a glottal pulse, an onset) changes it little.
            var repaired = _repaired.AsSpan(0, length);
            span.CopyTo(repaired);
            var after = ErrorEnergy(x, start, length);
            original.CopyTo(span);
            var before = ErrorEnergy(x, start, length);
            if (before >= AcceptRatio * after)
            {
                repaired.CopyTo(span);
                Interlocked.Increment(ref _clicks);
                Interlocked.Add(ref _repairedFrames, length);
            }

            if (!Fit(x))
            {
                return;
            }

            n = start + length - 1;
            global = ComputeScales();
        }
    }

    // Σ forward prediction error² over the terms that samples [start, start + length) enter.
    private double ErrorEnergy(ReadOnlySpan<float> x, int start, int length)
    {
        var a = _coefficients;
        var sum = 0.0;
        var end = Math.Min(start + length + _order, _length);
        for (var n = start; n < end; n++)
        {
            double error = x[n];
            for (var i = 1; i <= _order; i++)
            {
                error -= a[i - 1] * x[n - i];
            }

            sum += error * error;
        }

        return sum;
    }

    // Fits the model and fills both prediction errors; false for silence. The errors only set detection limits, so
    // single-precision vectorised dot products serve (the repair's acceptance test is computed in double).
    private bool Fit(Span<float> x)
    {
        if (!LinearPrediction.Fit(x, _window, _coefficients, _autocorrelation, _levinson, _windowed))
        {
            return false;
        }

        var p = _order;
        for (var i = 1; i <= p; i++)
        {
            _forwardTaps[p - i] = (float)_coefficients[i - 1];
            _backwardTaps[i - 1] = (float)_coefficients[i - 1];
        }

        ReadOnlySpan<float> forwardTaps = _forwardTaps;
        ReadOnlySpan<float> backwardTaps = _backwardTaps;
        ReadOnlySpan<float> samples = x;
        for (var n = 0; n < _length; n++)
        {
            _forward[n] = n >= p ? samples[n] - TensorPrimitives.Dot(forwardTaps, samples.Slice(n - p, p)) : 0;
            _backward[n] = n + p < _length ? samples[n] - TensorPrimitives.Dot(backwardTaps, samples.Slice(n + 1, p)) : 0;
        }

        return true;
    }

    // Robust scales of the forward error: 1.4826 × the median of |error| per block of ScaleBlock frames, and over
    // the whole buffer (returned). Local scales let noisy passages (fricatives) have a higher limit than tonal ones.
    private double ComputeScales()
    {
        var count = _length - _order;
        for (var block = 0; block < _blockScales.Length; block++)
        {
            var from = _order + (block * ScaleBlock);
            var size = Math.Min(ScaleBlock, _length - from);
            var values = _sorted.AsSpan(0, size);
            for (var i = 0; i < size; i++)
            {
                values[i] = (float)Math.Abs(_forward[from + i]);
            }

            values.Sort();
            _blockScales[block] = 1.4826 * values[size / 2];
        }

        var sorted = _sorted.AsSpan(0, count);
        for (var i = 0; i < count; i++)
        {
            sorted[i] = (float)Math.Abs(_forward[_order + i]);
        }

        sorted.Sort();

        // In digital silence the median is 0: a floor at −120 dBFS keeps a limit there, so a click in silence is found.
        return Math.Max(1.4826 * sorted[count / 2], 1e-6);
    }

    // The median of the five block scales around n (a click up to a block long inflates at most two of them), never
    // under a tenth of the global scale.
    private double LocalScale(int n, double global)
    {
        Span<double> five = stackalloc double[5];
        var center = Math.Clamp((n - _order) / ScaleBlock, 0, _blockScales.Length - 1);
        for (var i = 0; i < 5; i++)
        {
            five[i] = _blockScales[Math.Clamp(center + i - 2, 0, _blockScales.Length - 1)];
        }

        five.Sort();
        return Math.Max(five[2], 0.1 * global);
    }
}
