using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Sinks;
using AudioPost.Sdk.Sources;

namespace AudioPost.Sdk.Tests.Graph.Differential;

// Small, exactly predictable nodes the differential tests build random graphs from.

internal sealed class HashSource(int id, int channels) : IAudioSource
{
    public int ChannelCount => channels;
    public void Prepare(in ProcessSpec spec) { }
    public void Reset() { }
    public static float Value(int id, long frame, int c) => ((((frame * 7919) + (id * 104729) + (c * 31)) % 1000) / 1000f) - 0.5f;
    public void Read(AudioBlock destination, in ProcessContext context)
    {
        for (var c = 0; c < destination.ChannelCount; c++)
            for (var i = 0; i < destination.FrameCount; i++)
                destination[c][i] = Value(id, context.StreamFrame + i, c);
    }
}

internal sealed class AffineProcessor(float a, float b) : IAudioProcessor
{
    public void Prepare(in ProcessSpec spec) { }
    public void Reset() { }
    public static float F(float x, int c, float a, float b) => (x * a) + b + (c * 0.25f);
    public void Process(AudioBlock buffer, in ProcessContext context)
    {
        for (var c = 0; c < buffer.ChannelCount; c++)
            for (var i = 0; i < buffer.FrameCount; i++)
                buffer[c][i] = F(buffer[c][i], c, a, b);
    }
}

internal sealed class UpmixProcessor : IAudioProcessor
{
    public int GetOutputChannelCount(int input) => input == 1 ? 2 : throw new ArgumentOutOfRangeException(nameof(input));
    public void Prepare(in ProcessSpec spec) { }
    public void Reset() { }
    public void Process(AudioBlock buffer, in ProcessContext context)
    {
        for (var i = 0; i < buffer.FrameCount; i++) buffer[1][i] = buffer[0][i] * -0.5f;
    }
}

internal sealed class DownmixProcessor : IAudioProcessor
{
    public int GetOutputChannelCount(int input) => input == 2 ? 1 : throw new ArgumentOutOfRangeException(nameof(input));
    public void Prepare(in ProcessSpec spec) { }
    public void Reset() { }
    public void Process(AudioBlock buffer, in ProcessContext context)
    {
        for (var i = 0; i < buffer.FrameCount; i++) buffer[0][i] = (buffer[0][i] + buffer[1][i]) * 0.5f;
    }
}

internal sealed class WeightedBus(float[] weights) : IMultiInputProcessor
{
    public int InputCount => weights.Length;
    public int GetOutputChannelCount(ReadOnlySpan<int> counts)
    {
        var w = 0;
        foreach (var c in counts) w = Math.Max(w, c);
        return w;
    }
    public void Prepare(in ProcessSpec spec, ReadOnlySpan<int> counts) { }
    public void Reset() { }
    public void Process(in AudioInputs inputs, AudioBlock output, in ProcessContext context)
    {
        for (var p = 0; p < inputs.Count; p++)
        {
            var input = inputs[p];
            if (input.ChannelCount == 0) continue;
            for (var c = 0; c < output.ChannelCount; c++)
            {
                var s = input[input.ChannelCount == 1 ? 0 : c];
                var d = output[c];
                for (var i = 0; i < output.FrameCount; i++) d[i] += weights[p] * s[i];
            }
        }
    }
}

internal sealed class RecordingSink : IAudioSink
{
    public List<float>[] Channels = [];
    public void Prepare(in ProcessSpec spec)
    {
        Channels = new List<float>[spec.ChannelCount];
        for (var c = 0; c < Channels.Length; c++) Channels[c] = [];
    }
    public void Reset() { }
    public void Write(ReadOnlyAudioBlock block, in ProcessContext context)
    {
        for (var c = 0; c < block.ChannelCount; c++)
            for (var i = 0; i < block.FrameCount; i++) Channels[c].Add(block[c][i]);
    }
    public void Complete() { }
}
