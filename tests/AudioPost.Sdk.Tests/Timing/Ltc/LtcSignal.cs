using AudioPost.Sdk.Timing;
using AudioPost.Sdk.Timing.Ltc;

namespace AudioPost.Sdk.Tests.Timing.Ltc;

/// <summary>Helpers shared by the LTC tests: render with our encoder, decode with our decoder.</summary>
internal static class LtcSignal
{
    public static float[] Encode(Timecode start, int words, int sampleRate, LtcEncoderOptions? options = null)
    {
        var encoder = new LtcEncoder(sampleRate, start, options);
        var samples = new float[(int)Math.Ceiling(encoder.SamplesPerWord * words)];
        for (var offset = 0; offset < samples.Length; offset += 1000)
        {
            encoder.Render(samples.AsSpan(offset, Math.Min(1000, samples.Length - offset)));
        }

        return samples;
    }

    public static List<LtcDecodedFrame> Decode(ReadOnlySpan<float> samples, int sampleRate, FrameRate rate, int chunk = 512)
    {
        var decoder = new LtcDecoder(sampleRate, rate, queueCapacity: 1024);
        var frames = new List<LtcDecodedFrame>();
        for (var offset = 0; offset < samples.Length; offset += chunk)
        {
            decoder.Write(samples.Slice(offset, Math.Min(chunk, samples.Length - offset)));
            while (decoder.TryRead(out var frame))
            {
                frames.Add(frame);
            }
        }

        decoder.Flush();
        while (decoder.TryRead(out var frame))
        {
            frames.Add(frame);
        }

        return frames;
    }

    /// <summary>Adds Gaussian noise of the given RMS (Box–Muller, fixed seed).</summary>
    public static void AddNoise(Span<float> samples, double rms, int seed = 1)
    {
        var random = new Random(seed);
        for (var i = 0; i < samples.Length; i++)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            samples[i] += (float)(rms * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }
    }
}
