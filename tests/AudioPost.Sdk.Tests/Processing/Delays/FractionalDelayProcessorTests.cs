using AudioPost.Sdk.Dsp.Delays;
using AudioPost.Sdk.Processing.Delays;
using AudioPost.Sdk.Tests.Processing.Reverb;

namespace AudioPost.Sdk.Tests.Processing.Delays;

public sealed class FractionalDelayProcessorTests
{
    private const int Rate = 48_000;

    /// <summary>Twenty sines at random frequencies up to 0.4 fs, random phases: a band-limited test signal and its exact delay.</summary>
    private static (float[] Signal, Func<double, double> At) BandLimited(int frames)
    {
        var random = new Random(42);
        var frequencies = Enumerable.Range(0, 20).Select(_ => random.NextDouble() * 0.4).Append(0.4).ToArray();
        var phases = frequencies.Select(_ => random.NextDouble() * 2 * Math.PI).ToArray();
        double At(double t)
        {
            double sum = 0;
            for (var i = 0; i < frequencies.Length; i++)
            {
                sum += Math.Sin((2 * Math.PI * frequencies[i] * t) + phases[i]) / frequencies.Length;
            }

            return sum;
        }

        return (Enumerable.Range(0, frames).Select(n => (float)At(n)).ToArray(), At);
    }

    [Theory]
    [InlineData(10.37, DelayInterpolation.Sinc32, -60)]
    [InlineData(0.5, DelayInterpolation.Sinc32, -60)]
    [InlineData(123.81, DelayInterpolation.Sinc32, -60)]
    [InlineData(10.37, DelayInterpolation.Lagrange3, -6)]
    public void Process_BandLimitedSignal_MatchesTheAnalyticallyDelayedSignal(double delayFrames, DelayInterpolation interpolation, double limitDb)
    {
        var (signal, at) = BandLimited(6000);
        var delay = new FractionalDelayProcessor((float)(delayFrames * 1000 / Rate), 100f, interpolation);

        var output = ProcessorRunner.Run(delay, [signal], Rate, 256, 100)[0];

        var total = delayFrames + delay.LatencyFrames;
        Assert.Equal(FractionalDelayLine.MinimumDelayOf(interpolation), delay.LatencyFrames);
        double error = 0, energy = 0;
        for (var n = 500; n < output.Length; n++)
        {
            var expected = at(n - total);
            error += (output[n] - expected) * (output[n] - expected);
            energy += expected * expected;
        }

        var db = 10 * Math.Log10(error / energy);
        Assert.True(db < limitDb, $"{interpolation}, {delayFrames} frames: {db:F1} dB");
    }

    [Fact]
    public void Process_WholeFrameDelay_ShiftsSamplesExactly()
    {
        var signal = ProcessorRunner.Noise(1000, 3);
        var delay = new FractionalDelayProcessor(0.5f); // 24 frames at 48 kHz

        var output = ProcessorRunner.Run(delay, [signal], Rate, 64)[0];

        for (var n = 25; n < output.Length; n++)
        {
            Assert.Equal(signal[n - 25], output[n], 1e-6f);
        }
    }
}
