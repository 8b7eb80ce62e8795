using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Sources;

namespace MixScene;

/// <summary>A stand-in for spot effects: short bursts of white noise with a fast decay, one every <c>period</c> seconds.</summary>
internal sealed class BurstSource(float levelDb, double periodSeconds, double decaySeconds) : IAudioSource
{
    private readonly float _gain = Decibels.ToGain(levelDb);
    private ulong _state = 0x9E3779B97F4A7C15;
    private int _period;
    private float _decay;

    public int ChannelCount => 1;

    public void Prepare(in ProcessSpec spec)
    {
        _period = (int)(periodSeconds * spec.SampleRate);
        _decay = (float)Math.Exp(-1.0 / (decaySeconds * spec.SampleRate));
    }

    public void Reset() => _state = 0x9E3779B97F4A7C15;

    public void Read(AudioBlock destination, in ProcessContext context)
    {
        var samples = destination[0];
        for (var i = 0; i < samples.Length; i++)
        {
            var phase = (int)((context.TimelineFrame + i) % _period);
            var envelope = _gain * MathF.Pow(_decay, phase);
            _state ^= _state << 13;
            _state ^= _state >> 7;
            _state ^= _state << 17;
            samples[i] = envelope * (((_state >> 40) / (float)(1 << 23)) - 1f);
        }
    }
}
