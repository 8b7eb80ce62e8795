using AudioPost.Sdk.Automation;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.Processing;

namespace AudioPost.Sdk.Sources;

/// <summary>
/// A sine tone on every channel, with automatable frequency (Hz) and level (dBFS). The phase is
/// kept in double precision and runs on the stream clock, so a tone stays clean for hours and
/// renders the same bits every time. Real-time safe.
/// </summary>
public sealed class ToneSource : IAudioSource
{
    private float[] _frequencies = [];
    private float[] _gains = [];
    private double _phase;
    private int _sampleRate;

    /// <summary>Creates a tone.</summary>
    /// <param name="frequencyHz">Frequency in Hz, 0 to 192,000 (above Nyquist aliases, as a real oscillator would).</param>
    /// <param name="levelDb">Peak level in dBFS, -144 to 0.</param>
    /// <param name="channelCount">Channels to fill with the same tone, 1 to 1024.</param>
    public ToneSource(float frequencyHz = 1000f, float levelDb = -20f, int channelCount = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channelCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channelCount, AudioBuffer.MaxChannels);
        ChannelCount = channelCount;
        Frequency = new AudioParameter("frequency", frequencyHz, 0f, 192_000f);
        Level = new AudioParameter("level", levelDb, Decibels.SilenceDb, 0f);
    }

    /// <inheritdoc />
    public int ChannelCount { get; }

    /// <summary>Gets the frequency parameter in Hz.</summary>
    public AudioParameter Frequency { get; }

    /// <summary>Gets the level parameter in dBFS (peak).</summary>
    public AudioParameter Level { get; }

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
        _sampleRate = spec.SampleRate;
        Frequency.Prepare(spec.SampleRate, spec.MaxBlockFrames);
        Level.Prepare(spec.SampleRate, spec.MaxBlockFrames);
        _frequencies = new float[spec.MaxBlockFrames];
        _gains = new float[spec.MaxBlockFrames];
    }

    /// <inheritdoc />
    public void Reset()
    {
        _phase = 0;
        Frequency.Reset();
        Level.Reset();
    }

    /// <inheritdoc />
    public void Read(AudioBlock destination, in ProcessContext context)
    {
        var frames = destination.FrameCount;
        var frequency = Frequency.Process(context.TimelineFrame, frames);
        var level = Level.Process(context.TimelineFrame, frames);
        var first = destination[0];
        var phase = _phase;
        var radiansPerHz = 2.0 * Math.PI / _sampleRate;
        if (frequency.IsConstant)
        {
            var step = frequency.First * radiansPerHz;
            for (var i = 0; i < frames; i++)
            {
                first[i] = (float)Math.Sin(phase);
                phase += step;
            }
        }
        else
        {
            for (var i = 0; i < frames; i++)
            {
                first[i] = (float)Math.Sin(phase);
                phase += frequency[i] * radiansPerHz;
            }
        }

        // Wrap once per block: keeps the phase small, so precision does not decay over a long render.
        _phase = Math.IEEERemainder(phase, 2.0 * Math.PI);

        if (level.IsConstant)
        {
            AudioMath.ApplyGain(first, Decibels.ToGain(level.First), first);
        }
        else
        {
            var gains = _gains.AsSpan(0, frames);
            Decibels.ToGain(level.Values, gains);
            AudioMath.ApplyGain(first, gains, first);
        }

        for (var c = 1; c < destination.ChannelCount; c++)
        {
            first.CopyTo(destination[c]);
        }
    }
}
