using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Resampling;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Sources;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Dsp.Resampling;

/// <summary><see cref="ResamplingSource"/>: the position mapping, seeks that equal a continuous render, speed changes,
/// and no allocation per block.</summary>
public sealed class ResamplingSourceTests
{
    private const int Block = 256;

    public static TheoryData<int, int, int, int> Conversions() => new()
    {
        { 44_100, 48_000, 1, 1 },
        { 48_000, 44_100, 1, 1 },
        { 48_000, 48_000, 1000, 1001 },
        { 48_000, 48_000, 1001, 1000 },
        { 48_000, 48_000, 25, 24 },
        { 44_100, 48_000, 1000, 1001 },
    };

    [Theory]
    [MemberData(nameof(Conversions))]
    public void Seeks_AnywhereAndInAnyOrder_EqualTheContinuousRender(int innerRate, int graphRate, int speedNumerator, int speedDenominator)
    {
        const int blocks = 60;
        var continuous = Render(innerRate, graphRate, speedNumerator, speedDenominator, Enumerable.Range(0, blocks).Select(b => (long)b * Block).ToArray(), Block);

        var random = new Random(3);
        var starts = Enumerable.Range(0, 40).Select(_ => (long)random.Next(0, (blocks - 2) * Block)).ToArray();
        var inner = new PositionalTestSource(2, innerRate);
        var source = new ResamplingSource(inner, innerRate, speedNumerator, speedDenominator, ResamplerQuality.High);
        source.Prepare(new ProcessSpec(graphRate, Block, 2));
        var buffer = new float[2 * Block];
        foreach (var start in starts)
        {
            // Two consecutive blocks from each random start: the first seeks, the second continues.
            for (var k = 0; k < 2; k++)
            {
                var at = start + (k * Block);
                source.Read(new AudioBlock(buffer, 2, Block), new ProcessContext(0, at, graphRate, true));
                for (var c = 0; c < 2; c++)
                {
                    var expected = continuous.AsSpan((c * blocks * Block) + (int)at, Block).ToArray();
                    Assert.Equal(expected, buffer.AsSpan(c * Block, Block).ToArray());
                }
            }
        }
    }

    [Theory]
    [InlineData(44_100, 48_000)]
    [InlineData(48_000, 44_100)]
    public void Render_EqualsTheWholeBufferConversionOfTheInnerSignal(int innerRate, int graphRate)
    {
        const int frames = 16_384;
        var rendered = Render(innerRate, graphRate, 1, 1, Enumerable.Range(0, frames / Block).Select(b => (long)b * Block).ToArray(), Block);
        var innerFrames = (frames * innerRate / graphRate) + 1000;
        var inner = new float[innerFrames];
        for (var i = 0; i < innerFrames; i++)
        {
            inner[i] = PositionalTestSource.Value(i, 1, innerRate);
        }

        var whole = ResamplerMetrics.Resample(inner, innerRate, graphRate, ResamplerQuality.High);
        for (var i = 0; i < frames - 500; i++)
        {
            Assert.Equal(whole[i], rendered[frames + i], 1e-6f);
        }
    }

    [Theory]
    [InlineData(1000, 1001, 1001.0)]
    [InlineData(25, 24, 960.0)]
    public void SpeedChange_MovesAToneToTheExpectedFrequency(int speedNumerator, int speedDenominator, double innerFrequency)
    {
        // 1001 Hz slowed by 1000/1001 and 960 Hz sped up by 25/24 both come out at 1000 Hz.
        var inner = new ToneLikeSource(innerFrequency, 48_000);
        var source = new ResamplingSource(inner, 48_000, speedNumerator, speedDenominator, ResamplerQuality.High);
        source.Prepare(new ProcessSpec(48_000, 4800, 1));
        var output = new float[48_000];
        for (var b = 0; b < 10; b++)
        {
            source.Read(new AudioBlock(output.AsMemory(b * 4800, 4800).Span, 1, 4800), new ProcessContext(b * 4800L, b * 4800L, 48_000, true));
        }

        Assert.InRange(ResamplerMetrics.Amplitude(output, 1000, 48_000) / 0.5, 0.9999, 1.0001);
        Assert.True(ResamplerMetrics.ThdPlusNoiseDb(output, 1000, 48_000) < -110);
        Assert.Equal((double)speedNumerator / speedDenominator, source.InnerFramesPerFrame, 12);
    }

    [Fact]
    public void Read_PerBlock_AllocatesNothing_IncludingSeeks()
    {
        var source = new ResamplingSource(new PositionalTestSource(2, 44_100), 44_100, 1000, 1001, ResamplerQuality.High);
        source.Prepare(new ProcessSpec(48_000, Block, 2));
        var storage = new float[2 * Block];
        AllocationAssert.NoAllocations(
            block =>
            {
                // Every 50th block jumps back: a loop.
                var at = (long)(block % 50) * Block;
                source.Read(new AudioBlock(storage, 2, Block), new ProcessContext((long)block * Block, at, 48_000, false));
            },
            iterations: 2000);
    }

    [Fact]
    public void Prepare_ChecksChannels_AndReportsReadAhead()
    {
        var source = new ResamplingSource(new PositionalTestSource(2, 44_100), 44_100);
        Assert.Throws<ArgumentException>(() => source.Prepare(new ProcessSpec(48_000, Block, 1)));
        source.Prepare(new ProcessSpec(48_000, Block, 2));
        Assert.Equal(0, source.LatencyFrames);
        Assert.True(source.ReadAheadFrames > 50);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResamplingSource(new PositionalTestSource(1, 1), 0));
    }

    // Planar result: channel c's frames at [c · starts.Length · blockFrames, ...), block b at b · blockFrames.
    private static float[] Render(int innerRate, int graphRate, int speedNumerator, int speedDenominator, long[] starts, int blockFrames)
    {
        var source = new ResamplingSource(new PositionalTestSource(2, innerRate), innerRate, speedNumerator, speedDenominator, ResamplerQuality.High);
        source.Prepare(new ProcessSpec(graphRate, blockFrames, 2));
        var total = starts.Length * blockFrames;
        var result = new float[2 * total];
        var block = new float[2 * blockFrames];
        for (var b = 0; b < starts.Length; b++)
        {
            source.Read(new AudioBlock(block, 2, blockFrames), new ProcessContext((long)b * blockFrames, starts[b], graphRate, true));
            for (var c = 0; c < 2; c++)
            {
                block.AsSpan(c * blockFrames, blockFrames).CopyTo(result.AsSpan((c * total) + (b * blockFrames)));
            }
        }

        return result;
    }

    private sealed class ToneLikeSource(double frequency, int rate) : IAudioSource
    {
        public int ChannelCount => 1;

        public void Prepare(in ProcessSpec spec)
        {
        }

        public void Reset()
        {
        }

        public void Read(AudioBlock destination, in ProcessContext context)
        {
            var channel = destination.GetChannel(0);
            for (var i = 0; i < channel.Length; i++)
            {
                channel[i] = (float)(0.5 * Math.Sin(2 * Math.PI * frequency * (context.TimelineFrame + i) / rate));
            }
        }
    }
}
