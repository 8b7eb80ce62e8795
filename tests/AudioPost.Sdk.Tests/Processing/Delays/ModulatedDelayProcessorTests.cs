using AudioPost.Sdk.Processing.Delays;
using AudioPost.Sdk.Tests.Processing.Reverb;

namespace AudioPost.Sdk.Tests.Processing.Delays;

public sealed class ModulatedDelayProcessorTests
{
    private const int Rate = 48_000;

    [Theory]
    [InlineData(15f, 2f, 0.5f)]
    [InlineData(3f, 2.5f, 3f)]
    [InlineData(20f, 0f, 1f)]
    public void Process_Ramp_RevealsTheDelayCentreDepthAndRate(float delayMs, float depthMs, float rateHz)
    {
        // Cubic Lagrange is exact on a ramp, so out[n] = slope·(n − d(n)) and d(n) can be read back sample by sample.
        const double Slope = 1e-4;
        const int Frames = 2 * Rate;
        var ramp = Enumerable.Range(0, Frames).Select(n => (float)(Slope * n)).ToArray();
        var chorus = new ModulatedDelayProcessor(delayMs, depthMs, rateHz, feedback: 0f, mix: 1f);

        var output = ProcessorRunner.Run(chorus, [ramp], Rate, 256)[0];

        var delays = Enumerable.Range(Rate / 10, Frames - (Rate / 10)).Select(n => n - (output[n] / Slope)).ToArray();
        var framesPerMs = Rate / 1000.0;
        Assert.Equal(delayMs * framesPerMs, (delays.Max() + delays.Min()) / 2, 0.05);
        Assert.Equal(depthMs * framesPerMs, (delays.Max() - delays.Min()) / 2, 0.05);
        if (depthMs > 0)
        {
            // Upward crossings of the centre: one per LFO cycle.
            var centre = delayMs * framesPerMs;
            var crossings = Enumerable.Range(1, delays.Length - 1).Count(i => delays[i - 1] < centre && delays[i] >= centre);
            Assert.InRange(crossings, (int)Math.Floor(rateHz * 1.9) - 1, (int)Math.Ceiling(rateHz * 1.9) + 1);
        }
    }

    [Fact]
    public void Process_FeedbackWithoutModulation_EchoesDecayByTheFeedbackGain()
    {
        var impulse = new float[4800];
        impulse[0] = 1f;
        var echo = new ModulatedDelayProcessor(10f, 0f, 0f, feedback: -0.5f, mix: 1f);

        var output = ProcessorRunner.Run(echo, [impulse], Rate, 128)[0];

        // 10 ms = 480 frames: echoes at 480k with amplitude (−0.5)^(k−1).
        for (var k = 1; k <= 9; k++)
        {
            Assert.Equal(Math.Pow(-0.5, k - 1), output[480 * k], 1e-5);
            Assert.Equal(0f, output[(480 * k) + 7], 1e-6f);
        }
    }

    [Fact]
    public void Process_Stereo_SpreadsTheLfoPhaseBetweenChannels()
    {
        const double Slope = 1e-4;
        var ramp = Enumerable.Range(0, Rate).Select(n => (float)(Slope * n)).ToArray();
        var chorus = new ModulatedDelayProcessor(10f, 2f, 1f, mix: 1f) { StereoSpreadDegrees = 90f };

        var output = ProcessorRunner.Run(chorus, [ramp, ramp], Rate, 256);

        // A quarter cycle (250 ms) into the LFO, channel 0 (sin) is at its peak, channel 1 (cos) at the centre.
        var n = Rate / 4;
        Assert.Equal(12 * 48.0, n - (output[0][n] / Slope), 0.1);
        Assert.Equal(10 * 48.0, n - (output[1][n] / Slope), 0.1);
    }

    [Fact]
    public void Process_HalfMix_IsTheAverageOfDryAndWet()
    {
        var impulse = new float[1000];
        impulse[0] = 1f;
        var chorus = new ModulatedDelayProcessor(5f, 0f, 0f, mix: 0.5f);

        var output = ProcessorRunner.Run(chorus, [impulse], Rate, 100)[0];

        Assert.Equal(0.5f, output[0], 1e-6f);
        Assert.Equal(0.5f, output[240], 1e-6f);
    }
}
