using AudioPost.Sdk.Automation;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.Dsp.Delays;

namespace AudioPost.Sdk.Processing.Reverb;

/// <summary>
/// An algorithmic reverb: a 16-line feedback delay network with a Hadamard feedback matrix, a frequency-
/// dependent loss per line set from the decay times, slow delay modulation, pre-delay and a dry/wet mix.
/// Mono or stereo in, stereo out.
/// </summary>
/// <remarks>
/// <para><b>Structure.</b> Sixteen delay lines of 25 to 95 ms (geometrically spaced, times <see cref="Size"/>)
/// are read, each through an absorption shelf, mixed by the orthogonal 16 × 16 Hadamard matrix (lossless,
/// so all decay comes from the shelves) and written back with the input. The left input feeds the
/// even lines and the right input the odd ones; the left output taps the even lines and the right the odd
/// ones, with different sign patterns, so the two outputs are decorrelated (|ρ| about 0.01 on an impulse).</para>
/// <para><b>Decay.</b> A line of m frames gets the gain <c>10^(−3m / (RT60·fs))</c>, so every path through
/// the network loses 60 dB in RT60 seconds: at low frequencies <see cref="DecayLow"/>, at high ones
/// <see cref="DecayHigh"/>, the shelf crossing over at <see cref="Damping"/> Hz. The measured RT60 (Schroeder
/// integration, −5 to −35 dB fit) is within 2 % of the setting without modulation and about 5 % short
/// with it (the interpolator's high-frequency loss); tests hold it within 10 %. Decay, size, damping and
/// modulation are applied at block rate from their smoothed values; wet and dry are per sample.</para>
/// <para><b>Stability.</b> The matrix is orthogonal and every gain is below 1 for every parameter value,
/// and the cubic Lagrange read is passive, so the network's energy only decays.</para>
/// <para>No latency (pre-delay is intentional). <see cref="TailFrames"/> covers the longer decay to −90 dB
/// plus the pre-delay. Real-time safe: Process and Reset neither allocate nor lock; Prepare allocates
/// (about 16 × 200 ms of lines plus 500 ms of pre-delay per input channel).</para>
/// </remarks>
public sealed class AlgorithmicReverbProcessor : IAudioProcessor
{
    private const int Lines = 16;
    private const float MaxPreDelayMs = 500f;
    private const float MaxSize = 2f;
    private const float MaxModulationMs = 2f;
    private const double ShortestLineMs = 25;
    private const double LongestLineMs = 95;

    private readonly double[] _baseFrames = new double[Lines];
    private readonly double[] _loopFrames = new double[Lines];
    private readonly float[] _read = new float[Lines];
    private readonly double[] _lfoCos = new double[Lines];
    private readonly double[] _lfoSin = new double[Lines];
    private readonly double[] _lfoStepCos = new double[Lines];
    private readonly double[] _lfoStepSin = new double[Lines];
    private readonly AbsorptionFilter[] _filters = new AbsorptionFilter[Lines];
    private readonly AudioParameter[] _parameters;
    private FractionalDelayLine[] _lines = [];
    private float[][] _preDelay = [];
    private float[] _wetGains = [];
    private float[] _dryGains = [];
    private int _preDelayPosition;
    private int _inputs;
    private int _sampleRate = 48_000;

    /// <summary>Creates a reverb.</summary>
    /// <param name="decayLowSeconds">RT60 at low frequencies, in s (0.1 to 30); default 2.</param>
    /// <param name="decayHighSeconds">RT60 at high frequencies, in s (0.1 to 30); default 1.2.</param>
    public AlgorithmicReverbProcessor(float decayLowSeconds = 2f, float decayHighSeconds = 1.2f)
    {
        DecayLow = new AudioParameter("decayLow", decayLowSeconds, 0.1f, 30f);
        DecayHigh = new AudioParameter("decayHigh", decayHighSeconds, 0.1f, 30f);
        Damping = new AudioParameter("damping", 4000f, 200f, 16_000f);
        Size = new AudioParameter("size", 1f, 0.25f, MaxSize);
        PreDelay = new AudioParameter("preDelay", 10f, 0f, MaxPreDelayMs);
        Modulation = new AudioParameter("modulation", 0.3f, 0f, MaxModulationMs);
        Wet = new AudioParameter("wet", -6f, Decibels.SilenceDb, 12f);
        Dry = new AudioParameter("dry", 0f, Decibels.SilenceDb, 12f);
        _parameters = [DecayLow, DecayHigh, Damping, Size, PreDelay, Modulation, Wet, Dry];
    }

    /// <summary>Gets the reverberation time (RT60) at low frequencies, in s (0.1 to 30).</summary>
    public AudioParameter DecayLow { get; }

    /// <summary>Gets the reverberation time (RT60) at high frequencies, in s (0.1 to 30). Shorter than <see cref="DecayLow"/> for a natural, damped room.</summary>
    public AudioParameter DecayHigh { get; }

    /// <summary>Gets the damping frequency, in Hz (200 to 16,000; default 4,000): where the decay crosses from <see cref="DecayLow"/> to <see cref="DecayHigh"/>.</summary>
    public AudioParameter Damping { get; }

    /// <summary>Gets the room size, a factor on the line lengths (0.25 to 2; default 1 = lines of 25 to 95 ms). Larger is sparser, with later echoes.</summary>
    public AudioParameter Size { get; }

    /// <summary>Gets the pre-delay before the reverb starts, in ms (0 to 500; default 10).</summary>
    public AudioParameter PreDelay { get; }

    /// <summary>Gets the delay-modulation depth, in ms (0 to 2; default 0.3): slow per-line LFOs (0.3 to 1.1 Hz) that smear resonances.</summary>
    public AudioParameter Modulation { get; }

    /// <summary>Gets the reverb level, in dB (−144 = off, to +12; default −6).</summary>
    public AudioParameter Wet { get; }

    /// <summary>Gets the direct-signal level, in dB (−144 = off, to +12; default 0).</summary>
    public AudioParameter Dry { get; }

    /// <inheritdoc />
    public int TailFrames
    {
        get
        {
            var decay = Math.Max(DecayLow.Value, DecayHigh.Value);
            return (int)Math.Ceiling(((1.5 * decay) + ((PreDelay.Value + (LongestLineMs * MaxSize)) * 0.001)) * _sampleRate);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">More than two input channels.</exception>
    public int GetOutputChannelCount(int inputChannelCount) => inputChannelCount is 1 or 2
        ? 2
        : throw new ArgumentOutOfRangeException(nameof(inputChannelCount), inputChannelCount, "The reverb takes a mono or stereo input.");

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
        _ = GetOutputChannelCount(spec.ChannelCount);
        _inputs = spec.ChannelCount;
        _sampleRate = spec.SampleRate;
        var framesPerMs = spec.SampleRate * 0.001;
        var longest = (int)Math.Ceiling(((LongestLineMs * MaxSize) + MaxModulationMs) * framesPerMs) + 4;
        _lines = new FractionalDelayLine[Lines];
        for (var i = 0; i < Lines; i++)
        {
            _lines[i] = new FractionalDelayLine(longest, DelayInterpolation.Lagrange3);
            _baseFrames[i] = ShortestLineMs * Math.Pow(LongestLineMs / ShortestLineMs, i / (Lines - 1.0)) * framesPerMs;

            // Each line's LFO has its own rate, 0.3 to 1.1 Hz, so the modulations never line up.
            var rate = 0.3 + (0.8 * ((i * 7) % Lines) / (Lines - 1.0));
            (_lfoStepSin[i], _lfoStepCos[i]) = Math.SinCos(2 * Math.PI * rate / spec.SampleRate);
        }

        _preDelay = new float[_inputs][];
        for (var c = 0; c < _inputs; c++)
        {
            _preDelay[c] = new float[(int)Math.Ceiling(MaxPreDelayMs * framesPerMs) + 1];
        }

        _wetGains = new float[spec.MaxBlockFrames];
        _dryGains = new float[spec.MaxBlockFrames];
        foreach (var parameter in _parameters)
        {
            parameter.Prepare(spec.SampleRate, spec.MaxBlockFrames);
        }

        Reset();
    }

    /// <inheritdoc />
    public void Reset()
    {
        foreach (var line in _lines)
        {
            line.Reset();
        }

        foreach (var buffer in _preDelay)
        {
            Array.Clear(buffer);
        }

        for (var i = 0; i < Lines; i++)
        {
            _filters[i].Reset();
            (_lfoSin[i], _lfoCos[i]) = Math.SinCos(2 * Math.PI * i / Lines);
        }

        _preDelayPosition = 0;
        foreach (var parameter in _parameters)
        {
            parameter.Reset();
        }
    }

    /// <inheritdoc />
    public void Process(AudioBlock buffer, in ProcessContext context)
    {
        if (_lines.Length == 0)
        {
            return;
        }

        var frames = buffer.FrameCount;
        var start = context.TimelineFrame;
        var framesPerMs = _sampleRate * 0.001;
        var depth = Modulation.Process(start, frames).Last * framesPerMs;
        var preDelay = Math.Clamp((int)Math.Round(PreDelay.Process(start, frames).Last * framesPerMs), 0, _preDelay[0].Length - 1);
        UpdateLoops(Size.Process(start, frames).Last, DecayLow.Process(start, frames).Last, DecayHigh.Process(start, frames).Last, Damping.Process(start, frames).Last);
        var wet = Gains(Wet.Process(start, frames), _wetGains.AsSpan(0, frames));
        var dry = Gains(Dry.Process(start, frames), _dryGains.AsSpan(0, frames));

        var left = buffer[0];
        var right = buffer[1];
        var stereoIn = _inputs == 2;
        var ring = _preDelay[0].Length;
        Span<float> mix = stackalloc float[Lines];
        for (var n = 0; n < frames; n++)
        {
            var inL = left[n];
            var inR = stereoIn ? right[n] : inL;

            // Pre-delay: a plain ring per input channel.
            var readAt = _preDelayPosition - preDelay;
            if (readAt < 0)
            {
                readAt += ring;
            }

            _preDelay[0][_preDelayPosition] = inL;
            var sendL = _preDelay[0][readAt];
            var sendR = sendL;
            if (stereoIn)
            {
                _preDelay[1][_preDelayPosition] = inR;
                sendR = _preDelay[1][readAt];
            }

            if (++_preDelayPosition == ring)
            {
                _preDelayPosition = 0;
            }

            // Read every line (its newest sample is the previous frame's, hence −1) through its absorption.
            float outL = 0f, outR = 0f;
            for (var i = 0; i < Lines; i++)
            {
                var delay = _loopFrames[i] + (depth * _lfoSin[i]) - 1;
                var v = _filters[i].Process(_lines[i].Read(delay));
                mix[i] = v;
                // Left taps the even lines, right the odd ones, with different sign patterns.
                if ((i & 1) == 0)
                {
                    outL += (i & 2) == 0 ? v : -v;
                }
                else
                {
                    outR += (i & 4) == 0 ? v : -v;
                }

                // Rotate the LFO phasor by one frame.
                var c = _lfoCos[i];
                var s = _lfoSin[i];
                _lfoCos[i] = (c * _lfoStepCos[i]) - (s * _lfoStepSin[i]);
                _lfoSin[i] = (s * _lfoStepCos[i]) + (c * _lfoStepSin[i]);
            }

            Hadamard16(mix);
            for (var i = 0; i < Lines; i++)
            {
                var send = (i & 1) == 0 ? sendL : sendR;
                _lines[i].Write(mix[i] + ((i & 2) == 0 ? send : -send));
            }

            // 0.35 ≈ 1/√8: eight lines per output, so the wet level is about the input's.
            left[n] = (dry[n] * inL) + (wet[n] * 0.35f * outL);
            right[n] = (dry[n] * inR) + (wet[n] * 0.35f * outR);
        }

        RenormalizeLfos();
    }

    private void UpdateLoops(float size, float decayLow, float decayHigh, float dampingHz)
    {
        var k = (float)Math.Tan(Math.PI * Math.Min(dampingHz, 0.45 * _sampleRate) / _sampleRate);
        for (var i = 0; i < Lines; i++)
        {
            // Whole frames: the interpolator reads between samples only while modulating, so it adds no loss of its own.
            var frames = Math.Round(_baseFrames[i] * size);
            _loopFrames[i] = frames;

            // 10^(−3m / (RT60·fs)): 60 dB lost per RT60 seconds, whatever the line's length.
            var low = (float)Math.Pow(10, -3 * frames / (decayLow * _sampleRate));
            var high = (float)Math.Pow(10, -3 * frames / (decayHigh * _sampleRate));
            _filters[i].Set(low, high, k);
        }
    }

    /// <summary>The orthonormal 16-point Hadamard transform in place (fast Walsh–Hadamard, scaled by 1/4).</summary>
    private static void Hadamard16(Span<float> v)
    {
        for (var h = 1; h < Lines; h <<= 1)
        {
            for (var i = 0; i < Lines; i += h << 1)
            {
                for (var j = i; j < i + h; j++)
                {
                    var a = v[j];
                    var b = v[j + h];
                    v[j] = a + b;
                    v[j + h] = a - b;
                }
            }
        }

        for (var i = 0; i < Lines; i++)
        {
            v[i] *= 0.25f;
        }
    }

    /// <summary>Pulls each LFO phasor back onto the unit circle, against rounding drift.</summary>
    private void RenormalizeLfos()
    {
        for (var i = 0; i < Lines; i++)
        {
            var norm = 1 / Math.Sqrt((_lfoCos[i] * _lfoCos[i]) + (_lfoSin[i] * _lfoSin[i]));
            _lfoCos[i] *= norm;
            _lfoSin[i] *= norm;
        }
    }

    private static ReadOnlySpan<float> Gains(ParameterValues decibels, Span<float> destination)
    {
        if (decibels.IsConstant)
        {
            destination.Fill(Decibels.ToGain(decibels.First));
        }
        else
        {
            Decibels.ToGain(decibels.Values, destination);
        }

        return destination;
    }

}
