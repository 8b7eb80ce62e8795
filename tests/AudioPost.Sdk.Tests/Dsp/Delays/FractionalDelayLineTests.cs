using AudioPost.Sdk.Dsp.Delays;

namespace AudioPost.Sdk.Tests.Dsp.Delays;

public sealed class FractionalDelayLineTests
{
    /// <summary>
    /// The worst level, over fractional parts 0.1 to 0.9, of (read − exactly delayed sine) relative to the sine,
    /// in dB, for a sine at <paramref name="frequency"/> × fs.
    /// </summary>
    internal static double WorstErrorDb(DelayInterpolation interpolation, double frequency)
    {
        var worst = double.NegativeInfinity;
        for (var fraction = 0.1; fraction < 0.95; fraction += 0.1)
        {
            var line = new FractionalDelayLine(64, interpolation);
            var delay = 20 + fraction;
            double error = 0, energy = 0;
            for (var n = 0; n < 4000; n++)
            {
                line.Write((float)Math.Sin((2 * Math.PI * frequency * n) + 0.3));
                var read = line.Read(delay);
                if (n >= 100)
                {
                    var expected = Math.Sin((2 * Math.PI * frequency * (n - delay)) + 0.3);
                    error += (read - expected) * (read - expected);
                    energy += expected * expected;
                }
            }

            worst = Math.Max(worst, 10 * Math.Log10(error / energy));
        }

        return worst;
    }

    [Theory]
    [InlineData(DelayInterpolation.Sinc32, 0.4, -75)]
    [InlineData(DelayInterpolation.Sinc32, 0.3, -75)]
    [InlineData(DelayInterpolation.Sinc32, 0.1, -75)]
    [InlineData(DelayInterpolation.Sinc32, 0.01, -75)]
    [InlineData(DelayInterpolation.Lagrange3, 0.05, -70)]
    [InlineData(DelayInterpolation.Lagrange3, 0.1, -47)]
    [InlineData(DelayInterpolation.Lagrange3, 0.2, -24)]
    [InlineData(DelayInterpolation.Lagrange3, 0.3, -12)]
    [InlineData(DelayInterpolation.Linear, 0.01, -64)]
    [InlineData(DelayInterpolation.Linear, 0.05, -36)]
    [InlineData(DelayInterpolation.Linear, 0.1, -24)]
    public void Read_SineAtFrequency_ErrorBelowDocumentedLevel(DelayInterpolation interpolation, double frequency, double limitDb)
    {
        var error = WorstErrorDb(interpolation, frequency);
        Assert.True(error < limitDb, $"{interpolation} at {frequency} fs: {error:F1} dB (limit {limitDb} dB)");
    }

    [Fact]
    public void Read_ErrorLevels_AreNotMuchBetterThanDocumented()
    {
        // The documented figures are close to the truth, not loose bounds, and the sinc fails past its band.
        Assert.True(WorstErrorDb(DelayInterpolation.Lagrange3, 0.3) > -16);
        Assert.True(WorstErrorDb(DelayInterpolation.Linear, 0.05) > -41);
        Assert.True(WorstErrorDb(DelayInterpolation.Sinc32, 0.48) > -30);
    }

    [Fact]
    public void Read_Lagrange3_IsExactOnACubic()
    {
        var line = new FractionalDelayLine(16);
        static double Cubic(double t) => (1e-6 * t * t * t) - (2e-4 * t * t) + (0.01 * t) - 0.5;
        for (var n = 0; n < 40; n++)
        {
            line.Write((float)Cubic(n));
        }

        Assert.Equal(Cubic(39 - 3.37), line.Read(3.37), 1e-5);
    }

    [Fact]
    public void Read_WholeDelays_ReturnStoredSamplesExactly()
    {
        foreach (var interpolation in Enum.GetValues<DelayInterpolation>())
        {
            var line = new FractionalDelayLine(100, interpolation);
            for (var n = 0; n < 100; n++)
            {
                line.Write(n);
            }

            Assert.Equal(99 - 20, line.Read(20), 1e-3f);
        }
    }

    [Fact]
    public void Read_OutOfRange_Clamps()
    {
        var line = new FractionalDelayLine(10, DelayInterpolation.Linear);
        for (var n = 0; n < 20; n++)
        {
            line.Write(n);
        }

        Assert.Equal(9f, line.Read(1000));
        Assert.Equal(19f, line.Read(-5));
        Assert.Equal(19f, line.Read(double.NaN));
        Assert.Equal(15, FractionalDelayLine.MinimumDelayOf(DelayInterpolation.Sinc32));
    }
}
