using System.Numerics;
using AudioPost.Sdk.Dsp.Filters;

namespace AudioPost.Sdk.Tests.Dsp.Filters;

/// <summary>The cookbook designs against their analog prototypes and their defining landmarks.</summary>
public sealed class BiquadCoefficientsTests
{
    public static TheoryData<BiquadType, int, double, double, double> Designs()
    {
        var data = new TheoryData<BiquadType, int, double, double, double>();
        foreach (var type in Enum.GetValues<BiquadType>())
        {
            data.Add(type, 44_100, 100, 0.7071, 6);
            data.Add(type, 48_000, 1000, 2.5, -9);
            data.Add(type, 96_000, 15_000, 0.4, 12);
        }

        return data;
    }

    /// <summary>The cookbook's analog prototype, at normalised frequency s = jΩ (Ω = 1 at the design frequency).</summary>
    private static Complex Prototype(BiquadType type, Complex s, double q, double gainDb)
    {
        var a = Math.Pow(10, gainDb / 40);
        var rootA = Math.Sqrt(a);
        var s2 = s * s;
        var denominator = s2 + (s / q) + 1;
        return type switch
        {
            BiquadType.LowPass => 1 / denominator,
            BiquadType.HighPass => s2 / denominator,
            BiquadType.BandPass => s / q / denominator,
            BiquadType.Notch => (s2 + 1) / denominator,
            BiquadType.AllPass => (s2 - (s / q) + 1) / denominator,
            BiquadType.Peak => (s2 + (s * a / q) + 1) / (s2 + (s / (a * q)) + 1),
            BiquadType.LowShelf => a * (s2 + (rootA * s / q) + a) / ((a * s2) + (rootA * s / q) + 1),
            BiquadType.HighShelf => a * ((a * s2) + (rootA * s / q) + 1) / (s2 + (rootA * s / q) + a),
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };
    }

    [Theory]
    [MemberData(nameof(Designs))]
    public void Response_EqualsTheBilinearTransformOfTheAnalogPrototype(BiquadType type, int sampleRate, double frequency, double q, double gainDb)
    {
        var coefficients = BiquadCoefficients.Design(type, sampleRate, frequency, q, gainDb);
        var warp = Math.Tan(Math.PI * frequency / sampleRate);
        foreach (var f in FilterProbe.Frequencies(sampleRate))
        {
            var expected = Prototype(type, new Complex(0, Math.Tan(Math.PI * f / sampleRate) / warp), q, gainDb);
            var actual = coefficients.Response(f, sampleRate);

            Assert.True((actual - expected).Magnitude <= 1e-9 * Math.Max(1, expected.Magnitude), $"{type} at {f:F1} Hz: {actual} vs {expected}");
        }
    }

    [Theory]
    [InlineData(44_100)]
    [InlineData(48_000)]
    [InlineData(96_000)]
    public void Design_Landmarks_HoldAtEverySampleRate(int rate)
    {
        Assert.Equal(7.5, BiquadCoefficients.Design(BiquadType.Peak, rate, 2000, 1.4, 7.5).MagnitudeDb(2000, rate), 9);
        Assert.Equal(-20.0, BiquadCoefficients.Design(BiquadType.Peak, rate, 2000, 1.4, -20).MagnitudeDb(2000, rate), 9);
        Assert.Equal(-3.0103, BiquadCoefficients.Design(BiquadType.LowPass, rate, 5000, Math.Sqrt(0.5)).MagnitudeDb(5000, rate), 4);
        Assert.Equal(-3.0103, BiquadCoefficients.Design(BiquadType.HighPass, rate, 60, Math.Sqrt(0.5)).MagnitudeDb(60, rate), 4);
        Assert.Equal(0.0, BiquadCoefficients.Design(BiquadType.BandPass, rate, 700, 3).MagnitudeDb(700, rate), 9);

        // Shelves: the full gain at the far end, half of it (in dB) at the corner.
        var low = BiquadCoefficients.Design(BiquadType.LowShelf, rate, 200, 0.7071, 8);
        Assert.Equal(8.0, low.MagnitudeDb(0, rate), 9);
        Assert.Equal(4.0, low.MagnitudeDb(200, rate), 9);
        Assert.Equal(0.0, low.MagnitudeDb(rate / 2.0, rate), 9);
        var high = BiquadCoefficients.Design(BiquadType.HighShelf, rate, 6000, 0.7071, -10);
        Assert.Equal(0.0, high.MagnitudeDb(0, rate), 9);
        Assert.Equal(-5.0, high.MagnitudeDb(6000, rate), 9);
        Assert.Equal(-10.0, high.MagnitudeDb(rate / 2.0, rate), 9);

        // Notch: a zero on the unit circle. All-pass: unit magnitude, half a turn at the centre.
        Assert.True(BiquadCoefficients.Design(BiquadType.Notch, rate, 1000, 5).Response(1000, rate).Magnitude < 1e-12);
        var allPass = BiquadCoefficients.Design(BiquadType.AllPass, rate, 1000, 0.9);
        Assert.Equal(Math.PI, Math.Abs(allPass.PhaseRadians(1000, rate)), 9);
        Assert.Equal(0.0, allPass.MagnitudeDb(123, rate), 9);
    }

    [Fact]
    public void Design_OutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BiquadCoefficients.Design(BiquadType.Peak, 48_000, 24_000, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BiquadCoefficients.Design(BiquadType.Peak, 48_000, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BiquadCoefficients.Design(BiquadType.Peak, 48_000, 1000, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BiquadCoefficients.Design(BiquadType.Peak, 48_000, 1000, 1, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => BiquadCoefficients.Design((BiquadType)99, 48_000, 1000, 1));
    }
}
