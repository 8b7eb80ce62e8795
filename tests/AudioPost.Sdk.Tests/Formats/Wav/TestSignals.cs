using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Tests.Formats.Wav;

/// <summary>Deterministic test audio whose samples survive a given encoding exactly.</summary>
internal static class TestSignals
{
    /// <summary>Every sample format, each at 1, 2 and 6 channels: the matrix the WAV tests cover.</summary>
    public static TheoryData<SampleFormat, int> EveryFormatByChannelCount()
    {
        var data = new TheoryData<SampleFormat, int>();
        foreach (var format in Enum.GetValues<SampleFormat>())
        {
            foreach (var channels in new[] { 1, 2, 6 })
            {
                data.Add(format, channels);
            }
        }

        return data;
    }

    /// <summary>
    /// Fills a planar buffer with seeded noise in [-1, 1) quantized so that encoding to <paramref name="format"/> and
    /// decoding gives the same floats back: n-bit PCM on its 2^-(n-1) grid (32-bit PCM on the 24-bit grid, because a
    /// float cannot hold more), floats as they are.
    /// </summary>
    public static float[] Exact(SampleFormat format, int channels, int frames, int seed = 1234)
    {
        var random = new Random(seed);
        var samples = new float[channels * frames];
        var bits = format switch
        {
            SampleFormat.Pcm8 => 8,
            SampleFormat.Pcm16 => 16,
            SampleFormat.Pcm24 or SampleFormat.Pcm32 => 24,
            _ => 0,
        };

        for (var i = 0; i < samples.Length; i++)
        {
            var value = (random.NextDouble() * 2) - 1;
            if (bits > 0)
            {
                var scale = 1L << (bits - 1);
                value = Math.Clamp(Math.Round(value * scale), -scale, scale - 1) / scale;
            }

            samples[i] = (float)value;
        }

        // Pin both full-scale ends so the extremes of every encoding are exercised.
        samples[0] = -1f;
        if (bits > 0 && samples.Length > 1)
        {
            samples[1] = (float)(((1L << (bits - 1)) - 1) / (double)(1L << (bits - 1)));
        }

        return samples;
    }

    /// <summary>Reorders planar samples (channel after channel) into interleaved frames.</summary>
    public static float[] Interleave(float[] planar, int channels)
    {
        var frames = planar.Length / channels;
        var interleaved = new float[planar.Length];
        for (var c = 0; c < channels; c++)
        {
            for (var f = 0; f < frames; f++)
            {
                interleaved[(f * channels) + c] = planar[(c * frames) + f];
            }
        }

        return interleaved;
    }

    public static ReadOnlyAudioBlock Block(float[] planar, int channels) =>
        new(planar, channels, planar.Length / channels);
}
