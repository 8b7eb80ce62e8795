using System.Numerics;
using System.Numerics.Tensors;
using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Dsp.Resampling;

/// <summary>
/// The streaming polyphase engine behind <see cref="Resampler"/>, in float or double (<typeparamref name="T"/>): a
/// planar history of input frames per channel and a read position in input frames, advanced by an exact rational
/// step (fixed ratio) or a double step that may ramp (varispeed).
/// </summary>
/// <remarks>
/// History lives in one linear array per channel with room for <c>Taps + capacity</c> frames; a write that would run
/// off the end first moves the frames still needed to the front, so every dot product reads one contiguous span.
/// Not thread-safe; real-time safe after construction.
/// </remarks>
internal sealed partial class ResamplerKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _table;
    private readonly T[][] _history;
    private readonly int _taps;
    private readonly int _phases;
    private readonly int _bufferLength;
    private readonly bool _varispeed;

    // Fixed ratio: each output advances the position by _stepWhole + _stepRemainder / _modulus input frames, exactly.
    // When _modulus is the table's phase count the phase picks a row; otherwise it is interpolated between rows.
    private readonly int _modulus;
    private readonly bool _interpolatePhases;
    private readonly int _stepWhole;
    private readonly int _stepRemainder;
    private int _phase;

    // Varispeed: the position's fraction and a step (input frames per output frame) that ramps towards its target.
    private readonly int _rampFrames;
    private double _fraction;
    private double _step;
    private double _stepTarget;
    private double _stepDelta;
    private int _rampLeft;

    // History indices shared by every channel: the first tap of the next output, and the frames held.
    private int _left;
    private int _count;

    /// <summary>A fixed-ratio kernel: each output advances <paramref name="denominator"/> / <paramref name="numerator"/>
    /// input frames. With a design of <paramref name="numerator"/> phases every output uses exact coefficients; with
    /// fewer, the exact position picks interpolated ones.</summary>
    public ResamplerKernel(PolyphaseFilterDesign design, int channelCount, int capacity, int numerator, int denominator)
        : this(design, channelCount, capacity, varispeed: false)
    {
        _modulus = numerator;
        _interpolatePhases = design.Phases != numerator;
        _stepWhole = denominator / numerator;
        _stepRemainder = denominator % numerator;
    }

    /// <summary>A varispeed kernel starting at a step of <paramref name="step"/> input frames per output frame.</summary>
    public ResamplerKernel(PolyphaseFilterDesign design, int channelCount, int capacity, double step, int rampFrames)
        : this(design, channelCount, capacity, varispeed: true)
    {
        _step = step;
        _stepTarget = step;
        _rampFrames = rampFrames;
    }

    private ResamplerKernel(PolyphaseFilterDesign design, int channelCount, int capacity, bool varispeed)
    {
        _taps = design.Taps;
        _phases = design.Phases;
        _varispeed = varispeed;
        _table = new T[(design.Phases + 1) * design.Taps];
        design.Fill<T>(_table);
        _bufferLength = design.Taps + capacity;
        _history = new T[channelCount][];
        for (var c = 0; c < channelCount; c++)
        {
            _history[c] = new T[_bufferLength];
        }

        Reset();
    }

    /// <summary>Gets the taps per output (window length in input frames).</summary>
    public int Taps => _taps;

    /// <summary>Gets how many input frames <see cref="Write"/> would accept now.</summary>
    public int FreeInputFrames => _bufferLength - _count + Math.Min(_left, _count);

    /// <summary>Gets the input frames held and not yet behind every future output.</summary>
    public int BufferedInputFrames => Math.Max(0, _count - _left);

    /// <summary>Gets the current step in input frames per output frame.</summary>
    public double Step => _varispeed ? _step : _stepWhole + ((double)_stepRemainder / _modulus);

    /// <summary>Empties the history and primes it with Taps/2 - 1 frames of silence, so the next output sits exactly on
    /// the next input frame written.</summary>
    public void Reset()
    {
        ResetEmpty(0);
        var lead = (_taps / 2) - 1;
        foreach (var channel in _history)
        {
            channel.AsSpan(0, lead).Clear();
        }

        _count = lead;
    }

    /// <summary>Empties the history: the next output sits <paramref name="phase"/> / numerator of a frame after the input
    /// frame Taps/2 - 1 frames after the next one written (the caller writes that pre-roll itself).</summary>
    public void ResetEmpty(int phase)
    {
        _left = 0;
        _count = 0;
        _phase = phase;
        _fraction = 0;
        _step = _stepTarget;
        _rampLeft = 0;
    }

    /// <summary>Sets the varispeed step target, reached by a linear ramp over the configured number of outputs.</summary>
    public void SetStep(double step)
    {
        _stepTarget = step;
        if (_rampFrames == 0)
        {
            _step = step;
            _rampLeft = 0;
            return;
        }

        _stepDelta = (step - _step) / _rampFrames;
        _rampLeft = _rampFrames;
    }

    /// <summary>Appends as many frames of <paramref name="input"/> as fit; returns that count.</summary>
    public int Write(ReadOnlyAudioBlock input)
    {
        var frames = MakeRoom(input.FrameCount);
        for (var c = 0; c < _history.Length; c++)
        {
            var source = input.GetChannel(c)[..frames];
            var target = _history[c].AsSpan(_count, frames);
            if (typeof(T) == typeof(float))
            {
                source.CopyTo(System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(target));
            }
            else
            {
                TensorPrimitives.ConvertChecked(source, target);
            }
        }

        _count += frames;
        return frames;
    }

    /// <summary>Appends up to <paramref name="frames"/> frames of silence; returns the count appended.</summary>
    public int WriteSilence(int frames)
    {
        frames = MakeRoom(frames);
        foreach (var channel in _history)
        {
            channel.AsSpan(_count, frames).Clear();
        }

        _count += frames;
        return frames;
    }

    /// <summary>Computes outputs into <paramref name="output"/> from its first frame on, as many as the history allows;
    /// returns the count.</summary>
    public int Read(AudioBlock output) => _varispeed ? ReadVarispeed(output) : ReadFixed(output);

    /// <summary>Gets how many more input frames must be written before <paramref name="outputFrames"/> outputs can be
    /// read (exact for a fixed ratio; for varispeed an upper bound at the larger of the current and target steps).</summary>
    public long InputFramesNeeded(int outputFrames)
    {
        if (outputFrames <= 0)
        {
            return 0;
        }

        long last = outputFrames - 1;
        long lastLeft;
        if (_varispeed)
        {
            var step = Math.Max(_step, _stepTarget);
            lastLeft = _left + (long)Math.Ceiling(_fraction + (last * step)) + 1;
        }
        else
        {
            lastLeft = _left + (last * _stepWhole) + ((_phase + (last * _stepRemainder)) / _modulus);
        }

        return Math.Max(0, lastLeft + _taps - _count);
    }

    /// <summary>Gets how many outputs <see cref="Read"/> would produce now (fixed ratio: exact; varispeed: counted
    /// along the ramp).</summary>
    public long AvailableOutputFrames()
    {
        var slack = (long)_count - _taps - _left;
        if (slack < 0)
        {
            return 0;
        }

        if (!_varispeed)
        {
            // Output m is readable while ⌊(_phase + m·step·modulus) / modulus⌋ ≤ slack.
            var stepNumerator = ((long)_stepWhole * _modulus) + _stepRemainder;
            return (((slack + 1) * _modulus) - _phase + stepNumerator - 1) / stepNumerator;
        }

        long available = 0;
        var fraction = _fraction;
        var step = _step;
        var rampLeft = _rampLeft;
        var left = 0L;
        while (left <= slack)
        {
            available++;
            fraction += step;
            var whole = Math.Floor(fraction);
            left += (long)whole;
            fraction -= whole;
            if (rampLeft > 0)
            {
                step = --rampLeft == 0 ? _stepTarget : step + _stepDelta;
            }
        }

        return available;
    }

    private int MakeRoom(int frames)
    {
        if (_count + frames > _bufferLength && _left > 0)
        {
            // Frames before the next output's first tap are never read again.
            var start = Math.Min(_left, _count);
            var keep = _count - start;
            foreach (var channel in _history)
            {
                Array.Copy(channel, start, channel, 0, keep);
            }

            _count = keep;
            _left -= start;
        }

        return Math.Min(frames, _bufferLength - _count);
    }

    // Between two tabulated phases the output is interpolated linearly; the table is fine enough that the
    // interpolation's images sit below the preset's rejection near the band edge (see ResamplerQuality).
    private void ComputeInterpolated(AudioBlock output, int frame, double fraction)
    {
        var position = fraction * _phases;
        var index = Math.Min((int)position, _phases - 1);
        var weight = T.CreateTruncating(position - index);
        var lower = new ReadOnlySpan<T>(_table, index * _taps, _taps);
        var upper = new ReadOnlySpan<T>(_table, (index + 1) * _taps, _taps);
        for (var c = 0; c < _history.Length; c++)
        {
            var history = new ReadOnlySpan<T>(_history[c], _left, _taps);
            var a = PolyphaseDot.Dot(history, lower);
            var b = PolyphaseDot.Dot(history, upper);
            output.GetChannel(c)[frame] = float.CreateTruncating(a + (weight * (b - a)));
        }
    }

    private int ReadVarispeed(AudioBlock output)
    {
        var frames = output.FrameCount;
        var produced = 0;
        while (produced < frames && _left + _taps <= _count)
        {
            ComputeInterpolated(output, produced, _fraction);
            produced++;
            _fraction += _step;
            var whole = Math.Floor(_fraction);
            _left += (int)whole;
            _fraction -= whole;
            if (_rampLeft > 0)
            {
                _step = --_rampLeft == 0 ? _stepTarget : _step + _stepDelta;
            }
        }

        return produced;
    }
}
