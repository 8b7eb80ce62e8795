using AudioPost.Sdk.Processing.Dynamics;
using static AudioPost.Sdk.Tests.Processing.Dynamics.DynamicsSignals;

namespace AudioPost.Sdk.Tests.Processing.Dynamics;

/// <summary>Gate and expander: hysteresis and hold measured in samples on DC signals, the expander's static curve, the gate's times.</summary>
public sealed class GateExpanderTests
{
    [Theory]
    [InlineData(0f, 0)]
    [InlineData(20f, 960)]
    [InlineData(1.5f, 72)]
    public void Gate_LevelFallsUnderTheClosingThreshold_StaysOpenExactlyTheHoldFrames(float holdMs, int holdFrames)
    {
        const int Fall = 9_600;
        var input = DcStep(0, -60, Fall, Fall + 4_800);
        var gate = new GateProcessor(-40f, 80f, 6f, holdMs, 0.5f, 50f, detectorWindowMilliseconds: 0);

        var output = Run(gate, input, block: 100);

        for (var n = Fall - 100; n < Fall + holdFrames; n++)
        {
            Assert.True(output[n] == input[n], $"frame {n - Fall} after the fall: gain {output[n] / input[n]} while holding");
        }

        Assert.True(output[Fall + holdFrames] < input[Fall + holdFrames], "still open after the hold");
        Assert.False(gate.IsOpen);
    }

    [Fact]
    public void Gate_SlowLevelSweep_OpensAtTheThresholdAndClosesAtThresholdMinusHysteresis()
    {
        // −60 dB → −30 dB → −60 dB in 0.01 dB per frame.
        const double StepDb = 0.01;
        var up = (int)(30 / StepDb);
        var level = new double[2 * up];
        var input = new float[2 * up];
        for (var n = 0; n < level.Length; n++)
        {
            level[n] = n < up ? -60 + (n * StepDb) : -30 - ((n - up) * StepDb);
            input[n] = Gain(level[n]);
        }

        var gate = new GateProcessor(-40f, 80f, 6f, 0f, 0.5f, 50f, detectorWindowMilliseconds: 0);

        var output = Run(gate, input);

        // Closed, the reduction is exactly the 80 dB range; the first frame above it is the opening.
        var opened = -1;
        for (var n = 0; n < up; n++)
        {
            if (Db(input[n]) - Db(output[n]) < 80 - 1e-3)
            {
                opened = n;
                break;
            }
        }

        var closed = -1;
        for (var n = up; n < output.Length; n++)
        {
            if (output[n] != input[n])
            {
                closed = n;
                break;
            }
        }

        Assert.InRange(level[opened], -40 - 1e-6, -40 + StepDb + 1e-6);
        Assert.True(level[opened - 1] < -40);
        Assert.InRange(level[closed], -46 - StepDb - 1e-6, -46);
        Assert.True(level[closed - 1] >= -46 - 1e-9);
        TestContext.Current.TestOutputHelper?.WriteLine($"opened at {level[opened]:F3} dB (frame {opened}), closed at {level[closed]:F3} dB (frame {closed})");
    }

    [Theory]
    [InlineData(0.5f)]
    [InlineData(5f)]
    public void Gate_Opening_ReductionCovers63PercentInTheAttackTime(float attackMs)
    {
        const int Start = 4_800;
        var input = DcStep(-60, -20, Start, Start * 3);
        var gate = new GateProcessor(-40f, 60f, 6f, 10f, attackMs, 50f, detectorWindowMilliseconds: 0);

        var output = Run(gate, input);

        Assert.Equal(-120, Db(output[Start - 1]), 2);
        var tau = attackMs * Rate / 1000.0;
        var crossing = -1;
        for (var n = Start; n < output.Length; n++)
        {
            if (Db(input[n]) - Db(output[n]) <= 60 / Math.E)
            {
                crossing = n - Start + 1;
                break;
            }
        }

        Assert.InRange(crossing, tau - 1, tau + 1);
    }

    [Fact]
    public void Gate_Closing_ReductionCovers63PercentOfTheRangeInTheReleaseTime()
    {
        const int Fall = 9_600;
        var input = DcStep(-20, -60, Fall, Fall * 2);
        var gate = new GateProcessor(-40f, 60f, 6f, 0f, 0.5f, 50f, detectorWindowMilliseconds: 0);

        var output = Run(gate, input);

        var crossing = -1;
        for (var n = Fall; n < output.Length; n++)
        {
            if (Db(input[n]) - Db(output[n]) >= 60 * (1 - (1 / Math.E)))
            {
                crossing = n - Fall + 1;
                break;
            }
        }

        Assert.InRange(crossing, 2_400 - 1, 2_400 + 1);
    }

    [Theory]
    [InlineData(-30, 0)]
    [InlineData(-40, 0)]
    [InlineData(-45, 5)]
    [InlineData(-55, 15)]
    [InlineData(-70, 30)]
    [InlineData(-90, 40)] // the 40 dB range caps (−90 would ask for 50)
    public void Expander_SteadyDc_ReductionFollowsTheCurveDownToTheRange(int level, double expectedReduction)
    {
        var input = DcStep(level, level, 0, Rate / 4);
        var expander = new ExpanderProcessor(-40f, 2f, 40f, 0f, 0f, 1f, 10f, detectorWindowMilliseconds: 0);

        var output = Run(expander, input);

        Assert.Equal(expectedReduction, Db(input[^1]) - Db(output[^1]), 2);
        var reductions = new float[1];
        Assert.True(expander.GainReduction.TryRead(reductions));
        Assert.Equal(expectedReduction, reductions[0], 2);
    }

    [Fact]
    public void Expander_StereoWithOneLoudChannel_IsLinkedAndLeavesBothOpen()
    {
        const int Frames = Rate / 4;
        var input = new float[2 * Frames];
        input.AsSpan(0, Frames).Fill(Gain(-20));
        input.AsSpan(Frames).Fill(Gain(-70));
        var expander = new ExpanderProcessor(-40f, 2f, 40f, detectorWindowMilliseconds: 0);

        var output = Run(expander, input, channels: 2);

        Assert.True(expander.IsOpen);
        Assert.Equal(-70, Db(output[^1]), 3);
    }
}
