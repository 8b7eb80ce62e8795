using AudioPost.Sdk.Automation;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Delays;

namespace AudioPost.Sdk.Processing.Delays;

/// <summary>
/// A delay whose time a sine LFO sweeps, with feedback and a dry/wet mix: the building block of chorus
/// (delay 10–30 ms, depth 1–5 ms, rate 0.1–2 Hz, little feedback), flanger (delay 0.5–5 ms, depth of the
/// same order, feedback ±0.5–0.9) and vibrato (mix 1).
/// </summary>
/// <remarks>
/// <para>Per channel c and frame n: <c>d = delay + depth · sin(2π·rate·t + c·spread)</c> (ms, clamped to at
/// least one frame more than the interpolator's look-ahead: 2 frames for Lagrange); <c>w = line(d)</c>; the line takes <c>x + feedback · w</c>; the output is
/// <c>(1 − mix)·x + mix·w</c>. The LFO runs on the stream clock, so it does not jump on a locate.
/// Interpolation is cubic Lagrange by default (see <see cref="DelayInterpolation"/>).</para>
/// <para>All five controls are smoothed, automatable <see cref="AudioParameter"/>s. The delay is intentional,
/// so the latency is 0; <see cref="TailFrames"/> covers the feedback's decay to −60 dB.</para>
/// <para>Real-time safe; Prepare allocates one ring per channel sized for delay + depth at their maxima.</para>
/// </remarks>
public sealed class ModulatedDelayProcessor : IAudioProcessor
{
    private const float MaxTimeMs = 100f;
    private FractionalDelayLine[] _lines = [];
    private double[] _phases = [];
    private int _sampleRate = 48_000;
    private int _maxFrames;

    /// <summary>Creates a modulated delay.</summary>
    /// <param name="delayMilliseconds">Centre delay in ms, 0 to 100; default 15 (chorus).</param>
    /// <param name="depthMilliseconds">Sweep depth in ms (peak deviation from the centre), 0 to 100; default 2.</param>
    /// <param name="rateHz">LFO rate in Hz, 0 to 20; default 0.5.</param>
    /// <param name="feedback">Share of the delayed signal fed back, −0.98 to 0.98; default 0.</param>
    /// <param name="mix">0 (dry) to 1 (wet only); default 0.5.</param>
    /// <param name="interpolation">How to read between samples; default cubic Lagrange.</param>
    public ModulatedDelayProcessor(
        float delayMilliseconds = 15f,
        float depthMilliseconds = 2f,
        float rateHz = 0.5f,
        float feedback = 0f,
        float mix = 0.5f,
        DelayInterpolation interpolation = DelayInterpolation.Lagrange3)
    {
        Delay = new AudioParameter("delay", delayMilliseconds, 0f, MaxTimeMs);
        Depth = new AudioParameter("depth", depthMilliseconds, 0f, MaxTimeMs);
        Rate = new AudioParameter("rate", rateHz, 0f, 20f);
        Feedback = new AudioParameter("feedback", feedback, -0.98f, 0.98f);
        Mix = new AudioParameter("mix", mix, 0f, 1f);
        Interpolation = interpolation;
    }

    /// <summary>Gets the centre delay, in ms (0 to 100).</summary>
    public AudioParameter Delay { get; }

    /// <summary>Gets the sweep depth, in ms (0 to 100): the delay swings by ± this much.</summary>
    public AudioParameter Depth { get; }

    /// <summary>Gets the LFO rate, in Hz (0 to 20).</summary>
    public AudioParameter Rate { get; }

    /// <summary>Gets the feedback gain (−0.98 to 0.98; negative inverts the fed-back signal, hollowing a flanger).</summary>
    public AudioParameter Feedback { get; }

    /// <summary>Gets the wet share (0 = dry only, 1 = wet only).</summary>
    public AudioParameter Mix { get; }

    /// <summary>Gets the interpolation.</summary>
    public DelayInterpolation Interpolation { get; }

    /// <summary>Gets or sets the LFO phase offset between adjacent channels, in degrees (0 to 360; default 90 for a wide stereo chorus). Set before Prepare or between blocks.</summary>
    public float StereoSpreadDegrees { get; set; } = 90f;

    /// <inheritdoc />
    public int TailFrames
    {
        get
        {
            // Frames for the feedback loop to fall 60 dB: each pass through the longest delay multiplies by |feedback|.
            var g = Math.Min(0.98, Math.Abs(Feedback.Value));
            var passes = g < 1e-3 ? 1 : Math.Ceiling(-3 / Math.Log10(g));
            return (int)Math.Min(int.MaxValue, (passes * _maxFrames) + _maxFrames);
        }
    }

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
        _sampleRate = spec.SampleRate;
        _maxFrames = (int)Math.Ceiling(2 * MaxTimeMs * 0.001 * spec.SampleRate) + 4;
        _lines = new FractionalDelayLine[spec.ChannelCount];
        _phases = new double[spec.ChannelCount];
        for (var c = 0; c < _lines.Length; c++)
        {
            _lines[c] = new FractionalDelayLine(_maxFrames, Interpolation);
        }

        foreach (var parameter in (ReadOnlySpan<AudioParameter>)[Delay, Depth, Rate, Feedback, Mix])
        {
            parameter.Prepare(spec.SampleRate, spec.MaxBlockFrames);
        }

        ResetPhases();
    }

    /// <inheritdoc />
    public void Reset()
    {
        foreach (var line in _lines)
        {
            line.Reset();
        }

        foreach (var parameter in (ReadOnlySpan<AudioParameter>)[Delay, Depth, Rate, Feedback, Mix])
        {
            parameter.Reset();
        }

        ResetPhases();
    }

    /// <inheritdoc />
    public void Process(AudioBlock buffer, in ProcessContext context)
    {
        var frames = buffer.FrameCount;
        var delay = Delay.Process(context.TimelineFrame, frames);
        var depth = Depth.Process(context.TimelineFrame, frames);
        var rate = Rate.Process(context.TimelineFrame, frames);
        var feedback = Feedback.Process(context.TimelineFrame, frames);
        var mix = Mix.Process(context.TimelineFrame, frames);
        var framesPerMs = _sampleRate * 0.001;
        var cyclesPerFrame = 1.0 / _sampleRate;
        for (var c = 0; c < _lines.Length; c++)
        {
            var line = _lines[c];
            var samples = buffer[c];
            var phase = _phases[c];
            for (var i = 0; i < frames; i++)
            {
                // The line's newest sample is the previous input, hence the −1.
                var ms = delay[i] + (depth[i] * Math.Sin(2 * Math.PI * phase));
                var wet = line.Read((ms * framesPerMs) - 1);
                var dry = samples[i];
                line.Write(dry + (feedback[i] * wet));
                samples[i] = dry + (mix[i] * (wet - dry));
                phase += rate[i] * cyclesPerFrame;
                if (phase >= 1)
                {
                    phase -= 1;
                }
            }

            _phases[c] = phase;
        }
    }

    private void ResetPhases()
    {
        for (var c = 0; c < _phases.Length; c++)
        {
            var offset = c * StereoSpreadDegrees / 360.0;
            _phases[c] = offset - Math.Floor(offset);
        }
    }
}
