using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;

namespace AudioPost.Sdk.Tests.Processing.Reverb;

/// <summary>Feeds whole planar signals through a processor in blocks of the given sizes (cycled).</summary>
internal static class ProcessorRunner
{
    public static float[][] Run(IAudioProcessor processor, float[][] input, int sampleRate, params int[] blockSizes)
    {
        var inputs = input.Length;
        var outputs = processor.GetOutputChannelCount(inputs);
        var frames = input[0].Length;
        var maxBlock = blockSizes.Max();
        processor.Prepare(new ProcessSpec(sampleRate, maxBlock, inputs));
        var channels = Math.Max(inputs, outputs);
        var storage = new float[channels * maxBlock];
        var output = new float[outputs][];
        for (var o = 0; o < outputs; o++)
        {
            output[o] = new float[frames];
        }

        var done = 0;
        for (var k = 0; done < frames; k++)
        {
            var run = Math.Min(blockSizes[k % blockSizes.Length], frames - done);
            var block = new AudioBlock(storage, channels, run, maxBlock);
            block.Clear();
            for (var c = 0; c < inputs; c++)
            {
                input[c].AsSpan(done, run).CopyTo(block[c]);
            }

            processor.Process(block, new ProcessContext(done, done, sampleRate, true));
            for (var o = 0; o < outputs; o++)
            {
                block[o].CopyTo(output[o].AsSpan(done, run));
            }

            done += run;
        }

        return output;
    }

    public static float[] Noise(int count, int seed, float amplitude = 1f)
    {
        var random = new Random(seed);
        var data = new float[count];
        for (var i = 0; i < count; i++)
        {
            data[i] = amplitude * (float)((random.NextDouble() * 2) - 1);
        }

        return data;
    }
}
