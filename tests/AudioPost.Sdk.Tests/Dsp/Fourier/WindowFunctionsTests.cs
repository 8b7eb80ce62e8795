using AudioPost.Sdk.Dsp.Fourier;

namespace AudioPost.Sdk.Tests.Dsp.Fourier;

public sealed class WindowFunctionsTests
{
    [Fact]
    public void Hann_Periodic_SumsToOneAtHalfOverlap()
    {
        var window = new float[512];
        WindowFunctions.Hann(window);
        for (var i = 0; i < 256; i++)
        {
            Assert.Equal(1f, window[i] + window[i + 256], 1e-6f);
        }

        Assert.Equal(0f, window[0]);
        Assert.Equal(1f, window[256], 1e-7f);
    }

    [Theory]
    [InlineData(WindowSymmetry.Symmetric)]
    [InlineData(WindowSymmetry.Periodic)]
    public void Windows_AreSymmetricAboutTheirCentre(WindowSymmetry symmetry)
    {
        // A periodic window of N is symmetric about N/2 (w[n] = w[N−n]); a symmetric one about (N−1)/2.
        const int N = 101;
        var shift = symmetry == WindowSymmetry.Periodic ? 0 : 1;
        foreach (var fill in new Action<float[]>[]
        {
            w => WindowFunctions.Hann(w, symmetry),
            w => WindowFunctions.Hamming(w, symmetry),
            w => WindowFunctions.BlackmanHarris(w, symmetry),
            w => WindowFunctions.Kaiser(w, 8.6, symmetry),
        })
        {
            var window = new float[N];
            fill(window);
            for (var n = 1; n < N; n++)
            {
                Assert.Equal(window[n], window[N - n - shift], 1e-6f);
            }
        }
    }

    [Fact]
    public void Hamming_Symmetric_EndsAt008AndPeaksAtOne()
    {
        var window = new float[65];
        WindowFunctions.Hamming(window, WindowSymmetry.Symmetric);
        Assert.Equal(0.08f, window[0], 1e-6f);
        Assert.Equal(0.08f, window[64], 1e-6f);
        Assert.Equal(1f, window[32], 1e-6f);
    }

    [Fact]
    public void BlackmanHarris_HighestSidelobe_IsBelowMinus90Db()
    {
        // Zero-padded 16x, the spectrum's highest sidelobe (beyond the ±4-bin main lobe) is the window's.
        const int N = 256;
        var window = new float[N];
        WindowFunctions.BlackmanHarris(window);
        Assert.True(HighestSidelobeDb(window, mainLobeBins: 4) < -91.0);
    }

    [Theory]
    [InlineData(5.0, -36.0, -38.0)]
    [InlineData(8.6, -62.0, -66.0)]
    public void Kaiser_SidelobeLevel_FollowsBeta(double beta, double above, double below)
    {
        var window = new float[255];
        WindowFunctions.Kaiser(window, beta);
        // Main-lobe half width of a Kaiser window: sqrt(1 + (β/π)²) bins.
        var level = HighestSidelobeDb(window, Math.Sqrt(1 + Math.Pow(beta / Math.PI, 2)) * 1.05);
        Assert.InRange(level, below, above);
    }

    [Fact]
    public void Kaiser_BetaZero_IsRectangular()
    {
        var window = new float[8];
        WindowFunctions.Kaiser(window, 0);
        Assert.All(window, w => Assert.Equal(1f, w));
    }

    [Fact]
    public void LengthOne_IsOne()
    {
        var window = new float[1];
        WindowFunctions.Hann(window);
        Assert.Equal(1f, window[0]);
    }

    private static double HighestSidelobeDb(float[] window, double mainLobeBins)
    {
        const int Pad = 16;
        var size = ComplexFft.NextSupportedSize(window.Length * Pad);
        var plan = new RealFft(size);
        var time = new float[size];
        window.CopyTo(time, 0);
        var spectrum = new float[plan.SpectrumLength];
        plan.Forward(time, spectrum);
        var peak = Math.Abs(spectrum[0]);
        double highest = 0;
        var firstSidelobeBin = (int)Math.Ceiling(mainLobeBins * size / window.Length);
        for (var k = firstSidelobeBin; k < plan.BinCount; k++)
        {
            highest = Math.Max(highest, Math.Sqrt((spectrum[2 * k] * (double)spectrum[2 * k]) + (spectrum[(2 * k) + 1] * (double)spectrum[(2 * k) + 1])));
        }

        return 20 * Math.Log10(highest / peak);
    }
}
