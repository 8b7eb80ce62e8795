using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Processing.Reverb;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Processing.Reverb;

public sealed class ConvolutionReverbProcessorTests
{
    private const int Rate = 48_000;

    /// <summary>y[n] = Σ h[k]·x[n−k] in double precision, over the length of x.</summary>
    private static double[] Direct(float[] x, float[] h)
    {
        var y = new double[x.Length];
        for (var n = 0; n < x.Length; n++)
        {
            double sum = 0;
            var kMax = Math.Min(n, h.Length - 1);
            for (var k = 0; k <= kMax; k++)
            {
                sum += (double)h[k] * x[n - k];
            }

            y[n] = sum;
        }

        return y;
    }

    /// <summary>Largest |actual[n + latency] − expected[n]| over the largest |expected|.</summary>
    private static double RelativeError(float[] actual, double[] expected, int latency)
    {
        double error = 0, peak = 0;
        for (var n = 0; n + latency < actual.Length; n++)
        {
            error = Math.Max(error, Math.Abs(actual[n + latency] - expected[n]));
            peak = Math.Max(peak, Math.Abs(expected[n]));
        }

        return error / peak;
    }

    [Theory]
    [InlineData(1000, 0, new[] { 256 })]
    [InlineData(3001, 0, new[] { 100 })]
    [InlineData(5000, 0, new[] { 17, 256, 1, 99, 200 })]
    [InlineData(4800, 128, new[] { 300, 64 })]
    [InlineData(1, 0, new[] { 64 })]
    [InlineData(2000, 480, new[] { 480 })]
    public void Process_RandomIrAndSignal_EqualsDirectConvolutionDelayedByLatency(int irLength, int partition, int[] blocks)
    {
        var h = ProcessorRunner.Noise(irLength, irLength, 0.1f);
        var x = ProcessorRunner.Noise(12_000, 77);
        var reverb = new ConvolutionReverbProcessor([h], partition);

        var y = ProcessorRunner.Run(reverb, [x], Rate, blocks);

        var expectedPartition = partition != 0 ? partition : Sdk.Dsp.Fourier.ComplexFft.NextSupportedSize(Math.Max(16, blocks.Max()));
        Assert.Equal(expectedPartition, reverb.LatencyFrames);
        Assert.Equal(irLength, reverb.TailFrames);
        var error = RelativeError(y[0], Direct(x, h), reverb.LatencyFrames);
        Assert.True(error < 1e-4, $"relative error {error:E2}");
    }

    [Fact]
    public void Process_Impulse_AppearsExactlyOneBlockLater()
    {
        // A one-tap IR at delay 10 and a unit impulse at frame 5: the output's only non-zero sample is 5 + 10 + latency.
        var h = new float[20];
        h[10] = 1f;
        var x = new float[2048];
        x[5] = 1f;
        var reverb = new ConvolutionReverbProcessor([h]);

        var y = ProcessorRunner.Run(reverb, [x], Rate, 256)[0];

        Assert.Equal(256, reverb.LatencyFrames);
        var loudest = Array.IndexOf(y, y.MaxBy(MathF.Abs));
        Assert.Equal(5 + 10 + 256, loudest);
        Assert.Equal(1f, y[loudest], 1e-5f);
        Assert.All(y.Where((_, i) => i != loudest), v => Assert.True(MathF.Abs(v) < 1e-5f));
    }

    [Fact]
    public void Process_DryOnly_IsTheInputDelayedByTheLatency()
    {
        var x = ProcessorRunner.Noise(3000, 5);
        var reverb = new ConvolutionReverbProcessor([ProcessorRunner.Noise(500, 6)]);
        reverb.Wet.Value = -144f;
        reverb.Dry.Value = 0f;
        reverb.Wet.Reset();
        reverb.Dry.Reset();

        var y = ProcessorRunner.Run(reverb, [x], Rate, 128, 77)[0];

        for (var n = reverb.LatencyFrames; n < x.Length; n++)
        {
            Assert.Equal(x[n - reverb.LatencyFrames], y[n], 1e-6f);
        }
    }

    [Fact]
    public void Process_TrueStereo_MixesEachInputThroughTwoIrs()
    {
        float[][] h = [ProcessorRunner.Noise(700, 1, 0.1f), ProcessorRunner.Noise(700, 2, 0.1f), ProcessorRunner.Noise(700, 3, 0.1f), ProcessorRunner.Noise(700, 4, 0.1f)];
        var left = ProcessorRunner.Noise(4000, 10);
        var right = ProcessorRunner.Noise(4000, 11);
        var reverb = new ConvolutionReverbProcessor(h);
        Assert.Equal(2, reverb.GetOutputChannelCount(2));

        var y = ProcessorRunner.Run(reverb, [left, right], Rate, 256);

        var expectedLeft = Direct(left, h[0]).Zip(Direct(right, h[2]), (a, b) => a + b).ToArray();
        var expectedRight = Direct(left, h[1]).Zip(Direct(right, h[3]), (a, b) => a + b).ToArray();
        Assert.True(RelativeError(y[0], expectedLeft, 256) < 1e-4);
        Assert.True(RelativeError(y[1], expectedRight, 256) < 1e-4);
    }

    [Fact]
    public void Process_MonoInputStereoIr_ProducesTwoChannels()
    {
        float[][] h = [ProcessorRunner.Noise(300, 1, 0.1f), ProcessorRunner.Noise(300, 2, 0.1f)];
        var x = ProcessorRunner.Noise(2000, 10);
        var reverb = new ConvolutionReverbProcessor(h);
        Assert.Equal(2, reverb.GetOutputChannelCount(1));
        Assert.Equal(2, reverb.GetOutputChannelCount(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => reverb.GetOutputChannelCount(3));

        var y = ProcessorRunner.Run(reverb, [x], Rate, 64);

        Assert.True(RelativeError(y[0], Direct(x, h[0]), 64) < 1e-4);
        Assert.True(RelativeError(y[1], Direct(x, h[1]), 64) < 1e-4);
    }

    [Fact]
    public void Reset_ClearsTheTail()
    {
        var reverb = new ConvolutionReverbProcessor([ProcessorRunner.Noise(2000, 1)]);
        var y = ProcessorRunner.Run(reverb, [ProcessorRunner.Noise(1024, 2)], Rate, 256);
        Assert.Contains(y[0], v => v != 0f);
        reverb.Reset();
        var storage = new float[256];
        for (var b = 0; b < 12; b++)
        {
            Array.Clear(storage);
            reverb.Process(new AudioBlock(storage, 1, 256), new ProcessContext(b * 256, b * 256, Rate, true));
            Assert.All(storage, v => Assert.Equal(0f, v));
        }
    }

    [Fact]
    public void Constructor_BadArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => new ConvolutionReverbProcessor([]));
        Assert.Throws<ArgumentException>(() => new ConvolutionReverbProcessor([new float[3], new float[4]]));
        Assert.Throws<ArgumentException>(() => new ConvolutionReverbProcessor([[1f, float.NaN]]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConvolutionReverbProcessor([[1f]], 77));
    }

    [Fact]
    public void Process_TenSecondStereoIr_AllocatesNothing()
    {
        var reverb = new ConvolutionReverbProcessor([ProcessorRunner.Noise(Rate * 10, 1, 0.01f), ProcessorRunner.Noise(Rate * 10, 2, 0.01f)]);
        reverb.Prepare(new ProcessSpec(Rate, 256, 2));
        reverb.Wet.SetValueAtTime(0f, 0).LinearRampToValueAtTime(-20f, 256 * 400L);
        var storage = new float[2 * 256];
        AllocationAssert.NoAllocations(block =>
        {
            var buffer = new AudioBlock(storage, 2, 256);
            buffer[0][block % 256] = 0.5f;
            reverb.Process(buffer, new ProcessContext(block * 256L, block * 256L, Rate, false));
        }, iterations: 200, warmup: 20);
    }
}
