using System.Numerics;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Filters;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Dsp.Filters;

public sealed class LinkwitzRileyCrossoverTests
{
    private const int Length = 1 << 15;

    public static TheoryData<int, int, double[]> Layouts => new()
    {
        { 44_100, 2, [1000] },
        { 48_000, 4, [1000] },
        { 96_000, 6, [1000] },
        { 48_000, 8, [2500] },
        { 48_000, 4, [120, 1500, 6000] },
        { 44_100, 8, [80, 400, 2000, 9000] },
        { 96_000, 2, [200, 3000, 12000] },
        { 48_000, 6, [300, 5000] },
    };

    /// <summary>Runs an impulse through the crossover (channelCount channels) and returns every band's channel-0 response.</summary>
    private static double[][] BandResponses(LinkwitzRileyCrossover crossover, int blockFrames = 256)
    {
        var channels = crossover.ChannelCount;
        var input = new float[channels * Length];
        for (var c = 0; c < channels; c++)
        {
            input[c * Length] = 1f;
        }

        var output = new float[crossover.BandCount * channels * Length];
        for (var offset = 0; offset < Length; offset += blockFrames)
        {
            var count = Math.Min(blockFrames, Length - offset);
            crossover.Process(
                new ReadOnlyAudioBlock(input.AsSpan(offset), channels, count, Length),
                new AudioBlock(output.AsSpan(offset), crossover.BandCount * channels, count, Length));
        }

        var result = new double[crossover.BandCount][];
        for (var b = 0; b < crossover.BandCount; b++)
        {
            result[b] = Array.ConvertAll(output.AsSpan(b * channels * Length, Length).ToArray(), x => (double)x);
        }

        return result;
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Process_BandsSummed_AreFlatWithinAHundredthOfADecibel(int sampleRate, int order, double[] frequencies)
    {
        var crossover = new LinkwitzRileyCrossover(sampleRate, 3, 256, order, frequencies);
        var bands = BandResponses(crossover);
        var sum = new double[Length];
        foreach (var band in bands)
        {
            for (var i = 0; i < Length; i++)
            {
                sum[i] += band[i];
            }
        }

        foreach (var f in FilterProbe.Frequencies(sampleRate))
        {
            Assert.InRange(FilterProbe.Db(FilterProbe.Dtft(sum, f, sampleRate)), -0.01, 0.01);
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Process_EachBand_MatchesItsAnalyticResponse(int sampleRate, int order, double[] frequencies)
    {
        var crossover = new LinkwitzRileyCrossover(sampleRate, 1, 256, order, frequencies);
        var bands = BandResponses(crossover);
        for (var b = 0; b < bands.Length; b++)
        {
            foreach (var f in FilterProbe.Frequencies(sampleRate))
            {
                var expected = crossover.BandResponse(b, f);
                var measured = FilterProbe.Dtft(bands[b], f, sampleRate);

                // Absolute error on the complex response: float output rounding, summed over the impulse response.
                Assert.True((measured - expected).Magnitude < 2e-5, $"band {b} at {f:F1} Hz: {measured} vs {expected}");
            }
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(8)]
    public void BandResponse_AtTheCrossover_BothBandsAreDown6Db(int order)
    {
        var crossover = new LinkwitzRileyCrossover(48_000, 1, 64, order, 1000);

        Assert.Equal(-6.0206, FilterProbe.Db(crossover.BandResponse(0, 1000)), 3);
        Assert.Equal(-6.0206, FilterProbe.Db(crossover.BandResponse(1, 1000)), 3);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(8)]
    public void BandResponse_AnalyticSum_IsAnAllPass(int order)
    {
        var crossover = new LinkwitzRileyCrossover(48_000, 1, 64, order, 200, 2000, 8000);
        foreach (var f in FilterProbe.Frequencies(48_000))
        {
            var sum = Complex.Zero;
            for (var b = 0; b < crossover.BandCount; b++)
            {
                sum += crossover.BandResponse(b, f);
            }

            Assert.Equal(1.0, sum.Magnitude, 9);
        }
    }

    [Fact]
    public void Process_EveryChannel_GetsTheSameFilterIndependently()
    {
        var crossover = new LinkwitzRileyCrossover(48_000, 7, 100, 4, 500, 4000);
        const int Frames = 4000;
        var input = new float[7 * Frames];
        for (var c = 0; c < 7; c++)
        {
            FilterProbe.Noise(Frames, 0.5f, seed: c).CopyTo(input, c * Frames);
        }

        var output = new float[3 * 7 * Frames];
        crossover.Process(new ReadOnlyAudioBlock(input, 7, Frames), new AudioBlock(output, 21, Frames));

        for (var c = 0; c < 7; c++)
        {
            var single = new LinkwitzRileyCrossover(48_000, 1, 100, 4, 500, 4000);
            var expected = new float[3 * Frames];
            single.Process(new ReadOnlyAudioBlock(input.AsSpan(c * Frames, Frames), 1, Frames), new AudioBlock(expected, 3, Frames));
            for (var b = 0; b < 3; b++)
            {
                Assert.Equal(expected.AsSpan(b * Frames, Frames), output.AsSpan(((b * 7) + c) * Frames, Frames));
            }
        }
    }

    [Fact]
    public void Process_TwoBandOverload_EqualsBandMajorOutput()
    {
        const int Frames = 3000;
        var input = FilterProbe.Noise(2 * Frames, 0.5f, seed: 9);
        var a = new LinkwitzRileyCrossover(44_100, 2, 512, 8, 1200);
        var b = new LinkwitzRileyCrossover(44_100, 2, 512, 8, 1200);
        var bands = new float[4 * Frames];
        var low = new float[2 * Frames];
        var high = new float[2 * Frames];

        a.Process(new ReadOnlyAudioBlock(input, 2, Frames), new AudioBlock(bands, 4, Frames));
        b.Process(new ReadOnlyAudioBlock(input, 2, Frames), new AudioBlock(low, 2, Frames), new AudioBlock(high, 2, Frames));

        Assert.Equal(bands.AsSpan(0, 2 * Frames).ToArray(), low);
        Assert.Equal(bands.AsSpan(2 * Frames).ToArray(), high);
    }

    [Fact]
    public void Process_InPlaceOnBandZero_EqualsSeparateBuffers()
    {
        const int Frames = 2048;
        var input = FilterProbe.Noise(2 * Frames, 0.5f, seed: 3);
        var separate = new float[4 * Frames];
        new LinkwitzRileyCrossover(48_000, 2, 256, 4, 800).Process(new ReadOnlyAudioBlock(input, 2, Frames), new AudioBlock(separate, 4, Frames));

        var shared = new float[4 * Frames];
        input.CopyTo(shared, 0);
        var block = new AudioBlock(shared, 4, Frames);
        new LinkwitzRileyCrossover(48_000, 2, 256, 4, 800).Process(block.SliceChannels(0, 2), block);

        Assert.Equal(separate, shared);
    }

    [Fact]
    public void Constructor_BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinkwitzRileyCrossover(48_000, 2, 256, 3, 1000));
        Assert.Throws<ArgumentException>(() => new LinkwitzRileyCrossover(48_000, 2, 256, 4));
        Assert.Throws<ArgumentException>(() => new LinkwitzRileyCrossover(48_000, 2, 256, 4, 2000, 1000));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinkwitzRileyCrossover(48_000, 2, 256, 4, 24_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinkwitzRileyCrossover(48_000, 0, 256, 4, 1000));
    }

    [Fact]
    public void Process_EightChannelsFourBands_AllocatesNothing()
    {
        var crossover = new LinkwitzRileyCrossover(48_000, 8, 256, 8, 150, 1500, 7000);
        var input = FilterProbe.Noise(8 * 256, 0.5f, seed: 1);
        var output = new float[4 * 8 * 256];
        var low = new LinkwitzRileyCrossover(48_000, 2, 256, 4, 1000);
        var pair = new float[4 * 256];
        AllocationAssert.NoAllocations(i =>
        {
            crossover.SetFrequency(1, 1500 + (i % 100));
            crossover.Process(new ReadOnlyAudioBlock(input, 8, 256), new AudioBlock(output, 32, 256));
            low.Process(new ReadOnlyAudioBlock(input, 2, 256), new AudioBlock(pair, 2, 256), new AudioBlock(pair.AsSpan(512), 2, 256));
        });
    }
}
