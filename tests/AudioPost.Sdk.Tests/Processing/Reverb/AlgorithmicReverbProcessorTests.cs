using AudioPost.Sdk.Dsp.Fourier;
using AudioPost.Sdk.Processing.Reverb;

namespace AudioPost.Sdk.Tests.Processing.Reverb;

public sealed class AlgorithmicReverbProcessorTests
{
    private const int Rate = 48_000;

    private static AlgorithmicReverbProcessor WetOnly(float low, float high, float modulation = 0f)
    {
        var reverb = new AlgorithmicReverbProcessor(low, high);
        reverb.Wet.Value = 0f;
        reverb.Dry.Value = -144f;
        reverb.PreDelay.Value = 0f;
        reverb.Modulation.Value = modulation;
        return reverb;
    }

    private static float[][] ImpulseResponse(AlgorithmicReverbProcessor reverb, double seconds)
    {
        var impulse = new float[(int)(seconds * Rate)];
        impulse[0] = 1f;

        // Prepare and snap the glides before the impulse, so the response is the settings' alone.
        reverb.Prepare(new Sdk.Processing.ProcessSpec(Rate, 256, 1));
        reverb.Reset();
        return ProcessorRunner.Run(reverb, [impulse], Rate, 256);
    }

    /// <summary>RT60 from Schroeder's backward integration of h², fitted by least squares between −5 and −35 dB.</summary>
    internal static double SchroederRt60(float[] h, int sampleRate)
    {
        var edc = new double[h.Length];
        double sum = 0;
        for (var n = h.Length - 1; n >= 0; n--)
        {
            sum += (double)h[n] * h[n];
            edc[n] = sum;
        }

        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        var count = 0;
        for (var n = 0; n < h.Length; n++)
        {
            var db = 10 * Math.Log10(edc[n] / edc[0]);
            if (db > -5)
            {
                continue;
            }

            if (db < -35)
            {
                break;
            }

            var t = (double)n / sampleRate;
            sx += t;
            sy += db;
            sxx += t * t;
            sxy += t * db;
            count++;
        }

        var slope = ((count * sxy) - (sx * sy)) / ((count * sxx) - (sx * sx));
        return -60 / slope;
    }

    /// <summary>The part of <paramref name="h"/> between two frequencies (zero-phase FFT brick wall, zero-padded against wrap-around).</summary>
    private static float[] Band(float[] h, double lowHz, double highHz)
    {
        var size = ComplexFft.NextSupportedSize(2 * h.Length);
        var fft = new RealFft(size);
        var time = new float[size];
        h.CopyTo(time, 0);
        var spectrum = new float[fft.SpectrumLength];
        fft.Forward(time, spectrum);
        for (var k = 0; k < fft.BinCount; k++)
        {
            var hz = (double)k * Rate / size;
            if (hz < lowHz || hz > highHz)
            {
                spectrum[2 * k] = 0f;
                spectrum[(2 * k) + 1] = 0f;
            }
        }

        fft.Inverse(spectrum, time);
        return time.AsSpan(0, h.Length).ToArray();
    }

    [Theory]
    [InlineData(0.5f)]
    [InlineData(1.5f)]
    [InlineData(4f)]
    public void ImpulseResponse_FlatDecay_MeasuredRt60WithinTenPercent(float rt60)
    {
        var h = ImpulseResponse(WetOnly(rt60, rt60), (1.2 * rt60) + 0.3);

        foreach (var channel in h)
        {
            var measured = SchroederRt60(channel, Rate);
            Assert.InRange(measured, 0.95 * rt60, 1.05 * rt60);
        }
    }

    [Fact]
    public void ImpulseResponse_WithModulation_MeasuredRt60WithinTenPercent()
    {
        var h = ImpulseResponse(WetOnly(2f, 2f, modulation: 1f), 2.7);
        Assert.InRange(SchroederRt60(h[0], Rate), 1.8, 2.2);
    }

    [Fact]
    public void ImpulseResponse_DampedHighs_LowAndHighBandsFollowTheirSettings()
    {
        var reverb = WetOnly(3f, 0.6f);
        reverb.Damping.Value = 2000f;
        var h = ImpulseResponse(reverb, 3.9)[0];

        var low = SchroederRt60(Band(h, 60, 250), Rate);
        var high = SchroederRt60(Band(h, 10_000, 16_000), Rate);

        Assert.InRange(low, 2.7, 3.3);
        Assert.InRange(high, 0.6 * 0.9, 0.6 * 1.2);
    }

    [Fact]
    public void ImpulseResponse_Stereo_OutputsAreDecorrelated()
    {
        var h = ImpulseResponse(WetOnly(1.5f, 1.5f, 0.3f), 1.5);
        double lr = 0, ll = 0, rr = 0;
        for (var n = Rate / 20; n < h[0].Length; n++)
        {
            lr += h[0][n] * (double)h[1][n];
            ll += h[0][n] * (double)h[0][n];
            rr += h[1][n] * (double)h[1][n];
        }

        var rho = lr / Math.Sqrt(ll * rr);
        Assert.InRange(rho, -0.1, 0.1);

        // Both sides carry the reverb at about the same level (within 1.5 dB).
        Assert.InRange(10 * Math.Log10(ll / rr), -1.5, 1.5);
    }

    [Theory]
    [InlineData(30f, 30f, 0.25f, 0f, 200f)]
    [InlineData(30f, 30f, 2f, 2f, 16_000f)]
    [InlineData(30f, 0.1f, 0.25f, 2f, 200f)]
    [InlineData(0.1f, 30f, 2f, 0f, 16_000f)]
    [InlineData(0.1f, 0.1f, 1f, 2f, 4000f)]
    [InlineData(30f, 30f, 1f, 2f, 200f)]
    [InlineData(30f, 30f, 0.25f, 2f, 16_000f)]
    public void Process_ExtremeSettings_EnergyOnlyDecays(float low, float high, float size, float modulation, float damping)
    {
        var reverb = WetOnly(low, high, modulation);
        reverb.Size.Value = size;
        reverb.Damping.Value = damping;
        var input = ProcessorRunner.Noise(3 * Rate, 8);
        input.AsSpan(Rate / 5).Clear();

        var output = ProcessorRunner.Run(reverb, [input, input], Rate, 256);

        // After the burst (and the longest line, 190 ms), every 250 ms window holds no more energy than the last.
        var previous = double.MaxValue;
        for (var start = Rate / 2; start + (Rate / 4) <= input.Length; start += Rate / 4)
        {
            double energy = 0;
            for (var n = start; n < start + (Rate / 4); n++)
            {
                Assert.True(float.IsFinite(output[0][n]) && float.IsFinite(output[1][n]));
                energy += (output[0][n] * (double)output[0][n]) + (output[1][n] * (double)output[1][n]);
            }

            Assert.True(energy <= previous * 1.01, $"window at {start}: {energy} after {previous}");
            previous = energy;
        }
    }

    [Fact]
    public void TailFrames_CoverOneAndAHalfTimesTheLongerDecay()
    {
        var reverb = new AlgorithmicReverbProcessor(2f, 1f);
        reverb.Prepare(new Sdk.Processing.ProcessSpec(Rate, 256, 2));
        Assert.InRange(reverb.TailFrames, 3 * Rate, 4 * Rate);
        Assert.Equal(0, ((Sdk.Processing.IAudioNode)reverb).LatencyFrames);
    }

    [Fact]
    public void GetOutputChannelCount_MonoOrStereoIn_StereoOut()
    {
        var reverb = new AlgorithmicReverbProcessor();
        Assert.Equal(2, reverb.GetOutputChannelCount(1));
        Assert.Equal(2, reverb.GetOutputChannelCount(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => reverb.GetOutputChannelCount(6));
    }
}
