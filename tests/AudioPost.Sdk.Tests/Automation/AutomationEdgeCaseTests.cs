using AudioPost.Sdk.Automation;

namespace AudioPost.Sdk.Tests.Automation;

/// <summary>Edge cases found in review: pre-roll (negative frames), cancel-and-hold at an event's own frame, a full timeline, NaN.</summary>
public sealed class AutomationEdgeCaseTests
{
    private static float[] Run(AudioParameter parameter, long from, int frames, int block = 64)
    {
        var result = new float[frames];
        for (var done = 0; done < frames; done += block)
        {
            parameter.Process(from + done, Math.Min(block, frames - done)).Values.CopyTo(result.AsSpan(done));
        }

        return result;
    }

    [Fact]
    public void Process_NegativeTimelinePastTheLastEvent_HoldsTheValue()
    {
        var parameter = new AudioParameter("p", 0f, -10f, 10f, smoothingSeconds: 0);
        parameter.Prepare(48_000, 64);
        parameter.SetValueAtTime(1f, -2000);

        var values = Run(parameter, -1000, 256);

        Assert.All(values, v => Assert.Equal(1f, v));
    }

    [Fact]
    public void Process_PreRollCrossingARamp_FollowsTheRampThroughZero()
    {
        var parameter = new AudioParameter("p", 0f, -10f, 10f, smoothingSeconds: 0);
        parameter.Prepare(48_000, 64);
        parameter.SetValueAtTime(-1f, -100).LinearRampToValueAtTime(1f, 100);

        var values = Run(parameter, -200, 400);

        Assert.Equal(-1f, values[100]);
        Assert.Equal(0f, values[200]);
        Assert.Equal(1f, values[300]);
        Assert.Equal(1f, values[399]);
    }

    [Fact]
    public void CancelAndHold_AtTheExactFrameOfASetTarget_Holds()
    {
        var parameter = new AudioParameter("p", 0f, 0f, 1f, smoothingSeconds: 0);
        parameter.Prepare(48_000, 64);
        parameter.SetValueAtTime(0f, 0).SetTargetAtTime(1f, 1024, 100).CancelAndHoldAtTime(1024);

        var values = Run(parameter, 0, 2048);

        Assert.Equal(0f, values[1500]);
        Assert.Equal(0f, values[2047]);
    }

    [Fact]
    public void LinearRamp_ThatDoesNotFit_LeavesNoAnchorBehind()
    {
        var parameter = new AudioParameter("p", 0f, 0f, 1f, smoothingSeconds: 0, eventCapacity: 1);
        parameter.Prepare(48_000, 64);
        parameter.LinearRampToValueAtTime(1f, 1000);
        parameter.Process(0, 64);
        parameter.Value = 0.5f;

        var values = parameter.Process(64, 64);

        Assert.Equal(1, parameter.DroppedEventCount);
        Assert.Equal(0.5f, values[63]);
    }

    [Fact]
    public void Value_NaN_IsIgnored()
    {
        var parameter = new AudioParameter("p", 0.25f, -1f, 1f, smoothingSeconds: 0);
        parameter.Prepare(48_000, 64);

        parameter.Value = float.NaN;

        Assert.Equal(0.25f, parameter.Value);
        Assert.All(parameter.Process(0, 64).Values.ToArray(), v => Assert.Equal(0.25f, v));
        Assert.Throws<ArgumentOutOfRangeException>(() => parameter.SetValueAtTime(float.NaN, 0));
    }

    [Fact]
    public void SetTarget_AsTheFirstEvent_StartsFromTheValueAtItsFrame()
    {
        var parameter = new AudioParameter("p", 0f, 0f, 1f, smoothingSeconds: 0.02);
        parameter.Prepare(48_000, 256);
        parameter.Value = 1f;
        parameter.SetTargetAtTime(1f, 4_800, 100);

        var values = Run(parameter, 0, 9_600, block: 256);

        // The glide reached 1 at frame 959; approaching 1 from 1 must stay at 1, not restart from 0.
        Assert.Equal(1f, values[4_799]);
        Assert.Equal(1f, values[4_800], 6);
        Assert.Equal(1f, values[9_599], 6);
    }

    [Fact]
    public void CancelScheduledValues_OfARampWithNothingBefore_ReturnsControlToValue()
    {
        var parameter = new AudioParameter("p", 0f, 0f, 1f, smoothingSeconds: 0);
        parameter.Prepare(48_000, 64);
        parameter.LinearRampToValueAtTime(1f, 10_000);
        Run(parameter, 0, 128);

        parameter.CancelScheduledValues(10_000);
        parameter.Value = 0.3f;
        var values = Run(parameter, 128, 128);

        Assert.Equal(0.3f, values[^1]);
    }
}
