using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Resampling;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Dsp.Resampling;

/// <summary>The streaming contract: timing and delay, identity at equal rates, block-size independence, channels,
/// and no allocation per block.</summary>
public sealed class ResamplerStreamingTests
{
    [Theory]
    [InlineData(ResamplerQuality.Quick)]
    [InlineData(ResamplerQuality.High)]
    [InlineData(ResamplerQuality.VeryHigh)]
    public void Impulse_48To44_IsSymmetricAboutItsExactPositionWithNoContentDelay(ResamplerQuality quality)
    {
        // Input frame 1600 maps to output frame 1600 · 147 / 160 = 1470 exactly (phase 0).
        var input = new float[4000];
        input[1600] = 1f;
        var output = ResamplerMetrics.Resample(input, 48_000, 44_100, quality);

        var peak = Array.IndexOf(output, output.Max());
        Assert.Equal(1470, peak);
        for (var j = 1; j < 300; j++)
        {
            Assert.Equal(output[1470 - j], output[1470 + j], 1e-7f);
        }

        // Unity gain at DC: the response sums to 147/160 of an input frame per output frame.
        Assert.Equal(147.0 / 160, output.Sum(x => (double)x), 1e-4);
    }

    [Theory]
    [InlineData(48_000, 44_100)]
    [InlineData(44_100, 48_000)]
    [InlineData(1001, 1000)]
    [InlineData(24, 25)]
    public void Streaming_OutputBecomesReadableExactlyDelayInputFramesAfterItsPosition(int inputRate, int outputRate)
    {
        var resampler = new Resampler(inputRate, outputRate, 1);
        var delay = resampler.DelayInputFrames;
        Assert.Equal(resampler.FilterLength / 2, delay);

        // Output n sits at input position n·in/out; it needs input frame ⌊n·in/out⌋ + delay, so count + 1 frames.
        const int n = 777;
        var needed = (int)((long)n * inputRate / outputRate) + delay + 1;
        Assert.Equal(needed, resampler.GetInputFramesNeeded(n + 1));
        var input = new float[needed];
        Assert.Equal(needed - 1, resampler.Write(new ReadOnlyAudioBlock(input, 1, needed - 1)));
        Assert.Equal(n, resampler.AvailableOutputFrames);
        Assert.Equal(1, resampler.GetInputFramesNeeded(n + 1));
        resampler.Write(new ReadOnlyAudioBlock(input.AsSpan(needed - 1), 1, 1));
        Assert.Equal(n + 1, resampler.AvailableOutputFrames);
        Assert.Equal(0, resampler.GetInputFramesNeeded(n + 1));
        var output = new float[n + 10];
        Assert.Equal(n + 1, resampler.Read(new AudioBlock(output, 1, output.Length)));
    }

    [Fact]
    public void Streaming_PrimedWithSilence_DelaysTheContentByDelayOutputFrames()
    {
        // 24 → 48 kHz (2 phases): with DelayInputFrames of silence first, an impulse at input frame 100 peaks at output
        // 2·100 + DelayOutputFrames.
        var resampler = new Resampler(24_000, 48_000, 1);
        resampler.WriteSilence(resampler.DelayInputFrames);
        var input = new float[1000];
        input[100] = 1;
        resampler.Write(new ReadOnlyAudioBlock(input, 1, input.Length));
        var output = new float[2000];
        var read = resampler.Read(new AudioBlock(output, 1, output.Length));
        Assert.True(read >= 1990);
        Assert.Equal(200 + (int)resampler.DelayOutputFrames, Array.IndexOf(output, output.Max()));
    }

    [Theory]
    [InlineData(48_000)]
    [InlineData(44_100)]
    public void EqualRates_PassEveryFrameUnchanged(int rate)
    {
        var random = new Random(5);
        var input = Enumerable.Range(0, 10_000).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var output = ResamplerMetrics.Resample(input, rate, rate, ResamplerQuality.VeryHigh);
        Assert.Equal(input, output);
    }

    [Theory]
    [InlineData(48_000, 44_100, ResamplerQuality.High)]
    [InlineData(44_100, 48_000, ResamplerQuality.VeryHigh)]
    [InlineData(1000, 1001, ResamplerQuality.Medium)]
    [InlineData(44_100 * 1001, 48_000 * 1000, ResamplerQuality.High)]
    public void Streaming_AnyBlockSizes_EqualsTheWholeBufferConversion(int inputRate, int outputRate, ResamplerQuality quality)
    {
        const int channels = 3;
        var random = new Random(11);
        var frames = 20_000;
        var input = new float[channels * frames];
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = (float)((random.NextDouble() * 2) - 1);
        }

        using var whole = Resampler.Resample(new ReadOnlyAudioBlock(input, channels, frames), inputRate, outputRate, quality);

        var resampler = new Resampler(inputRate, outputRate, channels, quality, inputCapacity: 700);
        var output = new float[channels * whole.FrameCount];
        var outBlock = new AudioBlock(output, channels, whole.FrameCount);
        var inBlock = new ReadOnlyAudioBlock(input, channels, frames);
        int written = 0, read = 0;
        while (read < whole.FrameCount)
        {
            var chunk = random.Next(1, 900);
            if (written < frames)
            {
                written += resampler.Write(inBlock.Slice(written, Math.Min(chunk, frames - written)));
            }
            else
            {
                resampler.WriteSilence(chunk);
            }

            var want = Math.Min(random.Next(1, 900), whole.FrameCount - read);
            read += resampler.Read(outBlock.Slice(read, want));
        }

        for (var c = 0; c < channels; c++)
        {
            Assert.Equal(whole.GetChannel(c).ToArray(), outBlock.GetChannel(c).ToArray());
        }
    }

    [Fact]
    public void Channels_AreIndependent()
    {
        var left = ResamplerMetrics.Sine(1000, 48_000, 8000, 0.5);
        var right = new float[8000];
        var stereo = left.Concat(right).ToArray();
        using var output = Resampler.Resample(new ReadOnlyAudioBlock(stereo, 2, 8000), 48_000, 44_100);
        Assert.Equal(ResamplerMetrics.Resample(left, 48_000, 44_100, ResamplerQuality.High), output.GetChannel(0).ToArray());
        Assert.All(output.GetChannel(1).ToArray(), x => Assert.Equal(0f, x));
    }

    [Theory]
    [InlineData(ResamplerQuality.High)]
    [InlineData(ResamplerQuality.VeryHigh)]
    public void WriteAndRead_PerBlock_AllocateNothing(ResamplerQuality quality)
    {
        var resampler = new Resampler(48_000, 44_100, 2, quality, inputCapacity: 512);
        var input = new float[2 * 256];
        var output = new float[2 * 256];
        AllocationAssert.NoAllocations(
            block =>
            {
                input[block % 256] = 0.25f;
                resampler.Write(new ReadOnlyAudioBlock(input, 2, 256));
                resampler.Read(new AudioBlock(output, 2, 256));
            },
            iterations: 2000);
    }

    [Theory]
    [InlineData(ResamplerQuality.Quick, 64)]
    [InlineData(ResamplerQuality.Medium, 160)]
    [InlineData(ResamplerQuality.High, 208)]
    [InlineData(ResamplerQuality.VeryHigh, 304)]
    public void Presets_HaveTheDocumentedLengthAt48To44(ResamplerQuality quality, int taps)
    {
        // The figures in ResamplerQuality's remarks and docs/processors.md.
        var resampler = new Resampler(48_000, 44_100, 2, quality);
        Assert.Equal(taps, resampler.FilterLength);
        Assert.Equal(taps / 2, resampler.DelayInputFrames);
        Assert.Equal(taps / 2 * 0.91875, resampler.DelayOutputFrames, 9);
        Assert.Equal(147, resampler.ReducedOutputRate);
        Assert.Equal(160, resampler.ReducedInputRate);
    }

    [Fact]
    public void Constructor_RejectsBadArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Resampler(0, 48_000, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Resampler(48_000, 48_000, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Resampler(48_000, 44_100, 1, (ResamplerQuality)9));
        Assert.Throws<ArgumentOutOfRangeException>(() => Resampler.CreateVarispeed(1, 1.2, 0.9, 1.1));
        Assert.Throws<InvalidOperationException>(() => new Resampler(48_000, 44_100, 1).SetRatio(1.0));
        Assert.Throws<ArgumentException>(() => new Resampler(48_000, 44_100, 2).Write(new ReadOnlyAudioBlock(new float[10], 1, 10)));
    }
}
