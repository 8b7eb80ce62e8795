using AudioPost.Sdk.Dsp.Fourier;
using AudioPost.Sdk.Tests.TestUtilities;
using MathNetFourier = MathNet.Numerics.IntegralTransforms.Fourier;
using FourierOptions = MathNet.Numerics.IntegralTransforms.FourierOptions;

namespace AudioPost.Sdk.Tests.Dsp.Fourier;

public sealed class RealFftTests
{
    public static readonly TheoryData<int> Sizes =
        [1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 16, 18, 20, 24, 30, 32, 36, 40, 48, 60, 64, 128, 100, 250, 480, 960, 1024, 1920, 3000, 4096];

    private static double[] RealDft(float[] time)
    {
        var complex = new float[2 * time.Length];
        for (var i = 0; i < time.Length; i++)
        {
            complex[2 * i] = time[i];
        }

        return NaiveDft.Transform(complex, -1).AsSpan(0, 2 * ((time.Length / 2) + 1)).ToArray();
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Forward_RandomInput_MatchesDoublePrecisionDft(int size)
    {
        var time = NaiveDft.Noise(size, size);
        var plan = new RealFft(size);
        var spectrum = new float[plan.SpectrumLength];

        plan.Forward(time, spectrum);

        Assert.Equal((size / 2) + 1, plan.BinCount);
        var error = NaiveDft.RelativeRmsError(spectrum, RealDft(time));
        Assert.True(error < 5e-7, $"relative RMS error {error:E2}");
        Assert.Equal(0f, spectrum[1]);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Inverse_OfForward_ReturnsTheInput(int size)
    {
        var time = NaiveDft.Noise(size, 100 + size);
        var plan = new RealFft(size);
        var spectrum = new float[plan.SpectrumLength];
        var back = new float[size];

        plan.Forward(time, spectrum);
        var copy = (float[])spectrum.Clone();
        plan.Inverse(spectrum, back);

        Assert.Equal(copy, spectrum);
        for (var i = 0; i < size; i++)
        {
            Assert.Equal(time[i], back[i], 2e-6f);
        }
    }

    [Theory]
    [InlineData(16)]
    [InlineData(960)]
    public void Inverse_RandomHermitianSpectrum_MatchesDoublePrecisionDft(int size)
    {
        // Bins 1..N/2−1 random; DC and Nyquist real. The inverse DFT of its Hermitian extension is real.
        var plan = new RealFft(size);
        var spectrum = NaiveDft.Noise(plan.SpectrumLength, 9);
        spectrum[1] = 0f;
        spectrum[size + 1] = 0f;
        var full = new float[2 * size];
        for (var k = 0; k <= size / 2; k++)
        {
            full[2 * k] = spectrum[2 * k];
            full[(2 * k) + 1] = spectrum[(2 * k) + 1];
            if (k > 0 && k < size / 2)
            {
                full[2 * (size - k)] = spectrum[2 * k];
                full[(2 * (size - k)) + 1] = -spectrum[(2 * k) + 1];
            }
        }

        var expected = NaiveDft.Transform(full, +1);
        var real = new double[size];
        for (var i = 0; i < size; i++)
        {
            real[i] = expected[2 * i] / size;
        }

        var time = new float[size];
        plan.Inverse(spectrum, time);

        Assert.True(NaiveDft.RelativeRmsError(time, real) < 5e-7);
    }

    [Fact]
    public void Forward_SineOnBin_HasMagnitudeAmplitudeTimesHalfSize()
    {
        const int Size = 1920;
        const int Bin = 37;
        var time = new float[Size];
        for (var i = 0; i < Size; i++)
        {
            time[i] = 0.5f * MathF.Sin(2 * MathF.PI * Bin * i / Size);
        }

        var plan = new RealFft(Size);
        var spectrum = new float[plan.SpectrumLength];
        plan.Forward(time, spectrum);

        Assert.Equal(0.5 * Size / 2, Math.Sqrt((spectrum[2 * Bin] * spectrum[2 * Bin]) + (spectrum[(2 * Bin) + 1] * spectrum[(2 * Bin) + 1])), 1e-2);
        Assert.Equal(-0.5 * Size / 2, spectrum[(2 * Bin) + 1], 1e-2);
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(4096)]
    public void Forward_RandomInput_SatisfiesParseval(int size)
    {
        var time = NaiveDft.Noise(size, 21);
        var plan = new RealFft(size);
        var spectrum = new float[plan.SpectrumLength];
        plan.Forward(time, spectrum);

        double energy = 0, bins = 0;
        foreach (var x in time)
        {
            energy += (double)x * x;
        }

        for (var k = 0; k <= size / 2; k++)
        {
            // Bins 1..N/2−1 stand for themselves and their mirror images.
            var weight = k == 0 || k == size / 2 ? 1.0 : 2.0;
            bins += weight * ((spectrum[2 * k] * (double)spectrum[2 * k]) + (spectrum[(2 * k) + 1] * (double)spectrum[(2 * k) + 1]));
        }

        Assert.Equal(1.0, bins / size / energy, 1e-5);
    }

    [Theory]
    [InlineData(256)]
    [InlineData(1920)]
    public void Forward_RandomInput_AgreesWithMathNetRealTransform(int size)
    {
        var time = NaiveDft.Noise(size, 31);
        var work = new double[size + 2];
        for (var i = 0; i < size; i++)
        {
            work[i] = time[i];
        }

        MathNetFourier.ForwardReal(work, size, FourierOptions.NoScaling);
        var plan = new RealFft(size);
        var spectrum = new float[plan.SpectrumLength];
        plan.Forward(time, spectrum);

        Assert.True(NaiveDft.RelativeRmsError(spectrum, work) < 5e-7);
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(1920)]
    [InlineData(15)]
    public void Transforms_AfterWarmUp_AllocateNothing(int size)
    {
        var plan = new RealFft(size);
        var time = NaiveDft.Noise(size, 5);
        var spectrum = new float[plan.SpectrumLength];
        AllocationAssert.NoAllocations(_ =>
        {
            plan.Forward(time, spectrum);
            plan.Inverse(spectrum, time);
        }, iterations: 500, warmup: 20);
    }
}
