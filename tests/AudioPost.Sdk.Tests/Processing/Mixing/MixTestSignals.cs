using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;

namespace AudioPost.Sdk.Tests.Processing.Mixing;

/// <summary>Signals and measurements shared by the mixing tests.</summary>
internal static class MixTestSignals
{
    public const int Rate = 48_000;

    /// <summary>A sine of <paramref name="amplitude"/> at <paramref name="frequency"/> Hz (a whole number of cycles in 4800 frames when a multiple of 10 Hz).</summary>
    public static float[] Sine(double frequency, float amplitude, int frames)
    {
        var samples = new float[frames];
        for (var i = 0; i < frames; i++)
        {
            samples[i] = amplitude * (float)Math.Sin(2 * Math.PI * frequency * i / Rate);
        }

        return samples;
    }

    /// <summary>The amplitude of the <paramref name="frequency"/> component, by a single-bin DFT over a whole number of cycles.</summary>
    public static double Amplitude(ReadOnlySpan<float> samples, double frequency)
    {
        double re = 0, im = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            var phase = 2 * Math.PI * frequency * i / Rate;
            re += samples[i] * Math.Cos(phase);
            im += samples[i] * Math.Sin(phase);
        }

        return 2 * Math.Sqrt((re * re) + (im * im)) / samples.Length;
    }

    /// <summary>The largest difference between neighbouring samples.</summary>
    public static float MaxStep(ReadOnlySpan<float> samples)
    {
        var max = 0f;
        for (var i = 1; i < samples.Length; i++)
        {
            max = Math.Max(max, Math.Abs(samples[i] - samples[i - 1]));
        }

        return max;
    }

    /// <summary>Runs a processor over planar input (one array per channel) in blocks; returns the planar output.</summary>
    public static float[][] Run(IAudioProcessor processor, float[][] input, int block = 256, Action<int>? beforeBlock = null)
    {
        var inChannels = input.Length;
        var outChannels = processor.GetOutputChannelCount(inChannels);
        var frames = input[0].Length;
        processor.Prepare(new ProcessSpec(Rate, block, inChannels));
        var width = Math.Max(inChannels, outChannels);
        var storage = new float[width * block];
        var output = new float[outChannels][];
        for (var c = 0; c < outChannels; c++)
        {
            output[c] = new float[frames];
        }

        for (var offset = 0; offset < frames; offset += block)
        {
            beforeBlock?.Invoke(offset);
            var count = Math.Min(block, frames - offset);
            var buffer = new AudioBlock(storage, width, count, block);
            buffer.Clear();
            for (var c = 0; c < inChannels; c++)
            {
                input[c].AsSpan(offset, count).CopyTo(buffer[c]);
            }

            processor.Process(buffer, new ProcessContext(offset, offset, Rate, true));
            for (var c = 0; c < outChannels; c++)
            {
                buffer[c].CopyTo(output[c].AsSpan(offset, count));
            }
        }

        return output;
    }
}
