using AudioPost.Sdk.Automation;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.Processing;

namespace AudioPost.Sdk.Sources;

/// <summary>
/// White or pink noise, independent on each channel, from a seeded generator: the same seed
/// renders the same bits, so tests and offline renders are reproducible. Real-time safe.
/// </summary>
/// <remarks>
/// White noise is uniform in [-1, 1) scaled by <see cref="Level"/> (so its RMS is 4.77 dB below
/// the level). Pink noise filters white noise with a sum of first-order low-passes whose poles
/// are spread across the spectrum, normalized to about the same peak range.
/// </remarks>
public sealed class NoiseSource : IAudioSource
{
    // Pole/weight pairs of a 7-term pinking filter (a classic design of economical pink noise).
    private static readonly float[] PinkPoles = [0.99886f, 0.99332f, 0.96900f, 0.86650f, 0.55000f, -0.7616f];
    private static readonly float[] PinkWeights = [0.0555179f, 0.0750759f, 0.1538520f, 0.3104856f, 0.5329522f, -0.0168980f];
    private const float PinkScale = 0.11f;

    private readonly ulong _seed;
    private ulong[] _state = [];
    private float[] _pink = [];
    private float[] _gains = [];

    /// <summary>Creates a noise generator.</summary>
    /// <param name="color">White or pink.</param>
    /// <param name="levelDb">Level in dBFS, -144 to 0 (peak of the white source).</param>
    /// <param name="channelCount">Channels, 1 to 1024; each has its own sequence.</param>
    /// <param name="seed">Seed of the generator; the same seed gives the same noise.</param>
    public NoiseSource(NoiseColor color = NoiseColor.White, float levelDb = -20f, int channelCount = 1, ulong seed = 0x5EED)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channelCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channelCount, AudioBuffer.MaxChannels);
        if (!Enum.IsDefined(color))
        {
            throw new ArgumentOutOfRangeException(nameof(color), color, "Unknown noise color.");
        }

        Color = color;
        ChannelCount = channelCount;
        _seed = seed;
        Level = new AudioParameter("level", levelDb, Decibels.SilenceDb, 0f);
    }

    /// <inheritdoc />
    public int ChannelCount { get; }

    /// <summary>Gets the noise color.</summary>
    public NoiseColor Color { get; }

    /// <summary>Gets the level parameter in dBFS.</summary>
    public AudioParameter Level { get; }

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
        _state = new ulong[ChannelCount];
        _pink = new float[ChannelCount * (PinkPoles.Length + 1)];
        _gains = new float[spec.MaxBlockFrames];
        Level.Prepare(spec.SampleRate, spec.MaxBlockFrames);
        Reset();
    }

    /// <inheritdoc />
    public void Reset()
    {
        for (var c = 0; c < _state.Length; c++)
        {
            // SplitMix64 spreads (seed, channel) into a non-zero xorshift state.
            var z = _seed + (0x9E3779B97F4A7C15UL * (ulong)(c + 1));
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            _state[c] = (z ^ (z >> 31)) | 1;
        }

        Array.Clear(_pink);
        Level.Reset();
    }

    /// <inheritdoc />
    public void Read(AudioBlock destination, in ProcessContext context)
    {
        var frames = destination.FrameCount;
        var level = Level.Process(context.TimelineFrame, frames);
        for (var c = 0; c < destination.ChannelCount; c++)
        {
            var samples = destination[c];
            var state = _state[c];
            for (var i = 0; i < frames; i++)
            {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;

                // The top 24 bits make a uniform value in [-1, 1) with every step exactly representable.
                samples[i] = ((long)(state >> 40) - (1L << 23)) * (1f / (1 << 23));
            }

            _state[c] = state;
            if (Color == NoiseColor.Pink)
            {
                Pinken(samples, _pink.AsSpan(c * (PinkPoles.Length + 1), PinkPoles.Length + 1));
            }

            if (level.IsConstant)
            {
                AudioMath.ApplyGain(samples, Decibels.ToGain(level.First), samples);
            }
            else
            {
                var gains = _gains.AsSpan(0, frames);
                Decibels.ToGain(level.Values, gains);
                AudioMath.ApplyGain(samples, gains, samples);
            }
        }
    }

    private static void Pinken(Span<float> samples, Span<float> state)
    {
        for (var i = 0; i < samples.Length; i++)
        {
            var white = samples[i];
            var sum = state[PinkPoles.Length] + (white * 0.5362f);
            for (var k = 0; k < PinkPoles.Length; k++)
            {
                state[k] = (PinkPoles[k] * state[k]) + (white * PinkWeights[k]);
                sum += state[k];
            }

            state[PinkPoles.Length] = white * 0.115926f;
            samples[i] = sum * PinkScale;
        }
    }
}
