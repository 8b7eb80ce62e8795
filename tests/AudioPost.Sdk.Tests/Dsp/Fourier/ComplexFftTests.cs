using AudioPost.Sdk.Dsp.Fourier;
using AudioPost.Sdk.Tests.TestUtilities;
using MathNetFourier = MathNet.Numerics.IntegralTransforms.Fourier;
using FourierOptions = MathNet.Numerics.IntegralTransforms.FourierOptions;
using Complex = System.Numerics.Complex;

namespace AudioPost.Sdk.Tests.Dsp.Fourier;

public sealed class ComplexFftTests
{
    public static readonly TheoryData<int> Sizes =
        [1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 20, 25, 27, 30, 32, 45, 60, 64, 75, 120, 125, 128, 240, 256, 480, 960, 1024, 1920, 3000, 4096];

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Forward_RandomInput_MatchesDoublePrecisionDft(int size)
    {
        var input = NaiveDft.Noise(2 * size, size);
        var expected = NaiveDft.Transform(input, -1);
        var output = new float[2 * size];

        new ComplexFft(size).Forward(input, output);

        // Single precision: the error of a good FFT grows like sqrt(log N) × 6e-8.
        Assert.True(NaiveDft.RelativeRmsError(output, expected) < 5e-7, $"relative RMS error {NaiveDft.RelativeRmsError(output, expected):E2}");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Inverse_RandomSpectrum_MatchesScaledDoublePrecisionDft(int size)
    {
        var input = NaiveDft.Noise(2 * size, 1000 + size);
        var expected = NaiveDft.Transform(input, +1);
        for (var i = 0; i < expected.Length; i++)
        {
            expected[i] /= size;
        }

        var output = new float[2 * size];
        new ComplexFft(size).Inverse(input, output);

        Assert.True(NaiveDft.RelativeRmsError(output, expected) < 5e-7);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(16)]
    [InlineData(60)]
    [InlineData(1920)]
    [InlineData(4096)]
    public void ForwardThenInverse_InPlace_ReturnsTheInput(int size)
    {
        var input = NaiveDft.Noise(2 * size, 7);
        var data = (float[])input.Clone();
        var plan = new ComplexFft(size);

        plan.Forward(data);
        plan.Inverse(data);

        for (var i = 0; i < data.Length; i++)
        {
            Assert.Equal(input[i], data[i], 1e-5f);
        }
    }

    [Theory]
    [InlineData(64)]
    [InlineData(480)]
    [InlineData(4096)]
    public void Forward_RandomInput_SatisfiesParseval(int size)
    {
        var input = NaiveDft.Noise(2 * size, 3);
        var output = new float[2 * size];
        new ComplexFft(size).Forward(input, output);

        double time = 0, frequency = 0;
        for (var i = 0; i < input.Length; i++)
        {
            time += (double)input[i] * input[i];
            frequency += (double)output[i] * output[i];
        }

        Assert.Equal(1.0, frequency / size / time, 1e-5);
    }

    [Theory]
    [InlineData(256)]
    [InlineData(1024)]
    [InlineData(1920)]
    [InlineData(3000)]
    public void Forward_RandomInput_AgreesWithMathNet(int size)
    {
        var input = NaiveDft.Noise(2 * size, 11);
        var reference = new Complex[size];
        for (var i = 0; i < size; i++)
        {
            reference[i] = new Complex(input[2 * i], input[(2 * i) + 1]);
        }

        MathNetFourier.Forward(reference, FourierOptions.NoScaling);
        var expected = new double[2 * size];
        for (var i = 0; i < size; i++)
        {
            expected[2 * i] = reference[i].Real;
            expected[(2 * i) + 1] = reference[i].Imaginary;
        }

        var output = new float[2 * size];
        new ComplexFft(size).Forward(input, output);

        Assert.True(NaiveDft.RelativeRmsError(output, expected) < 5e-7);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(0)]
    [InlineData(22)]
    [InlineData(-4)]
    public void Constructor_UnsupportedSize_Throws(int size)
    {
        Assert.False(ComplexFft.IsSupportedSize(size));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ComplexFft(size));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 8)]
    [InlineData(11, 12)]
    [InlineData(13, 15)]
    [InlineData(1024, 1024)]
    [InlineData(1025, 1080)]
    public void NextSupportedSize_SkipsOtherPrimes(int minimum, int expected) =>
        Assert.Equal(expected, ComplexFft.NextSupportedSize(minimum));

    [Fact]
    public void Forward_ShortSpan_Throws() =>
        Assert.Throws<ArgumentException>(() => new ComplexFft(16).Forward(new float[31], new float[32]));

    [Theory]
    [InlineData(1024)]
    [InlineData(1920)]
    public void Transforms_AfterWarmUp_AllocateNothing(int size)
    {
        var plan = new ComplexFft(size);
        var data = NaiveDft.Noise(2 * size, 5);
        var output = new float[2 * size];
        AllocationAssert.NoAllocations(_ =>
        {
            plan.Forward(data, output);
            plan.Inverse(output, data);
            plan.Forward(data);
            plan.Inverse(data);
        }, iterations: 500, warmup: 20);
    }
}
