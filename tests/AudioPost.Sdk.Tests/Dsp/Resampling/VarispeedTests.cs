using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Resampling;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Dsp.Resampling;

/// <summary>
/// Varispeed: the ratio changes every block and the output stays the input signal evaluated at a smoothly moving
/// position, with no discontinuity. The expected positions follow the documented rule: the step (input frames per
/// output frame) ramps linearly to 1 / ratio over the ramp length, one increment after each output.
/// </summary>
public sealed class VarispeedTests
{
    private const int Rate = 48_000;
    private const int Block = 256;
    private const double Frequency = 1000;
    private const double Amplitude = 0.5;

    [Theory]
    [InlineData(ResamplerQuality.Medium, 64, -95)]
    [InlineData(ResamplerQuality.High, 64, -110)]
    [InlineData(ResamplerQuality.High, 0, -110)]
    [InlineData(ResamplerQuality.VeryHigh, 256, -130)]
    public void SweepEveryBlock_OutputFollowsTheMovingPositionWithoutDiscontinuity(ResamplerQuality quality, int ramp, double limitDb)
    {
        const int blocks = 400;
        var resampler = Resampler.CreateVarispeed(1, 1.0, 0.9, 1.1, quality, inputCapacity: 4096, rampFrames: ramp);
        var delay = 0;
        var written = 0L;
        var output = new float[blocks * Block];
        var input = new float[4096];

        // Model of the position: step s ramps to its target over `ramp` outputs.
        var positions = new double[output.Length];
        double t = 0, step = 1, target = 1, delta = 0;
        var rampLeft = 0;
        var n = 0;
        for (var b = 0; b < blocks; b++)
        {
            // A sweep from 1.0 down to 0.92, up to 1.08 and back, new value every block.
            var ratio = 1 + (0.08 * Math.Sin(2 * Math.PI * b / 150.0));
            resampler.SetRatio(ratio);
            target = 1 / ratio;
            if (ramp == 0)
            {
                step = target;
            }
            else
            {
                delta = (target - step) / ramp;
                rampLeft = ramp;
            }

            for (var i = 0; i < Block; i++, n++)
            {
                positions[n] = t;
                t += step;
                if (rampLeft > 0)
                {
                    step = --rampLeft == 0 ? target : step + delta;
                }
            }

            var needed = (int)resampler.GetInputFramesNeeded(Block);
            for (var i = 0; i < needed; i++)
            {
                input[i] = (float)(Amplitude * Math.Sin(2 * Math.PI * Frequency * (written + i) / Rate));
            }

            written += resampler.Write(new ReadOnlyAudioBlock(input, 1, needed));
            Assert.Equal(Block, resampler.Read(new AudioBlock(output, 1, output.Length).Slice(b * Block, Block)));
        }

        double worst = 0;
        for (var i = 2000; i < output.Length; i++)
        {
            var expected = Amplitude * Math.Sin(2 * Math.PI * Frequency * (positions[i] - delay) / Rate);
            worst = Math.Max(worst, Math.Abs(output[i] - expected));
        }

        var db = 20 * Math.Log10(worst / Amplitude);
        TestContext.Current.TestOutputHelper?.WriteLine($"{quality}, ramp {ramp}: worst error against the moving position {db:F1} dB");
        Assert.True(db <= limitDb, $"worst error {db:F1} dB");
    }

    [Fact]
    public void Varispeed_AtAConstantRatio_MatchesTheFixedRatioResamplerClosely()
    {
        // 1.001 is 48 000 → 48 048: the varispeed table interpolates phases; the fixed one has exact rows.
        var input = ResamplerMetrics.Sine(5000, 48_000, 20_000, 0.5);
        var fixedRatio = ResamplerMetrics.Resample(input, 1000, 1001, ResamplerQuality.High);
        var resampler = Resampler.CreateVarispeed(1, 1.001, 1.001, 1.001, ResamplerQuality.High, inputCapacity: 30_000);
        var output = new float[fixedRatio.Length];
        resampler.Write(new ReadOnlyAudioBlock(input, 1, input.Length));
        resampler.WriteSilence(resampler.DelayInputFrames + 1);
        Assert.Equal(output.Length, resampler.Read(new AudioBlock(output, 1, output.Length)));
        for (var i = 0; i < output.Length; i++)
        {
            Assert.Equal(fixedRatio[i], output[i], 2e-6f);
        }
    }

    [Fact]
    public void SetRatio_OutsideTheRange_IsClamped()
    {
        var resampler = Resampler.CreateVarispeed(1, 1.0, 0.5, 2.0);
        resampler.SetRatio(10);
        Assert.Equal(2.0, resampler.Ratio);
        resampler.SetRatio(0.1);
        Assert.Equal(0.5, resampler.Ratio);
        resampler.SetRatio(double.NaN);
        Assert.Equal(0.5, resampler.Ratio);
    }

    [Fact]
    public void SetRatioEveryBlock_AllocatesNothing()
    {
        var resampler = Resampler.CreateVarispeed(2, 1.0, 0.9, 1.1, ResamplerQuality.High, inputCapacity: 1024);
        var input = new float[2 * 512];
        var output = new float[2 * Block];
        AllocationAssert.NoAllocations(
            block =>
            {
                resampler.SetRatio(1 + (0.05 * Math.Sin(block * 0.01)));
                var needed = (int)resampler.GetInputFramesNeeded(Block);
                resampler.Write(new ReadOnlyAudioBlock(input, 2, 512).Slice(0, needed));
                resampler.Read(new AudioBlock(output, 2, Block));
            },
            iterations: 2000);
    }
}
