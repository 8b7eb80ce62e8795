using AudioPost.Sdk.Dsp.Dynamics;
using AudioPost.Sdk.Processing.Dynamics;
using static AudioPost.Sdk.Tests.Processing.Dynamics.DynamicsSignals;

namespace AudioPost.Sdk.Tests.Processing.Dynamics;

/// <summary>
/// Attack, release and look-ahead measured from DC step responses. Convention (see <see cref="TimeConstant"/>): a time
/// constant is the time the gain reduction, in dB, takes to cover 63.2 % (1 − 1/e) of a step.
/// </summary>
public sealed class CompressorTimingTests
{
    private const int Step = 4_800;

    // −40 dBFS is under the −20 dB threshold; 0 dBFS at 4:1 asks for (0 − (−20)) · (1 − 1/4) = 15 dB.
    private const double Demand = 15;

    private static double[] Reduction(float[] input, float[] output, int latency = 0)
    {
        var reduction = new double[output.Length];
        for (var n = latency; n < output.Length; n++)
        {
            reduction[n] = Db(input[n - latency]) - Db(output[n]);
        }

        return reduction;
    }

    [Theory]
    [InlineData(1f)]
    [InlineData(10f)]
    [InlineData(50f)]
    public void Attack_DcStepUp_ReductionCovers63PercentInTheAttackTime(float attackMs)
    {
        var input = DcStep(-40, 0, Step, Step + (Rate / 2));
        var compressor = new CompressorProcessor(-20f, 4f, 0f, attackMs, 100f);

        var reduction = Reduction(input, Run(compressor, input));

        Assert.InRange(reduction[Step - 1], -1e-4, 1e-4);
        var tau = attackMs * Rate / 1000.0;
        var crossing = Array.FindIndex(reduction, Step, r => r >= Demand * (1 - (1 / Math.E))) - Step + 1;
        Assert.InRange(crossing, tau - 1, tau + 1);
        for (var k = 0; k < 5 * tau; k++)
        {
            var expected = Demand * (1 - Math.Exp(-(k + 1) / tau));
            Assert.True(Math.Abs(reduction[Step + k] - expected) < 0.01, $"{k} frames after the step: {reduction[Step + k]:F4} dB, one-pole says {expected:F4}");
        }

        Assert.True(Math.Abs(reduction[^1] - Demand) < 0.002, $"settled at {reduction[^1]:F4} dB");
    }

    [Theory]
    [InlineData(1f, 50f)]
    [InlineData(5f, 200f)]
    [InlineData(0.01f, 1000f)]
    public void Release_DcStepDown_ReductionDecaysAsReleaseThenAttackInSeries(float attackMs, float releaseMs)
    {
        var input = DcStep(0, -40, Rate / 2, (Rate / 2) + (int)(releaseMs * Rate / 1000 * 6));
        var compressor = new CompressorProcessor(-20f, 4f, 0f, attackMs, releaseMs);

        var reduction = Reduction(input, Run(compressor, input));

        const int Down = Rate / 2;
        Assert.Equal(Demand, reduction[Down - 1], 3);
        double tauA = attackMs / 1000.0, tauR = releaseMs / 1000.0;
        double Series(double t) => Demand * ((tauR * Math.Exp(-t / tauR)) - (tauA * Math.Exp(-t / tauA))) / (tauR - tauA);
        for (var k = 0; Down + k < reduction.Length; k++)
        {
            var expected = Series((k + 1.0) / Rate);
            Assert.True(Math.Abs(reduction[Down + k] - expected) < 0.02, $"{k} frames after the fall: {reduction[Down + k]:F4} dB, two one-poles say {expected:F4}");
        }

        // 63.2 % of the way down takes about release + attack.
        var crossing = Array.FindIndex(reduction, Down, r => r <= Demand / Math.E) - Down + 1;
        var predicted = (tauR + tauA) * Rate;
        Assert.InRange(crossing, predicted * 0.99, predicted * 1.01);
        TestContext.Current.TestOutputHelper?.WriteLine($"63.2 % release at {crossing} frames; release + attack = {predicted:F1} frames");
    }

    [Theory]
    [InlineData(5.0, 20f)]
    [InlineData(5.0, 0.5f)]
    [InlineData(1.0, 10f)]
    public void LookAhead_DcStepUp_ReductionStartsBeforeTheStepLeavesAndOutputNeverExceedsTheCurve(double lookAheadMs, float attackMs)
    {
        var input = DcStep(-40, 0, Step, Step * 2);
        var compressor = new CompressorProcessor(-20f, 4f, 0f, attackMs, 100f, lookAheadMilliseconds: lookAheadMs);

        var output = Run(compressor, input, block: 100);

        var latency = (int)Math.Round(lookAheadMs * Rate / 1000);
        Assert.Equal(latency, compressor.LatencyFrames);
        var reduction = Reduction(input, output, latency);

        // The step enters at frame Step and leaves at Step + latency; the reduction begins as it enters.
        Assert.InRange(reduction[Step - 1], -1e-4, 1e-4);
        Assert.True(reduction[Step] > 0, "no reduction while the step was still in the look-ahead");
        Assert.True(Db(output[Step + latency - 1]) < -40, "the quiet sample just before the step was not turned down");
        for (var n = latency; n < output.Length; n++)
        {
            var level = Db(input[n - latency]);
            var allowed = level - GainComputer.CompressorReductionDb((float)level, -20f, 4f, 0f);
            Assert.True(Db(output[n]) <= allowed + 1e-3, $"output frame {n}: {Db(output[n]):F4} dB, the curve allows {allowed:F4}");
        }

        Assert.Equal(-15, Db(output[Step + latency]), 3);
    }

    [Fact]
    public void Bypassed_KeepsTheLookAheadDelayAndPassesTheAudioBitExact()
    {
        var input = Sine(0, Rate / 10);
        var compressor = new CompressorProcessor(-30f, 10f, lookAheadMilliseconds: 2) { Bypassed = true };

        var output = Run(compressor, input);

        var latency = compressor.LatencyFrames;
        Assert.Equal(96, latency);
        Assert.True(output.AsSpan(0, latency).IndexOfAnyExcept(0f) < 0);
        Assert.True(output.AsSpan(latency).SequenceEqual(input.AsSpan(0, input.Length - latency)));
    }

    [Fact]
    public void Bypassed_ToggledWhilePlaying_FadesTheGainOverTenMilliseconds()
    {
        var input = Sine(0, Rate);
        var compressor = new CompressorProcessor(-20f, 4f, 0f, 1f, 100f);
        compressor.Prepare(new AudioPost.Sdk.Processing.ProcessSpec(Rate, 480, 1));
        _ = Continue(compressor, input.AsSpan(0, Rate / 2).ToArray(), 1, 480);

        compressor.Bypassed = true;
        var output = Continue(compressor, input.AsSpan(Rate / 2).ToArray(), 1, 480);

        // The first 10 ms period after the switch is in between; from the next period on the tone is untouched.
        var during = SinePeakDb(output.AsSpan(0, 480));
        Assert.InRange(during, -15 + 0.5, -0.5);
        Assert.Equal(0, SinePeakDb(output.AsSpan(960, 4800)), 3);
    }
}
