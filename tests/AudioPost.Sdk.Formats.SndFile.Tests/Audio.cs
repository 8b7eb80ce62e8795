using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Formats.SndFile.Tests;

/// <summary>Test signals, block-wise reading and writing, and the error measures the lossy tests use.</summary>
internal static class Audio
{
    /// <summary>Seeded noise in [-1, 1) on the n-bit grid, so n-bit PCM stores it exactly; both full-scale ends pinned.</summary>
    public static float[] ExactNoise(int bits, int channels, int frames, int seed = 1234)
    {
        var random = new Random(seed);
        var scale = 1L << (bits - 1);
        var samples = new float[channels * frames];
        for (var i = 0; i < samples.Length; i++)
        {
            var value = Math.Round(((random.NextDouble() * 2) - 1) * scale);
            samples[i] = (float)(Math.Clamp(value, -scale, scale - 1) / scale);
        }

        samples[0] = -1f;
        samples[1] = (float)((scale - 1) / (double)scale);
        return samples;
    }

    /// <summary>Interleaved sines at 0.5 amplitude, a different frequency per channel (440 Hz × (c + 1)), except
    /// channel <paramref name="lfeChannel"/> (when not -1) at 60 Hz: encoders band-limit an LFE channel.</summary>
    public static float[] Sines(int channels, int frames, int sampleRate, int lfeChannel = -1)
    {
        var samples = new float[channels * frames];
        for (var frame = 0; frame < frames; frame++)
        {
            for (var channel = 0; channel < channels; channel++)
            {
                var frequency = channel == lfeChannel ? 60.0 : 440.0 * (channel + 1);
                samples[(frame * channels) + channel] = (float)(0.5 * Math.Sin(2 * Math.PI * frequency * frame / sampleRate));
            }
        }

        return samples;
    }

    /// <summary>Writes interleaved samples through the writer in planar blocks of <paramref name="blockFrames"/>.</summary>
    public static void Write(IAudioFileWriter writer, float[] interleaved, int channels, int blockFrames = 1000)
    {
        var frames = interleaved.Length / channels;
        var planar = new float[channels * blockFrames];
        for (var start = 0; start < frames; start += blockFrames)
        {
            var count = Math.Min(blockFrames, frames - start);
            for (var channel = 0; channel < channels; channel++)
            {
                for (var frame = 0; frame < count; frame++)
                {
                    planar[(channel * blockFrames) + frame] = interleaved[((start + frame) * channels) + channel];
                }
            }

            writer.Write(new ReadOnlyAudioBlock(planar, channels, count, blockFrames));
        }
    }

    /// <summary>Reads the rest of the file in blocks of <paramref name="blockFrames"/> and returns it interleaved.</summary>
    public static float[] ReadAll(IAudioFileReader reader, int blockFrames = 1000)
    {
        var channels = reader.Info.ChannelCount;
        var result = new List<float>();
        var planar = new float[channels * blockFrames];
        int read;
        while ((read = reader.Read(new AudioBlock(planar, channels, blockFrames))) > 0)
        {
            for (var frame = 0; frame < read; frame++)
            {
                for (var channel = 0; channel < channels; channel++)
                {
                    result.Add(planar[(channel * blockFrames) + frame]);
                }
            }
        }

        return [.. result];
    }

    /// <summary>
    /// The RMS of (test - reference) relative to the RMS of the reference, over the frames both have, after shifting
    /// <paramref name="test"/> by the lag (within ±<paramref name="maxLag"/> frames) that makes them agree best: lossy
    /// decoders differ in how much encoder delay they strip.
    /// </summary>
    public static (double RelativeError, int Lag) AlignedRelativeError(float[] reference, float[] test, int channels, int maxLag)
    {
        var best = (RelativeError: double.MaxValue, Lag: 0);
        for (var lag = -maxLag; lag <= maxLag; lag++)
        {
            var error = RelativeError(reference, test, channels, lag);
            if (error < best.RelativeError)
            {
                best = (error, lag);
            }
        }

        return best;
    }

    private static double RelativeError(float[] reference, float[] test, int channels, int lag)
    {
        var referenceFrames = reference.Length / channels;
        var testFrames = test.Length / channels;
        double difference = 0, energy = 0;
        for (var frame = Math.Max(0, -lag); frame < referenceFrames && frame + lag < testFrames; frame++)
        {
            for (var channel = 0; channel < channels; channel++)
            {
                var r = reference[(frame * channels) + channel];
                var t = test[((frame + lag) * channels) + channel];
                difference += (r - t) * (r - t);
                energy += r * r;
            }
        }

        return energy == 0 ? double.MaxValue : Math.Sqrt(difference / energy);
    }
}
