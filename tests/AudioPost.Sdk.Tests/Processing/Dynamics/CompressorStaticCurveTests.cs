using AudioPost.Sdk.Dsp.Dynamics;
using AudioPost.Sdk.Processing.Dynamics;
using static AudioPost.Sdk.Tests.Processing.Dynamics.DynamicsSignals;

namespace AudioPost.Sdk.Tests.Processing.Dynamics;

/// <summary>
/// The compressor's steady state against its analytic static curve: a 1 kHz sine held at each level, the output level
/// over whole periods once settled must be the input level + make-up − the curve's reduction, within 0.1 dB.
/// </summary>
public sealed class CompressorStaticCurveTests
{
    private const float Threshold = -20f;
    private const float Ratio = 4f;
    private const float Makeup = 3f;

    /// <summary>The expected reduction, written independently of <see cref="GainComputer"/> (hard knee or quadratic knee).</summary>
    private static double ExpectedReduction(double level, double threshold, double ratio, double knee)
    {
        var over = level - threshold;
        if (knee > 0 && Math.Abs(over) < knee / 2)
        {
            return (1 - (1 / ratio)) * Math.Pow(over + (knee / 2), 2) / (2 * knee);
        }

        return over > 0 ? (1 - (1 / ratio)) * over : 0;
    }

    [Theory]
    [InlineData(0f, DetectionMode.Peak)]
    [InlineData(6f, DetectionMode.Peak)]
    [InlineData(12f, DetectionMode.Peak)]
    [InlineData(0f, DetectionMode.Rms)]
    [InlineData(10f, DetectionMode.Rms)]
    public void Process_SteadySine_OutputLevelFollowsTheStaticCurveWithin0Point1Db(float knee, DetectionMode detection)
    {
        const int Frames = Rate * 3 / 10;
        const int Measured = 4_800; // 100 whole periods at the end.
        var worst = 0.0;
        for (var level = -40; level <= 0; level += 2)
        {
            var compressor = new CompressorProcessor(Threshold, Ratio, knee, attackMilliseconds: 5f, releaseMilliseconds: 500f, Makeup, detection);

            var output = Run(compressor, Sine(level, Frames));

            // The detector sees the sine's peak, or its RMS 3.01 dB lower.
            var detected = detection == DetectionMode.Peak ? level : level - (10 * Math.Log10(2));
            var expected = level + Makeup - ExpectedReduction(detected, Threshold, Ratio, knee);
            var measured = SinePeakDb(output.AsSpan(Frames - Measured));
            Assert.True(Math.Abs(measured - expected) <= 0.1, $"input {level} dB: output {measured:F3} dB, curve says {expected:F3} dB");
            worst = Math.Max(worst, Math.Abs(measured - expected));
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"worst deviation from the curve: {worst:F4} dB");
    }

    [Theory]
    [InlineData(-30f, 0f, 0f)]
    [InlineData(-20f, 0f, 0f)]
    [InlineData(-10f, 0f, 7.5f)]
    [InlineData(0f, 0f, 15f)]
    [InlineData(-23f, 6f, 0f)] // the bottom of a 6 dB knee
    [InlineData(-21f, 6f, 0.25f)] // 0.75 · 2² / 12
    [InlineData(-20f, 6f, 0.5625f)] // 0.75 · 3² / 12: half the hard knee's slope change, at the threshold
    [InlineData(-17f, 6f, 2.25f)] // the top of the knee meets the straight line 0.75 · 3
    public void CompressorReductionDb_KnownPoints(float level, float knee, float expected) =>
        Assert.Equal(expected, GainComputer.CompressorReductionDb(level, Threshold, Ratio, knee), 5);

    [Fact]
    public void CompressorReductionDb_SoftKnee_IsContinuousWithContinuousSlopeAtBothEdges()
    {
        const float Knee = 10f;
        foreach (var edge in new[] { Threshold - (Knee / 2), Threshold + (Knee / 2) })
        {
            const float H = 1e-3f;
            var below = GainComputer.CompressorReductionDb(edge - H, Threshold, Ratio, Knee);
            var at = GainComputer.CompressorReductionDb(edge, Threshold, Ratio, Knee);
            var above = GainComputer.CompressorReductionDb(edge + H, Threshold, Ratio, Knee);
            Assert.Equal(at - below, above - at, 3);
        }
    }
}
