using AudioPost.Sdk.Automation;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Delays;

namespace AudioPost.Sdk.Processing.Delays;

/// <summary>
/// Delays every channel by a non-integer time in milliseconds (sub-sample alignment, Haas offsets, slow
/// delay rides), read with the chosen <see cref="DelayInterpolation"/>. For whole frames and feedback
/// loops in the graph use <see cref="DelayProcessor"/>.
/// </summary>
/// <remarks>
/// <para>The delay is an <see cref="AudioParameter"/> in ms: smoothed when set (a glide is a short pitch bend,
/// as on tape), sample-accurate when automated. The interpolator's look-ahead (0, 1 or 15 frames: see
/// <see cref="FractionalDelayLine.MinimumDelayOf"/>) is added to every delay and reported as
/// <see cref="LatencyFrames"/>, so a compensated graph sees exactly the delay asked for, down to 0 ms.</para>
/// <para>Real-time safe; memory is one ring per channel of the next power of two above the longest delay,
/// allocated in Prepare.</para>
/// </remarks>
public sealed class FractionalDelayProcessor : IAudioProcessor
{
    private FractionalDelayLine[] _lines = [];
    private int _sampleRate = 48_000;

    /// <summary>Creates a fractional delay.</summary>
    /// <param name="delayMilliseconds">Initial delay in ms, 0 to <paramref name="maxDelayMilliseconds"/>.</param>
    /// <param name="maxDelayMilliseconds">Longest delay in ms, above 0 up to 60,000; sizes the memory. Default 1,000.</param>
    /// <param name="interpolation">How to read between samples; default cubic Lagrange.</param>
    /// <exception cref="ArgumentOutOfRangeException">A time is outside its range.</exception>
    public FractionalDelayProcessor(float delayMilliseconds, float maxDelayMilliseconds = 1000f, DelayInterpolation interpolation = DelayInterpolation.Lagrange3)
    {
        if (!(maxDelayMilliseconds > 0f && maxDelayMilliseconds <= 60_000f))
        {
            throw new ArgumentOutOfRangeException(nameof(maxDelayMilliseconds), maxDelayMilliseconds, "The longest delay must be above 0 and at most 60,000 ms.");
        }

        Interpolation = interpolation;
        MaxDelayMilliseconds = maxDelayMilliseconds;
        Delay = new AudioParameter("delay", delayMilliseconds, 0f, maxDelayMilliseconds);
    }

    /// <summary>Gets the delay parameter, in ms (0 to <see cref="MaxDelayMilliseconds"/>).</summary>
    public AudioParameter Delay { get; }

    /// <summary>Gets the longest delay, in ms.</summary>
    public float MaxDelayMilliseconds { get; }

    /// <summary>Gets the interpolation.</summary>
    public DelayInterpolation Interpolation { get; }

    /// <inheritdoc />
    public int LatencyFrames => FractionalDelayLine.MinimumDelayOf(Interpolation);

    /// <inheritdoc />
    public int TailFrames => (int)Math.Ceiling(MaxDelayMilliseconds * 0.001 * _sampleRate) + LatencyFrames;

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
        _sampleRate = spec.SampleRate;
        var maxFrames = (int)Math.Ceiling(MaxDelayMilliseconds * 0.001 * spec.SampleRate) + LatencyFrames + 1;
        _lines = new FractionalDelayLine[spec.ChannelCount];
        for (var c = 0; c < _lines.Length; c++)
        {
            _lines[c] = new FractionalDelayLine(maxFrames, Interpolation);
        }

        Delay.Prepare(spec.SampleRate, spec.MaxBlockFrames);
    }

    /// <inheritdoc />
    public void Reset()
    {
        foreach (var line in _lines)
        {
            line.Reset();
        }

        Delay.Reset();
    }

    /// <inheritdoc />
    public void Process(AudioBlock buffer, in ProcessContext context)
    {
        var delays = Delay.Process(context.TimelineFrame, buffer.FrameCount);
        var framesPerMs = _sampleRate * 0.001;
        var lookAhead = LatencyFrames;
        for (var c = 0; c < _lines.Length; c++)
        {
            var line = _lines[c];
            var samples = buffer[c];
            if (delays.IsConstant)
            {
                var delay = (delays.First * framesPerMs) + lookAhead;
                for (var i = 0; i < samples.Length; i++)
                {
                    line.Write(samples[i]);
                    samples[i] = line.Read(delay);
                }
            }
            else
            {
                var values = delays.Values;
                for (var i = 0; i < samples.Length; i++)
                {
                    line.Write(samples[i]);
                    samples[i] = line.Read((values[i] * framesPerMs) + lookAhead);
                }
            }
        }
    }
}
