using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Processing.Restoration;

namespace AudioPost.Sdk.Tests.Processing.Restoration;

/// <summary>Streams planar test audio through a <see cref="NoiseReductionProcessor"/> in blocks of varying size.</summary>
internal static class NoiseReductionRunner
{
    /// <summary>
    /// Prepares <paramref name="processor"/> (unless already prepared) and runs <paramref name="channels"/> through it in
    /// blocks of 1 to <paramref name="maxBlock"/> frames (seeded), returning the output (same length, not re-aligned).
    /// </summary>
    public static float[][] Run(NoiseReductionProcessor processor, float[][] channels, int sampleRate, int maxBlock = 512, int seed = 1, bool prepare = true)
    {
        var count = channels.Length;
        var frames = channels[0].Length;
        if (prepare)
        {
            processor.Prepare(new ProcessSpec(sampleRate, maxBlock, count));
        }

        var random = new Random(seed);
        var storage = new float[count * maxBlock];
        var output = new float[count][];
        for (var c = 0; c < count; c++)
        {
            output[c] = new float[frames];
        }

        var position = 0;
        while (position < frames)
        {
            var n = Math.Min(frames - position, random.Next(1, maxBlock + 1));
            var block = new AudioBlock(storage, count, n, maxBlock);
            for (var c = 0; c < count; c++)
            {
                channels[c].AsSpan(position, n).CopyTo(block[c]);
            }

            processor.Process(block, new ProcessContext(position, position, sampleRate, isOffline: true));
            for (var c = 0; c < count; c++)
            {
                block[c].CopyTo(output[c].AsSpan(position, n));
            }

            position += n;
        }

        return output;
    }

    /// <summary>Runs mono audio and returns the output advanced by the latency (so sample n lines up with input n; the
    /// last <c>latency</c> samples are missing and the array is shorter by that much).</summary>
    public static float[] RunAligned(NoiseReductionProcessor processor, float[] mono, int sampleRate, int maxBlock = 512, int seed = 1)
    {
        var output = Run(processor, [mono], sampleRate, maxBlock, seed)[0];
        return output.AsSpan(processor.LatencyFrames).ToArray();
    }
}
