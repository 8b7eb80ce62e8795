using System.Globalization;
using System.Numerics;
using AudioPost.Sdk.Processing.Restoration;
using MathNet.Numerics.IntegralTransforms;

namespace AudioPost.Sdk.Tests.Processing.Restoration;

/// <summary>
/// Musical noise: residual noise that breaks up into isolated, short-lived spectral peaks ("twinkling tones"). Measured
/// with the kurtosis ratio of Uemura, Takahashi, Saruwatari et al. (2009), who found it tracks how much musical
/// noise listeners hear: the kurtosis μ4/μ2² of the STFT power values of the noise after processing, over that of
/// the noise before. Gaussian noise has power values with kurtosis 6 (exponential distribution); a residual that is
/// the same noise, only quieter, keeps 6 (ratio 1); isolated peaks in a floor of near-zeros raise it steeply.
/// </summary>
public sealed class MusicalNoiseTests
{
    private const int Rate = 48_000;

    [Theory]
    [InlineData("white", 12f, 1.1)]
    [InlineData("pink", 12f, 1.1)]
    [InlineData("white", 24f, 4.0)]
    [InlineData("pink", 24f, 4.0)]
    public void Process_StationaryNoise_ResidualKeepsTheNoisesStatistics(string kind, float reductionDb, double maxRatio)
    {
        var frames = 8 * Rate;
        var noise = kind == "white" ? NoiseMaterial.White(frames, 0.05, seed: 31) : NoiseMaterial.Pink(frames, Rate, 0.05, seed: 32);

        var output = NoiseReductionRunner.RunAligned(new NoiseReductionProcessor(reductionDb), noise, Rate);

        // Settled part only; an analysis STFT (512-point Hann, hop 256) other than the processor's own.
        var from = 3 * Rate;
        var before = Kurtosis(PowerValues(noise.AsSpan(from, output.Length - from)));
        var after = Kurtosis(PowerValues(output.AsSpan(from)));

        var ratio = after / before;
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kind} {reductionDb} dB: kurtosis {before:F2} -> {after:F2}, ratio {ratio:F3}"));
        Assert.Equal(6.0, before, 0.6);
        // At the default 12 dB the residual is the input noise, only quieter (measured ratio 1.00). At 24 dB the floor
        // is low enough that some chance peaks clear it (measured 3.2, against 22 before the 3-bin median was added):
        // docs/vocal.md recommends 18 dB or less where musical noise matters.
        Assert.InRange(ratio, 0.9, maxRatio);
    }

    [Fact]
    public void KurtosisRatio_OfIsolatedPeaks_IsLarge()
    {
        // The measure's own check: keep only the power values above three times the mean (what hard spectral
        // subtraction leaves of Gaussian noise), zero the rest. Isolated peaks like these raise the ratio well past
        // the bound the test above sets.
        var noise = NoiseMaterial.White(4 * Rate, 0.05, seed: 33);
        var power = PowerValues(noise);
        var mean = power.Average();
        var peaks = power.Select(p => p > 3 * mean ? p - (3 * mean) : 0).ToArray();

        var ratio = Kurtosis(peaks) / Kurtosis(power);

        Assert.True(ratio > 3, $"ratio {ratio:F2}");
    }

    private static double Kurtosis(IReadOnlyList<double> values)
    {
        double m2 = 0, m4 = 0;
        foreach (var v in values)
        {
            m2 += v * v;
            m4 += v * v * v * v;
        }

        m2 /= values.Count;
        m4 /= values.Count;
        return m4 / (m2 * m2);
    }

    // Power values of bins 4 to 252 of every frame (away from DC and Nyquist, where the statistics differ), each divided
    // by its bin's mean so that coloured noise pools bins of equal scale.
    private static double[] PowerValues(ReadOnlySpan<float> samples)
    {
        const int Size = 512;
        const int Hop = 256;
        var values = new List<double>();
        var buffer = new Complex[Size];
        for (var start = 0; start + Size <= samples.Length; start += Hop)
        {
            for (var i = 0; i < Size; i++)
            {
                buffer[i] = samples[start + i] * (0.5 - (0.5 * Math.Cos(2 * Math.PI * i / Size)));
            }

            Fourier.Forward(buffer, FourierOptions.Matlab);
            for (var k = 4; k <= 252; k++)
            {
                values.Add(buffer[k].Real * buffer[k].Real + buffer[k].Imaginary * buffer[k].Imaginary);
            }
        }

        const int Bins = 249;
        var means = new double[Bins];
        for (var i = 0; i < values.Count; i++)
        {
            means[i % Bins] += values[i] / (values.Count / Bins);
        }

        var normalised = new double[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            normalised[i] = values[i] / means[i % Bins];
        }

        return normalised;
    }
}
