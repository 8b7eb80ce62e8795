using AudioPost.Sdk.Automation;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;

namespace AudioPost.Sdk.Processing.Mixing;

/// <summary>
/// A console fader: a gain in dB, plus an offset in dB (what VCA groups move), times a mute that fades rather than
/// cuts. Each is its own <see cref="AudioParameter"/>, so automating the fader does not stop a VCA or a mute from
/// acting: the gain applied is <c>10^((Gain + Offset) / 20) · (1 − Mute)</c>, with Gain + Offset capped at +24 dB.
/// </summary>
/// <remarks>
/// Mute is a linear crossfade between open (0) and closed (1) over <see cref="MuteSmoothingSeconds"/> (10 ms by
/// default), so muting while rendering moves each sample by at most <c>|x| / (rate · 0.01)</c> more than the signal
/// itself does: no click. Any channel count; no latency; real-time safe.
/// </remarks>
public sealed class FaderProcessor : IAudioProcessor
{
    /// <summary>The default mute crossfade, in seconds.</summary>
    public const double MuteSmoothingSeconds = 0.01;

    private float[] _gains = [];
    private float[] _mutes = [];

    /// <summary>Creates a fader.</summary>
    /// <param name="decibels">Initial fader gain, −144 (silence) to +24 dB.</param>
    /// <param name="muteSmoothingSeconds">Mute crossfade time, 0 to 10 s; default <see cref="MuteSmoothingSeconds"/>.</param>
    public FaderProcessor(float decibels = 0f, double muteSmoothingSeconds = MuteSmoothingSeconds)
    {
        Gain = new AudioParameter("fader", decibels, Decibels.SilenceDb, GainProcessor.MaxGainDb);
        Offset = new AudioParameter("offset", 0f, Decibels.SilenceDb, GainProcessor.MaxGainDb);
        Mute = new AudioParameter("mute", 0f, 0f, 1f, muteSmoothingSeconds);
    }

    /// <summary>Gets the fader gain, in dB (−144 to +24; −144 is silence). Automatable.</summary>
    public AudioParameter Gain { get; }

    /// <summary>Gets the offset added to the fader, in dB (−144 to +24): the sum of the VCA groups the channel belongs to.</summary>
    public AudioParameter Offset { get; }

    /// <summary>Gets the mute amount, 0 (open) to 1 (silent); values between are a partial cut. Set <see cref="AudioParameter.Value"/> to mute.</summary>
    public AudioParameter Mute { get; }

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
        Gain.Prepare(spec.SampleRate, spec.MaxBlockFrames);
        Offset.Prepare(spec.SampleRate, spec.MaxBlockFrames);
        Mute.Prepare(spec.SampleRate, spec.MaxBlockFrames);
        _gains = new float[spec.MaxBlockFrames];
        _mutes = new float[spec.MaxBlockFrames];
    }

    /// <inheritdoc />
    public void Reset()
    {
        Gain.Reset();
        Offset.Reset();
        Mute.Reset();
    }

    /// <summary>Gets the linear gain for a fader, offset and mute value (the formula of the class summary).</summary>
    public static float GetLinearGain(float decibels, float offsetDecibels, float mute) =>
        Decibels.ToGain(Math.Min(decibels + offsetDecibels, GainProcessor.MaxGainDb)) * (1f - Math.Clamp(mute, 0f, 1f));

    /// <inheritdoc />
    public void Process(AudioBlock buffer, in ProcessContext context)
    {
        var frames = buffer.FrameCount;
        var gain = Gain.Process(context.TimelineFrame, frames);
        var offset = Offset.Process(context.TimelineFrame, frames);
        var mute = Mute.Process(context.TimelineFrame, frames);
        if (gain.IsConstant && offset.IsConstant && mute.IsConstant)
        {
            var linear = GetLinearGain(gain.First, offset.First, mute.First);
            if (linear == 1f)
            {
                return;
            }

            for (var c = 0; c < buffer.ChannelCount; c++)
            {
                AudioMath.ApplyGain(buffer[c], linear, buffer[c]);
            }

            return;
        }

        var gains = _gains.AsSpan(0, frames);
        var mutes = _mutes.AsSpan(0, frames);
        System.Numerics.Tensors.TensorPrimitives.Add(gain.Values, offset.Values, gains);
        System.Numerics.Tensors.TensorPrimitives.Min(gains, GainProcessor.MaxGainDb, gains);
        Decibels.ToGain(gains, gains);
        System.Numerics.Tensors.TensorPrimitives.Subtract(1f, mute.Values, mutes);
        System.Numerics.Tensors.TensorPrimitives.Multiply(gains, mutes, gains);
        for (var c = 0; c < buffer.ChannelCount; c++)
        {
            AudioMath.ApplyGain(buffer[c], gains, buffer[c]);
        }
    }
}
