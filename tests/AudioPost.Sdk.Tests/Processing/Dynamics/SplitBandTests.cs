using System.Numerics;
using AudioPost.Sdk.Processing.Dynamics;
using static AudioPost.Sdk.Tests.Processing.Dynamics.DynamicsSignals;

namespace AudioPost.Sdk.Tests.Processing.Dynamics;

/// <summary>De-esser and multiband compressor: band levels measured by single-bin DFTs over whole periods.</summary>
public sealed class SplitBandTests
{
    /// <summary>The complex amplitude of <paramref name="frequency"/> in <paramref name="samples"/> (a whole number of periods, no leakage).</summary>
    private static Complex Bin(ReadOnlySpan<float> samples, double frequency)
    {
        var sum = Complex.Zero;
        for (var n = 0; n < samples.Length; n++)
        {
            var phase = -2 * Math.PI * frequency * n / Rate;
            sum += samples[n] * new Complex(Math.Cos(phase), Math.Sin(phase));
        }

        return sum * 2 / samples.Length;
    }

    private static float[] Add(float[] a, float[] b)
    {
        var sum = new float[a.Length];
        for (var i = 0; i < a.Length; i++)
        {
            sum[i] = a[i] + b[i];
        }

        return sum;
    }

    [Fact]
    public void DeEsser_SevenKilohertzBurstOver200Hz_ReducesTheBurstByTheCurveAndLeaves200HzUntouched()
    {
        // 0.5 s of a −10 dBFS 200 Hz tone; from 0.2 s a −6 dBFS 7 kHz "ess". The windows hold whole periods of both
        // (4 800 frames = 20 periods of 200 Hz, 700 of 7 kHz).
        const int Frames = Rate / 2;
        const int Burst = Rate / 5;
        var low = Sine(-10, Frames, 200);
        var ess = Sine(-6, Frames, 7_000);
        ess.AsSpan(0, Burst).Clear();
        var input = Add(low, ess);
        var deEsser = new DeEsserProcessor(5_000f, -30f, 4f, 0.5f, 60f);

        var output = Run(deEsser, input);

        var crossover = deEsser.Crossover!;
        var before = output.AsSpan(Burst - 4_800, 4_800);
        var during = output.AsSpan(Frames - 4_800, 4_800);

        // 200 Hz: the same amplitude with and without the burst, and as at the input (the crossover is flat).
        var amplitude200 = Gain(-10);
        Assert.Equal(Db(amplitude200), Db(Bin(before, 200).Magnitude), 2);
        Assert.Equal(Db(Bin(before, 200).Magnitude), Db(Bin(during, 200).Magnitude), 2);

        // 7 kHz: the high band reaches the detector at |H(7 kHz)| · (−6 dBFS); the curve asks for a reduction g of
        // (level − threshold) · (1 − 1/4); the output is the low band plus the high band scaled by g.
        var high = crossover.BandResponse(1, 7_000);
        var lowPart = crossover.BandResponse(0, 7_000);
        var highLevel = -6 + Db(high.Magnitude);
        var reduction = (highLevel - -30) * 0.75;
        var expected = Gain(-6) * (lowPart + (high * Gain(-reduction))).Magnitude;
        var measured = Bin(during, 7_000).Magnitude;
        Assert.True(Math.Abs(Db(measured) - Db(expected)) < 0.2, $"7 kHz out {Db(measured):F3} dB, expected {Db(expected):F3} dB");
        Assert.True(Db(measured) < -6 - 10, $"the ess was only brought to {Db(measured):F2} dBFS");
        TestContext.Current.TestOutputHelper?.WriteLine($"7 kHz: in −6 dBFS, out {Db(measured):F3} dBFS (expected {Db(expected):F3}); 200 Hz change {Db(Bin(during, 200).Magnitude) - Db(amplitude200):F5} dB");
    }

    [Theory]
    [InlineData(new float[] { 1_000f })]
    [InlineData(new float[] { 120f, 1_000f, 6_000f })]
    [InlineData(new float[] { 80f, 250f, 800f, 2_500f, 8_000f })]
    public void Multiband_AllRatiosOne_IsFlatWithin0Point01Db(float[] crossovers)
    {
        const int Frames = 9_600;
        foreach (var frequency in new[] { 30.0, 100, 120, 200, 500, 1_000, 2_000, 4_000, 6_000, 10_000, 15_000, 20_000 })
        {
            var multiband = new MultibandCompressorProcessor(crossovers);

            var output = Run(multiband, Sine(-6, Frames, frequency));

            // The last 0.1 s holds whole periods of every test frequency (each divides 48 000 / 4 800 = 10 Hz).
            var gain = Db(Bin(output.AsSpan(Frames - 4_800), frequency).Magnitude) + 6;
            Assert.True(Math.Abs(gain) < 0.01, $"{frequency} Hz through {crossovers.Length + 1} bands: {gain:F4} dB");
        }
    }

    [Fact]
    public void Multiband_LowBandCompressing_ReducesOnlyTheLowTone()
    {
        const int Frames = Rate / 2;
        var input = Add(Sine(0, Frames, 100), Sine(-12, Frames, 5_000));
        var multiband = new MultibandCompressorProcessor([1_000f]);
        var low = multiband.GetBand(0);
        low.Threshold.Value = -20f;
        low.Ratio.Value = 4f;
        low.Knee.Value = 0f;
        low.Attack.Value = 1f;
        low.Release.Value = 500f;

        var output = Run(multiband, input);

        var window = output.AsSpan(Frames - 4_800);
        var crossover = multiband.Crossover!;

        // The 0 dBFS tone reaches the low band's detector at |L(100 Hz)|, practically 0 dB, so the curve asks for 15 dB.
        var lowLevel = Db(crossover.BandResponse(0, 100).Magnitude);
        var reduction = (lowLevel + 20) * 0.75;
        var expected100 = (crossover.BandResponse(0, 100) * Gain(-reduction)) + crossover.BandResponse(1, 100);
        Assert.Equal(Db(expected100.Magnitude), Db(Bin(window, 100).Magnitude), 1);
        Assert.Equal(-12, Db(Bin(window, 5_000).Magnitude), 1);
        var reductions = new float[2];
        Assert.True(multiband.GainReduction.TryRead(reductions));
        Assert.InRange(reductions[0], reduction - 0.1, reduction + 0.1);
        Assert.Equal(0f, reductions[1]);
    }
}
