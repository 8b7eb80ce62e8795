using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;

namespace AudioPost.Sdk.Tests.Processing.Dynamics;

/// <summary>Test signals and a block-by-block runner for the dynamics processors (planar, 48 kHz unless told).</summary>
internal static class DynamicsSignals
{
    public const int Rate = 48_000;

    public static float Gain(double decibels) => (float)Math.Pow(10, decibels / 20);

    public static double Db(double gain) => 20 * Math.Log10(Math.Max(Math.Abs(gain), 1e-12));

    /// <summary>A sine of <paramref name="levelDb"/> dBFS peak; 1 kHz at 48 kHz puts a sample exactly on each crest.</summary>
    public static float[] Sine(double levelDb, int frames, double frequency = 1000, int rate = Rate)
    {
        var amplitude = Gain(levelDb);
        var samples = new float[frames];
        for (var n = 0; n < frames; n++)
        {
            samples[n] = amplitude * (float)Math.Sin(2 * Math.PI * frequency * n / rate);
        }

        return samples;
    }

    /// <summary>A constant of <paramref name="beforeDb"/> dBFS, stepping to <paramref name="afterDb"/> at frame <paramref name="step"/>.</summary>
    public static float[] DcStep(double beforeDb, double afterDb, int step, int frames)
    {
        var samples = new float[frames];
        samples.AsSpan(0, step).Fill(Gain(beforeDb));
        samples.AsSpan(step).Fill(Gain(afterDb));
        return samples;
    }

    /// <summary>Prepares <paramref name="processor"/> and runs the planar <paramref name="signal"/> through it in blocks; returns the output.</summary>
    public static float[] Run(IAudioProcessor processor, float[] signal, int channels = 1, int block = 256, int rate = Rate)
    {
        processor.Prepare(new ProcessSpec(rate, block, channels));
        return Continue(processor, signal, channels, block, rate);
    }

    /// <summary>Runs an already prepared processor over the planar <paramref name="signal"/>, from timeline frame 0.</summary>
    public static float[] Continue(IAudioProcessor processor, float[] signal, int channels, int block, int rate = Rate)
    {
        var frames = signal.Length / channels;
        var output = new float[signal.Length];
        var scratch = new float[channels * block];
        for (var start = 0; start < frames; start += block)
        {
            var count = Math.Min(block, frames - start);
            for (var c = 0; c < channels; c++)
            {
                signal.AsSpan((c * frames) + start, count).CopyTo(scratch.AsSpan(c * count, count));
            }

            processor.Process(new AudioBlock(scratch, channels, count), new ProcessContext(start, start, rate, true));
            for (var c = 0; c < channels; c++)
            {
                scratch.AsSpan(c * count, count).CopyTo(output.AsSpan((c * frames) + start, count));
            }
        }

        return output;
    }

    /// <summary>RMS of a range, in dB, plus 3.01 dB: the peak level of a sine measured over whole periods.</summary>
    public static double SinePeakDb(ReadOnlySpan<float> samples)
    {
        double sum = 0;
        foreach (var sample in samples)
        {
            sum += (double)sample * sample;
        }

        return Db(Math.Sqrt(2 * sum / samples.Length));
    }
}
