using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Dsp.Restoration;

/// <summary>
/// Adaptive cancellation of mains hum: a fundamental (50 or 60 Hz nominal) and its harmonics are modelled as
/// sinusoids whose amplitudes and phases are learned per channel by LMS, while a frequency-locked loop follows small
/// drifts of the mains frequency; the model is subtracted from the signal. No latency.
/// </summary>
/// <remarks>
/// <para><b>Model.</b> One oscillator of phase φ runs at the tracked frequency f̂; harmonic k is
/// <c>a_k·cos(kφ) + b_k·sin(kφ)</c>, one weight pair per channel and harmonic, updated by LMS on the output
/// (the error). Each weight pair acts as a second-order notch at k·f̂ whose −3 dB width is the bandwidth given to
/// <see cref="Process"/> (LMS step μ = π·B/fs): narrow enough that speech beside the hum lines is left alone, wide
/// enough to follow the hum's amplitude within about 1/(π·B) seconds.</para>
/// <para><b>Tracking.</b> When f̂ is off by δ, every weight pair rotates at k·δ. Every 5 ms the rotation of each pair
/// is measured, divided by k, and averaged with weights that favour strong and high harmonics (their rotation is
/// larger and cleaner); the average drives a loop with a proportional and an integral path (type 2, so a steady
/// drift is followed without lag). f̂ stays within the nominal frequency ± the tracking range.</para>
/// <para><b>Cost.</b> The oscillators of all harmonics are generated once per segment of up to 256 frames (each
/// harmonic a phasor turned per frame, re-seeded from the exact phase every segment) and shared by the channels; the
/// model and the LMS step then run four harmonics per vector. About 9 ns per frame and channel for eight harmonics
/// (VocalBenchmarks, docs/benchmarks.md).</para>
/// <para><b>Threads.</b> One thread at a time (the audio thread); <see cref="Process"/> and <see cref="Reset"/>
/// never allocate, lock or throw for data-dependent reasons. The constructor allocates.</para>
/// </remarks>
public sealed class HumCanceller
{
    // Loop gains per 5 ms hop: the proportional path settles in about 0.25 s, the integral path follows a drift.
    private const double ProportionalGain = 0.02;
    private const double IntegralGain = 0.0004;

    // Frames of oscillator table generated at a time: 32 KB of tables for eight harmonics, which stay in the L1/L2 cache
    // while every channel reads them.
    private const int SegmentFrames = 256;

    private readonly int _sampleRate;
    private readonly int _channels;
    private readonly int _harmonics;
    private readonly int _hop;
    private readonly double[] _a;
    private readonly double[] _b;
    private readonly double[] _previousA;
    private readonly double[] _previousB;
    // Oscillator tables (cos and sin of every harmonic, a row per frame), the phasors that generate them, and the turn
    // each phasor takes per frame.
    private readonly double[] _cos;
    private readonly double[] _sin;
    private readonly double[] _phasorCos;
    private readonly double[] _phasorSin;
    private readonly double[] _turnCos;
    private readonly double[] _turnSin;
    private double _phase;
    private double _frequency;
    private double _drift;
    private int _hopCounter;

    /// <summary>Creates a canceller.</summary>
    /// <param name="sampleRate">Sample rate in Hz, 8 000 or more.</param>
    /// <param name="channelCount">Channels, 1 to <see cref="AudioBuffer.MaxChannels"/>; each has its own weights, the frequency is shared.</param>
    /// <param name="nominalHz">Nominal mains frequency in Hz, 20 to 500 (50 or 60 in practice).</param>
    /// <param name="harmonics">Harmonics to cancel, including the fundamental, 1 to 40; those at or above 0.45 × the sample rate are dropped.</param>
    /// <param name="trackingRangeHz">How far, in Hz (0 to 5), the tracked fundamental may move from <paramref name="nominalHz"/>; 0 fixes it.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public HumCanceller(int sampleRate, int channelCount, double nominalHz, int harmonics, double trackingRangeHz = 0.5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(channelCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channelCount, AudioBuffer.MaxChannels);
        if (!(nominalHz >= 20 && nominalHz <= 500))
        {
            throw new ArgumentOutOfRangeException(nameof(nominalHz), nominalHz, "The nominal frequency must be 20 to 500 Hz.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(harmonics, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(harmonics, 40);
        if (!(trackingRangeHz >= 0 && trackingRangeHz <= 5))
        {
            throw new ArgumentOutOfRangeException(nameof(trackingRangeHz), trackingRangeHz, "The tracking range must be 0 to 5 Hz.");
        }

        _sampleRate = sampleRate;
        _channels = channelCount;
        NominalHz = nominalHz;
        TrackingRangeHz = trackingRangeHz;
        _harmonics = Math.Max(1, Math.Min(harmonics, (int)Math.Ceiling((0.45 * sampleRate / (nominalHz + trackingRangeHz)) - 1)));
        _hop = Math.Max(1, sampleRate / 200);
        var weights = channelCount * _harmonics;
        _a = new double[weights];
        _b = new double[weights];
        _previousA = new double[weights];
        _previousB = new double[weights];
        _cos = new double[SegmentFrames * _harmonics];
        _sin = new double[SegmentFrames * _harmonics];
        _phasorCos = new double[_harmonics];
        _phasorSin = new double[_harmonics];
        _turnCos = new double[_harmonics];
        _turnSin = new double[_harmonics];
        Reset();
    }

    /// <summary>Gets the nominal fundamental, in Hz.</summary>
    public double NominalHz { get; }

    /// <summary>Gets how far the tracked fundamental may move from <see cref="NominalHz"/>, in Hz.</summary>
    public double TrackingRangeHz { get; }

    /// <summary>Gets the number of harmonics cancelled (the fundamental counts as the first).</summary>
    public int HarmonicCount => _harmonics;

    /// <summary>Gets the tracked fundamental, in Hz. Same thread as <see cref="Process"/>.</summary>
    public double FrequencyHz => _frequency;

    /// <summary>Gets the estimated peak amplitude (linear, full scale 1) of one harmonic on one channel.</summary>
    /// <param name="channel">The channel, 0-based.</param>
    /// <param name="harmonic">The harmonic, 1 (fundamental) to <see cref="HarmonicCount"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    public double GetAmplitude(int channel, int harmonic)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, _channels);
        ArgumentOutOfRangeException.ThrowIfLessThan(harmonic, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(harmonic, _harmonics);
        var i = (channel * _harmonics) + harmonic - 1;
        return Math.Sqrt((_a[i] * _a[i]) + (_b[i] * _b[i]));
    }

    /// <summary>Gets the total power of the modelled hum, summed over channels and harmonics (mean square, linear).</summary>
    public double HumPower
    {
        get
        {
            var sum = 0.0;
            for (var i = 0; i < _a.Length; i++)
            {
                sum += 0.5 * ((_a[i] * _a[i]) + (_b[i] * _b[i]));
            }

            return sum;
        }
    }

    /// <summary>Clears the learned hum and returns the tracked frequency to nominal. Real-time safe.</summary>
    public void Reset()
    {
        Array.Clear(_a);
        Array.Clear(_b);
        Array.Clear(_previousA);
        Array.Clear(_previousB);
        _phase = 0;
        _frequency = NominalHz;
        _drift = 0;
        _hopCounter = 0;
    }

    /// <summary>
    /// Removes the hum from <paramref name="block"/> in place: <c>x − amount·hum</c>, while learning. Real-time safe.
    /// </summary>
    /// <param name="block">The audio; its first <c>channelCount</c> channels are processed.</param>
    /// <param name="amount">Per-frame fraction of the modelled hum subtracted, 0 to 1 (at least the block's frames long).
    /// The model learns from the fully cancelled signal whatever the amount.</param>
    /// <param name="bandwidthHz">Each harmonic's notch −3 dB width in Hz, 0.1 to 20.</param>
    /// <param name="adapt">Whether the weights and the frequency learn in this block; false holds them (cancellation continues).</param>
    public void Process(AudioBlock block, ReadOnlySpan<float> amount, double bandwidthHz, bool adapt = true)
    {
        var frames = block.FrameCount;
        var channels = Math.Min(_channels, block.ChannelCount);
        if (frames == 0 || amount.Length < frames)
        {
            return;
        }

        var mu2 = adapt ? 2 * Math.PI * Math.Clamp(bandwidthHz, 0.1, 20) / _sampleRate : 0;
        var harmonics = _harmonics;
        for (var n = 0; n < frames;)
        {
            // A segment ends at the next tracking hop (the frequency may change there) or when the tables are full.
            var length = Math.Min(Math.Min(frames - n, _hop - _hopCounter), SegmentFrames);
            FillOscillators(length);
            for (var c = 0; c < channels; c++)
            {
                Cancel(block.GetChannel(c).Slice(n, length), amount.Slice(n, length), c * harmonics, mu2);
            }

            n += length;
            _hopCounter += length;
            if (_hopCounter == _hop)
            {
                _hopCounter = 0;
                if (adapt)
                {
                    Track(channels);
                }
            }
        }
    }

    // Writes cos(k·φ) and sin(k·φ) of every harmonic k for the next frames into the tables (row j: frame j, harmonic
    // k at k − 1) and advances the phase. Each harmonic is a phasor turned by e^(j·k·ω) per frame; all start from the
    // exact phase accumulator every segment, so rounding never builds up over more than SegmentFrames steps.
    private void FillOscillators(int frames)
    {
        var harmonics = _harmonics;
        var omega = 2 * Math.PI * _frequency / _sampleRate;
        var cosine = _phasorCos.AsSpan(0, harmonics);
        var sine = _phasorSin.AsSpan(0, harmonics);
        var turnCos = _turnCos.AsSpan(0, harmonics);
        var turnSin = _turnSin.AsSpan(0, harmonics);
        for (var k = 0; k < harmonics; k++)
        {
            (sine[k], cosine[k]) = Math.SinCos((k + 1) * _phase);
            (turnSin[k], turnCos[k]) = Math.SinCos((k + 1) * omega);
        }

        var width = Vector256<double>.Count;
        var vectorEnd = harmonics - (harmonics % width);
        for (var k = 0; k < vectorEnd; k += width)
        {
            var c = Vector256.Create<double>(cosine.Slice(k, width));
            var s = Vector256.Create<double>(sine.Slice(k, width));
            var tc = Vector256.Create<double>(turnCos.Slice(k, width));
            var ts = Vector256.Create<double>(turnSin.Slice(k, width));
            ref var cosRow = ref _cos[k];
            ref var sinRow = ref _sin[k];
            for (var j = 0; j < frames; j++)
            {
                c.StoreUnsafe(ref cosRow, (nuint)(j * harmonics));
                s.StoreUnsafe(ref sinRow, (nuint)(j * harmonics));
                (c, s) = ((c * tc) - (s * ts), (s * tc) + (c * ts));
            }
        }

        for (var k = vectorEnd; k < harmonics; k++)
        {
            double c = cosine[k], s = sine[k];
            for (var j = 0; j < frames; j++)
            {
                _cos[(j * harmonics) + k] = c;
                _sin[(j * harmonics) + k] = s;
                (c, s) = ((c * turnCos[k]) - (s * turnSin[k]), (s * turnCos[k]) + (c * turnSin[k]));
            }
        }

        _phase += frames * omega;
        _phase -= 2 * Math.PI * Math.Floor(_phase / (2 * Math.PI));
    }

    // One channel over the segment whose oscillators are in the tables: subtract the modelled hum and, when mu2 is
    // not 0, take one LMS step per frame on the fully cancelled error. The harmonics run four at a time in vectors;
    // with eight (the de-hum and noise-reduction stages) that is two vectors and no scalar tail.
    private void Cancel(Span<float> samples, ReadOnlySpan<float> amount, int offset, double mu2)
    {
        var harmonics = _harmonics;
        var width = Vector256<double>.Count;
        var vectorEnd = harmonics - (harmonics % width);
        ref var a = ref _a[offset];
        ref var b = ref _b[offset];
        for (var j = 0; j < samples.Length; j++)
        {
            ref var cosines = ref _cos[j * harmonics];
            ref var sines = ref _sin[j * harmonics];
            var sum = Vector256<double>.Zero;
            for (var k = 0; k < vectorEnd; k += width)
            {
                sum += (Vector256.LoadUnsafe(ref a, (nuint)k) * Vector256.LoadUnsafe(ref cosines, (nuint)k))
                    + (Vector256.LoadUnsafe(ref b, (nuint)k) * Vector256.LoadUnsafe(ref sines, (nuint)k));
            }

            var hum = Vector256.Sum(sum);
            for (var k = vectorEnd; k < harmonics; k++)
            {
                hum += (Unsafe.Add(ref a, k) * Unsafe.Add(ref cosines, k)) + (Unsafe.Add(ref b, k) * Unsafe.Add(ref sines, k));
            }

            var x = samples[j];
            if (mu2 != 0)
            {
                var step = mu2 * (x - hum);
                var steps = Vector256.Create(step);
                for (var k = 0; k < vectorEnd; k += width)
                {
                    (Vector256.LoadUnsafe(ref a, (nuint)k) + (steps * Vector256.LoadUnsafe(ref cosines, (nuint)k))).StoreUnsafe(ref a, (nuint)k);
                    (Vector256.LoadUnsafe(ref b, (nuint)k) + (steps * Vector256.LoadUnsafe(ref sines, (nuint)k))).StoreUnsafe(ref b, (nuint)k);
                }

                for (var k = vectorEnd; k < harmonics; k++)
                {
                    Unsafe.Add(ref a, k) += step * Unsafe.Add(ref cosines, k);
                    Unsafe.Add(ref b, k) += step * Unsafe.Add(ref sines, k);
                }
            }

            samples[j] = (float)(x - (amount[j] * hum));
        }
    }

    // Frequency-locked loop: the weights rotate at k·(f − f̂); their measured rotation corrects f̂.
    private void Track(int channels)
    {
        var harmonics = _harmonics;
        var weightedAngle = 0.0;
        var weightSum = 0.0;
        for (var c = 0; c < channels; c++)
        {
            var offset = c * harmonics;
            for (var k = 0; k < harmonics; k++)
            {
                var i = offset + k;

                // W = a − jb; z = W_now · conj(W_before), whose angle is the rotation over the hop.
                var re = (_a[i] * _previousA[i]) + (_b[i] * _previousB[i]);
                var im = (_previousA[i] * _b[i]) - (_a[i] * _previousB[i]);
                var magnitude = Math.Sqrt((re * re) + (im * im));
                if (magnitude > 0)
                {
                    var order = k + 1;
                    weightedAngle += magnitude * Math.Atan2(-im, re);
                    weightSum += magnitude * order;
                }

                _previousA[i] = _a[i];
                _previousB[i] = _b[i];
            }
        }

        if (TrackingRangeHz == 0 || weightSum <= 1e-20)
        {
            return;
        }

        // Σ w·(k·δθ) / Σ w·k is the fundamental's rotation per hop, δθ, in radians; as a frequency, f − f̂.
        var offsetHz = weightedAngle / weightSum * _sampleRate / (2 * Math.PI * _hop);
        _drift = Math.Clamp(_drift + (IntegralGain * offsetHz), -0.01, 0.01);
        _frequency = Math.Clamp(_frequency + (ProportionalGain * offsetHz) + _drift, NominalHz - TrackingRangeHz, NominalHz + TrackingRangeHz);
    }
}
