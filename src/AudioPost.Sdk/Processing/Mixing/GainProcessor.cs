using AudioPost.Sdk.Automation;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;

namespace AudioPost.Sdk.Processing.Mixing;

/// <summary>
/// Applies a gain in dB to every channel. The gain is an <see cref="AudioParameter"/>: smoothed
/// when set, sample-accurate when automated. Any channel count; no latency; real-time safe.
/// </summary>
public sealed class GainProcessor : IAudioProcessor, IBoundedMemory
{
    private float[] _gains = [];

    /// <summary>Creates a gain stage.</summary>
    /// <param name="decibels">Initial gain in dB, -144 (silence) to +24.</param>
    public GainProcessor(float decibels = 0f)
    {
        Gain = new AudioParameter("gain", decibels, Decibels.SilenceDb, MaxGainDb);
    }

    /// <summary>The highest gain accepted, in dB.</summary>
    public const float MaxGainDb = 24f;

    /// <summary>Gets the gain parameter, in dB (-144 to +24; -144 is silence).</summary>
    public AudioParameter Gain { get; }

    /// <inheritdoc />
    /// <remarks>0: the output depends on the current input sample alone.</remarks>
    public long MemoryFrames => 0;

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
        Gain.Prepare(spec.SampleRate, spec.MaxBlockFrames);
        _gains = new float[spec.MaxBlockFrames];
    }

    /// <inheritdoc />
    public void Reset() => Gain.Reset();

    /// <inheritdoc />
    public void Process(AudioBlock buffer, in ProcessContext context)
    {
        var decibels = Gain.Process(context.TimelineFrame, buffer.FrameCount);
        if (decibels.IsConstant)
        {
            var gain = Decibels.ToGain(decibels.First);
            if (gain == 1f)
            {
                return;
            }

            for (var c = 0; c < buffer.ChannelCount; c++)
            {
                AudioMath.ApplyGain(buffer[c], gain, buffer[c]);
            }

            return;
        }

        var gains = _gains.AsSpan(0, buffer.FrameCount);
        Decibels.ToGain(decibels.Values, gains);
        for (var c = 0; c < buffer.ChannelCount; c++)
        {
            AudioMath.ApplyGain(buffer[c], gains, buffer[c]);
        }
    }
}
