using AudioPost.Sdk.Processing.Mixing;

namespace AudioPost.Sdk.Tests.Processing.Mixing;

public sealed class FaderProcessorTests
{
    [Fact]
    public void Process_GainPlusOffset_AddInDecibels()
    {
        var fader = new FaderProcessor(-6f);
        fader.Offset.Value = -14f;
        fader.Reset();

        var output = MixTestSignals.Run(fader, [Enumerable.Repeat(1f, 256).ToArray()]);

        Assert.Equal(0.1f, output[0][255], 5);
    }

    [Fact]
    public void Process_MuteDuringRender_FadesWithBoundedSteps()
    {
        var fader = new FaderProcessor();
        var tone = MixTestSignals.Sine(1000, 1f, 9600);

        var output = MixTestSignals.Run(fader, [tone], beforeBlock: offset =>
        {
            if (offset == 2560)
            {
                fader.Mute.Value = 1f;
            }
        });

        // The tone itself moves by at most 2π·1000/48000 ≈ 0.131 per sample; the 10 ms fade adds at most 1/480.
        var toneStep = MixTestSignals.MaxStep(tone);
        Assert.True(MixTestSignals.MaxStep(output[0]) <= toneStep + (1f / 480) + 1e-6f);
        Assert.Equal(tone[2559], output[0][2559]);
        Assert.All(output[0].AsSpan(2560 + 480).ToArray(), s => Assert.Equal(0f, s));
    }

    [Fact]
    public void Process_AutomatedFader_DoesNotStopTheMute()
    {
        var fader = new FaderProcessor();
        fader.Gain.SetValueAtTime(0f, 0).LinearRampToValueAtTime(-20f, 4800);
        fader.Mute.Value = 1f;
        fader.Reset();

        var output = MixTestSignals.Run(fader, [Enumerable.Repeat(1f, 4800).ToArray()]);

        Assert.All(output[0], s => Assert.Equal(0f, s));
    }

    [Fact]
    public void GetLinearGain_CapsTheSumAtPlus24()
    {
        Assert.Equal(FaderProcessor.GetLinearGain(24f, 0f, 0f), FaderProcessor.GetLinearGain(20f, 10f, 0f));
        Assert.Equal(0.5f, FaderProcessor.GetLinearGain(0f, 0f, 0.5f));
    }
}
