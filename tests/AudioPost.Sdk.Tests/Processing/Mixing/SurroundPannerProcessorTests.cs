using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing.Mixing;

namespace AudioPost.Sdk.Tests.Processing.Mixing;

public sealed class SurroundPannerProcessorTests
{
    private static float[][] Dc(int frames, float value = 1f) => [Enumerable.Repeat(value, frames).ToArray()];

    [Fact]
    public void Process_SourceAtLeftSurround_ComesOutOfLsOnly()
    {
        var panner = new SurroundPannerProcessor(ChannelLayout.Surround51, azimuthDegrees: 110f);

        var output = MixTestSignals.Run(panner, Dc(1024));

        for (var c = 0; c < 6; c++)
        {
            Assert.All(output[c], s => Assert.Equal(c == 4 ? 1f : 0f, s, 6));
        }
    }

    [Fact]
    public void Process_LfeSend_AddsTheLfeLevelOutsideThePower()
    {
        var panner = new SurroundPannerProcessor(ChannelLayout.Surround51, azimuthDegrees: 0f, lfeDecibels: -6f);

        var output = MixTestSignals.Run(panner, Dc(512));

        Assert.Equal(0.501187f, output[3][511], 5);
        Assert.Equal(1f, output[2][511], 6);
    }

    [Fact]
    public void Process_EveryFrame_KeepsUnitPowerWhileAutomated()
    {
        var panner = new SurroundPannerProcessor(ChannelLayout.Surround714);
        panner.Azimuth.SetValueAtTime(-180f, 0).LinearRampToValueAtTime(180f, 48_000);
        panner.Elevation.SetValueAtTime(0f, 0).LinearRampToValueAtTime(90f, 48_000);

        var output = MixTestSignals.Run(panner, Dc(48_000));

        // Gains ramp linearly between control points 32 frames apart, which costs a little power mid-ramp.
        for (var i = 0; i < 48_000; i += 7)
        {
            var power = 0.0;
            for (var c = 0; c < 12; c++)
            {
                power += c == 3 ? 0 : (double)output[c][i] * output[c][i];
            }

            Assert.InRange(power, 0.999, 1.000001);
        }
    }

    [Fact]
    public void Process_AzimuthSweep_HasNoStepsBiggerThanTheMotion()
    {
        var panner = new SurroundPannerProcessor(ChannelLayout.Surround51, azimuthDegrees: 90f);
        var output = MixTestSignals.Run(panner, Dc(9600), beforeBlock: offset =>
        {
            if (offset == 2560)
            {
                panner.Azimuth.Value = -90f; // a jump of the control: the 20 ms glide smooths it
            }
        });

        for (var c = 0; c < 6; c++)
        {
            Assert.True(MixTestSignals.MaxStep(output[c]) < 0.01f, $"channel {c} steps by {MixTestSignals.MaxStep(output[c])}");
        }

        Assert.Equal(0f, output[0][9599], 6);
        Assert.True(output[1][9599] > 0.1f); // ended between R and Rs
    }

    [Fact]
    public void GetOutputChannelCount_StereoInput_Throws()
    {
        var panner = new SurroundPannerProcessor(ChannelLayout.Surround71);

        Assert.Equal(8, panner.GetOutputChannelCount(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => panner.GetOutputChannelCount(2));
    }
}
