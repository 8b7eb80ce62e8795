using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Filters;
using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Processing.Chains;
using AudioPost.Sdk.Processing.Filters;
using AudioPost.Sdk.Sinks;
using AudioPost.Sdk.Sources;

namespace AudioPost.Sdk.Tests.Graph;

public sealed class ParallelChainRendererTests
{
    private const int Rate = 48_000;

    // The chain of issue 6's benchmark: its compressor and limiter both engage on the bursts below.
    private const string MasteringChain =
        "highpass f=80; eq f=3000 gain=3 q=1; compressor threshold=-18 ratio=3 attack=10 release=100 knee=1; limiter ceiling=-1";

    [Fact]
    public void ChunkedRenderEqualsSerialRenderSampleForSample()
    {
        var input = Bursts(channels: 2, frames: 100 * Rate, seed: 7);
        var serial = RenderSerially(input, MasteringChain, blockFrames: 1000);
        var sink = new BufferSink(input[0].Length);
        var result = ParallelChainRenderer.Render(
            () => new ArraySource(input),
            () => ProcessorFactory.CreateDefault().CreateChain(MasteringChain, Rate),
            sink,
            Rate,
            input[0].Length,
            new ParallelChainOptions { MaxDegreeOfParallelism = 2, ChunkSeconds = 1 },
            cancellationToken: TestContext.Current.CancellationToken);

        // Chunks are at least 8 memories long; the memory is a few seconds here, so the 100 s make three chunks.
        Assert.InRange(result.MemoryFrames, Rate, 10L * Rate);
        Assert.True(result.Chunks >= 2, $"{result.Chunks} chunk(s)");
        Assert.Equal(2, result.Workers);
        Assert.Equal(input[0].Length, sink.FramesWritten);
        AssertIdentical(serial, sink);
    }

    [Fact]
    public void ChainThatDoesNotForgetRendersSeriallyAndStillEqualsTheSerialRender()
    {
        // Same block size as the serial render: the reverb's output moves in the last bit with the block size.
        const string chain = "eq f=1000 gain=6 q=2; reverb";
        var input = Bursts(channels: 2, frames: 20 * Rate, seed: 3);
        var serial = RenderSerially(input, chain, blockFrames: 512);
        var sink = new BufferSink(input[0].Length);
        var result = ParallelChainRenderer.Render(
            () => new ArraySource(input),
            () => ProcessorFactory.CreateDefault().CreateChain(chain, Rate),
            sink,
            Rate,
            input[0].Length,
            new ParallelChainOptions { MaxDegreeOfParallelism = 4, ChunkSeconds = 1, BlockFrames = 512 },
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(long.MaxValue, result.MemoryFrames);
        Assert.Equal(1, result.Chunks);
        Assert.Equal(1, result.Workers);
        AssertIdentical(serial, sink);
    }

    [Theory]
    [InlineData(BiquadType.HighPass, 80f, 0.7071f, 0f)]
    [InlineData(BiquadType.LowPass, 30f, 4f, 0f)]
    [InlineData(BiquadType.Peak, 3000f, 1f, 3f)]
    [InlineData(BiquadType.LowShelf, 100f, 0.7071f, -12f)]
    [InlineData(BiquadType.Notch, 50f, 10f, 0f)]
    public void FilterHasForgottenAnImpulseAfterItsMemory(BiquadType type, float frequency, float q, float gainDb)
    {
        var filter = new BiquadFilterProcessor(type, frequency, q, gainDb);
        filter.Prepare(new ProcessSpec(Rate, 4096, 1));
        var memory = filter.MemoryFrames;
        Assert.InRange(memory, 1, 60L * Rate);
        var response = ImpulseResponse(filter, (int)(2 * memory));

        // What is left of the impulse after the memory is below 2^-30 of the response's peak (and it keeps falling).
        var peak = response.Max(Math.Abs);
        var tail = response.Skip((int)memory).Max(Math.Abs);
        Assert.True(tail <= peak * Math.Pow(2, -30), $"tail {tail:E3} vs peak {peak:E3} after {memory} frames");

        // ...and the estimate is not wildly long: a tenth of it still shows the impulse clearly above 2^-30.
        var early = response.Skip((int)(memory / 10)).Take((int)(memory / 10) + 1).Max(Math.Abs);
        Assert.True(early > peak * Math.Pow(2, -30), $"{early:E3} at a tenth of the memory: the estimate is too long");
    }

    [Fact]
    public void PoleRadiusMatchesTheRootsOfTheDenominator()
    {
        // 1 - 1.5 z^-1 + 0.56 z^-2 has real poles 0.8 and 0.7; 1 - z^-1 + 0.81 z^-2 a complex pair of magnitude 0.9.
        Assert.Equal(0.8, new BiquadCoefficients(1, 0, 0, -1.5, 0.56).MaxPoleRadius, 12);
        Assert.Equal(0.9, new BiquadCoefficients(1, 0, 0, -1, 0.81).MaxPoleRadius, 12);
        Assert.Equal(0, BiquadCoefficients.Identity.MaxPoleRadius);
    }

    [Fact]
    public void WorkerFailureIsRethrownOnTheCallingThreadAndNothingHangs()
    {
        var input = Bursts(channels: 1, frames: 60 * Rate, seed: 1);
        var sink = new BufferSink(input[0].Length);
        var failAt = 45L * Rate;
        var error = Assert.Throws<IOException>(() => ParallelChainRenderer.Render(
            () => new ArraySource(input, failAt),
            () => ProcessorFactory.CreateDefault().CreateChain("highpass f=100; gain db=-3", Rate),
            sink,
            Rate,
            input[0].Length,
            new ParallelChainOptions { MaxDegreeOfParallelism = 2, ChunkSeconds = 5 },
            cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("disk", error.Message, StringComparison.Ordinal);
        Assert.True(sink.FramesWritten < input[0].Length);
    }

    [Fact]
    public void CancellationStopsTheRender()
    {
        var input = Bursts(channels: 1, frames: 30 * Rate, seed: 2);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => ParallelChainRenderer.Render(
            () => new ArraySource(input),
            () => ProcessorFactory.CreateDefault().CreateChain("gain db=-3", Rate),
            new BufferSink(input[0].Length),
            Rate,
            input[0].Length,
            new ParallelChainOptions { MaxDegreeOfParallelism = 2, ChunkSeconds = 1 },
            cancellationToken: cancel.Token));
    }

    [Fact]
    public void ChannelChangingProcessorIsRefused()
    {
        var input = Bursts(channels: 2, frames: Rate, seed: 2);
        Assert.Throws<ArgumentException>(() => ParallelChainRenderer.Render(
            () => new ArraySource(input),
            () => [new WideningProcessor()],
            new BufferSink(input[0].Length),
            Rate,
            input[0].Length,
            cancellationToken: TestContext.Current.CancellationToken));
    }

    private static float[] ImpulseResponse(IAudioProcessor filter, int frames)
    {
        var response = new float[frames];
        response[0] = 1;
        for (var offset = 0; offset < frames; offset += 4096)
        {
            var count = Math.Min(4096, frames - offset);
            filter.Process(new AudioBlock(response.AsSpan(offset, count), 1, count), new ProcessContext(offset, offset, Rate, true));
        }

        return response;
    }

    /// <summary>Noise with bursts from -40 to 0 dBFS every few seconds, so that the dynamics keep moving.</summary>
    private static float[][] Bursts(int channels, int frames, int seed)
    {
        var random = new Random(seed);
        var data = new float[channels][];
        for (var c = 0; c < channels; c++)
        {
            data[c] = new float[frames];
        }

        var level = 0.01f;
        for (var i = 0; i < frames; i++)
        {
            if (i % (Rate / 4) == 0)
            {
                level = (float)Math.Pow(10, random.Next(-40, 1) / 20.0);
            }

            for (var c = 0; c < channels; c++)
            {
                data[c][i] = level * (float)((random.NextDouble() * 2) - 1);
            }
        }

        return data;
    }

    private static float[][] RenderSerially(float[][] input, string chainSpec, int blockFrames)
    {
        var channels = input.Length;
        var frames = input[0].Length;
        var chain = ProcessorFactory.CreateDefault().CreateChain(chainSpec, Rate);
        var spec = new ProcessSpec(Rate, blockFrames, channels);
        var latency = 0;
        foreach (var processor in chain)
        {
            processor.Prepare(spec);
            latency += processor.LatencyFrames;
        }

        var output = new float[channels][];
        for (var c = 0; c < channels; c++)
        {
            output[c] = new float[frames];
        }

        var source = new ArraySource(input);
        var block = new float[channels * blockFrames];
        for (long t = 0; t < frames + latency; t += blockFrames)
        {
            var count = (int)Math.Min(blockFrames, frames + latency - t);
            var audio = new AudioBlock(block, channels, count);
            var context = new ProcessContext(t, t, Rate, true);
            source.Read(audio, context);
            foreach (var processor in chain)
            {
                processor.Process(audio, context);
            }

            for (var i = 0; i < count; i++)
            {
                var at = t + i - latency;
                if (at >= 0 && at < frames)
                {
                    for (var c = 0; c < channels; c++)
                    {
                        output[c][at] = audio[c][i];
                    }
                }
            }
        }

        return output;
    }

    private static void AssertIdentical(float[][] expected, BufferSink actual)
    {
        for (var c = 0; c < expected.Length; c++)
        {
            var got = actual.GetChannel(c);
            Assert.Equal(expected[c].Length, got.Length);
            for (var i = 0; i < got.Length; i++)
            {
                if (BitConverter.SingleToInt32Bits(got[i]) != BitConverter.SingleToInt32Bits(expected[c][i]))
                {
                    Assert.Fail($"channel {c}, frame {i} ({i / (double)Rate:0.000} s): chunked {got[i]:R}, serial {expected[c][i]:R}");
                }
            }
        }
    }

    /// <summary>Adds a channel, which a chunked render cannot carry.</summary>
    private sealed class WideningProcessor : IAudioProcessor
    {
        public int GetOutputChannelCount(int inputChannelCount) => inputChannelCount + 1;

        public void Prepare(in ProcessSpec spec)
        {
        }

        public void Reset()
        {
        }

        public void Process(AudioBlock buffer, in ProcessContext context)
        {
        }
    }

    /// <summary>Planar arrays read at any frame (silence outside them); optionally fails like a disk at one frame.</summary>
    private sealed class ArraySource(float[][] channels, long failAt = long.MaxValue) : IAudioSource
    {
        public int ChannelCount => channels.Length;

        public void Prepare(in ProcessSpec spec)
        {
        }

        public void Reset()
        {
        }

        public void Read(AudioBlock destination, in ProcessContext context)
        {
            var start = context.TimelineFrame;
            if (start <= failAt && failAt < start + destination.FrameCount)
            {
                throw new IOException("The disk failed under the test.");
            }

            destination.Clear();
            for (var c = 0; c < channels.Length; c++)
            {
                var data = channels[c];
                for (var i = 0; i < destination.FrameCount; i++)
                {
                    var at = start + i;
                    if (at >= 0 && at < data.Length)
                    {
                        destination[c][i] = data[at];
                    }
                }
            }
        }
    }
}
