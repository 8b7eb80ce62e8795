using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Filters;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Dsp.Filters;

/// <summary>The state-variable realisation against the cookbook's transfer functions, and under fast automation.</summary>
public sealed class StateVariableFilterTests
{
    private const int Length = 1 << 14;

    public static TheoryData<BiquadType, int, double, double, double> Settings()
    {
        var data = new TheoryData<BiquadType, int, double, double, double>();
        foreach (var type in Enum.GetValues<BiquadType>())
        {
            data.Add(type, 44_100, 150, 0.7071, 6);
            data.Add(type, 48_000, 1000, 3, -12);
            data.Add(type, 96_000, 12_000, 0.5, 9);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void Process_ImpulseResponse_MatchesTheDirectFormOfTheCookbookDesign(BiquadType type, int sampleRate, double frequency, double q, double gainDb)
    {
        var filter = new StateVariableFilter(sampleRate, 1, 256);
        filter.SetParameters(type, frequency, q, gainDb);
        var measured = FilterProbe.ImpulseResponse(filter.Process, Length);
        var expected = FilterProbe.DirectFormImpulseResponse(BiquadCoefficients.Design(type, sampleRate, frequency, q, gainDb), Length);

        for (var n = 0; n < Length; n++)
        {
            // Float output: rounding of about 6e-8 of the sample's magnitude.
            Assert.True(Math.Abs(measured[n] - expected[n]) < 1e-6, $"{type}: sample {n} is {measured[n]}, expected {expected[n]}");
        }
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void Process_MeasuredMagnitudeAndPhase_MatchTheAnalyticResponse(BiquadType type, int sampleRate, double frequency, double q, double gainDb)
    {
        var filter = new StateVariableFilter(sampleRate, 1, 256);
        filter.SetParameters(type, frequency, q, gainDb);
        var h = FilterProbe.ImpulseResponse(filter.Process, Length);
        var design = BiquadCoefficients.Design(type, sampleRate, frequency, q, gainDb);

        foreach (var f in FilterProbe.Frequencies(sampleRate))
        {
            var expected = design.Response(f, sampleRate);
            var measured = FilterProbe.Dtft(h, f, sampleRate);
            if (FilterProbe.Db(expected) > -60)
            {
                Assert.Equal(FilterProbe.Db(expected), FilterProbe.Db(measured), 1e-3);
                Assert.True(Math.Abs(FilterProbe.PhaseDifference(measured, expected)) < 1e-3, $"{type} phase at {f:F1} Hz");
            }
            else
            {
                Assert.True((measured - expected).Magnitude < 1e-5, $"{type} at {f:F1} Hz");
            }
        }
    }

    [Fact]
    public void Process_SixChannels_EachEqualsAMonoFilter()
    {
        const int Frames = 5000;
        var storage = new float[6 * Frames];
        for (var c = 0; c < 6; c++)
        {
            FilterProbe.Noise(Frames, 0.5f, seed: 10 + c).CopyTo(storage, c * Frames);
        }

        var expected = (float[])storage.Clone();
        var filter = new StateVariableFilter(48_000, 6, 512);
        filter.SetParameters(BiquadType.HighShelf, 3000, 0.8, 5);
        filter.Process(new AudioBlock(storage, 6, Frames));

        var mono = new StateVariableFilter(48_000, 1, 512);
        mono.SetParameters(BiquadType.HighShelf, 3000, 0.8, 5);
        for (var c = 0; c < 6; c++)
        {
            mono.Reset();
            mono.Process(new AudioBlock(expected.AsSpan(c * Frames, Frames), 1, Frames));
        }

        Assert.Equal(expected, storage);
    }

    [Fact]
    public void Process_PerFrameWithConstantValues_EqualsTheFixedSettingBitForBit()
    {
        const int Frames = 1000;
        var fixedRun = FilterProbe.Noise(2 * Frames, 0.5f, seed: 4);
        var automated = (float[])fixedRun.Clone();
        var a = new StateVariableFilter(48_000, 2, 256);
        a.SetParameters(BiquadType.Peak, 440, 2, 7);
        a.Process(new AudioBlock(fixedRun, 2, Frames));

        var b = new StateVariableFilter(48_000, 2, 256);
        b.SetParameters(BiquadType.Peak, 100, 1, 0);
        var f = Enumerable.Repeat(440f, Frames).ToArray();
        var q = Enumerable.Repeat(2f, Frames).ToArray();
        var g = Enumerable.Repeat(7f, Frames).ToArray();
        b.Process(new AudioBlock(automated, 2, Frames), f, q, g);

        Assert.Equal(fixedRun, automated);
        Assert.Equal(440, b.Frequency);
    }

    /// <summary>
    /// Loud white noise (+20 dBFS) through every type while frequency (10 Hz to 0.49·fs), Q (0.1 to 40) and gain
    /// (±30 dB) jump to random values every sample, then every 64-frame block: the output stays finite and bounded.
    /// </summary>
    [Theory]
    [InlineData(44_100, 1)]
    [InlineData(48_000, 64)]
    [InlineData(96_000, 1)]
    [InlineData(96_000, 64)]
    public void Process_RandomParametersEverySampleOrBlock_StaysFiniteAndBounded(int sampleRate, int holdFrames)
    {
        const int Frames = 1 << 16;
        const float Amplitude = 10f;
        var random = new Random(sampleRate + holdFrames);
        foreach (var type in Enum.GetValues<BiquadType>())
        {
            var f = new float[Frames];
            var q = new float[Frames];
            var g = new float[Frames];
            for (var i = 0; i < Frames; i++)
            {
                if (i % holdFrames == 0)
                {
                    f[i] = (float)(10 * Math.Pow(0.49 * sampleRate / 10, random.NextDouble()));
                    q[i] = (float)(0.1 * Math.Pow(400, random.NextDouble()));
                    g[i] = (float)((60 * random.NextDouble()) - 30);
                }
                else
                {
                    (f[i], q[i], g[i]) = (f[i - 1], q[i - 1], g[i - 1]);
                }
            }

            var signal = FilterProbe.Noise(Frames, Amplitude, seed: (int)type);
            var filter = new StateVariableFilter(sampleRate, 1, 512);
            filter.SetParameters(type, 1000, 1, 0);
            filter.Process(new AudioBlock(signal, 1, Frames), f, q, g);

            // A Q-40 resonance holds up to 40x the input in its states, and the mix can add a shelf's +30 dB (x31.6):
            // anything beyond that product would be energy the structure created, i.e. instability.
            var peak = 0f;
            foreach (var y in signal)
            {
                Assert.True(float.IsFinite(y), $"{type}: non-finite output");
                peak = Math.Max(peak, Math.Abs(y));
            }

            Assert.True(peak < Amplitude * 31.7f * 40, $"{type}: peak {peak}");

            // A stable filter forgets: one second of silence at a fixed setting leaves nothing behind.
            var silence = new float[sampleRate];
            filter.SetParameters(type, 1000, 1, 6);
            filter.Process(new AudioBlock(silence, 1, sampleRate));
            Assert.True(Math.Abs(silence[^1]) < 1e-6, $"{type}: still {silence[^1]} after a second of silence");
        }
    }

    /// <summary>
    /// The control for the test above: the same cookbook coefficients run as a transposed direct form II, with the
    /// same random jumps every sample, leave the bound (or overflow), so the scenario is one a filter can fail.
    /// </summary>
    [Fact]
    public void DirectForm_SameRandomParametersEverySample_LeavesTheBound()
    {
        const int Rate = 48_000;
        const int Frames = 1 << 16;
        const float Amplitude = 10f;
        var random = new Random(Rate + 1);
        var signal = FilterProbe.Noise(Frames, Amplitude, seed: (int)BiquadType.LowPass);
        double s1 = 0, s2 = 0, peak = 0;
        for (var i = 0; i < Frames; i++)
        {
            var f = 10 * Math.Pow(0.49 * Rate / 10, random.NextDouble());
            var q = 0.1 * Math.Pow(400, random.NextDouble());
            var g = (60 * random.NextDouble()) - 30;
            var c = BiquadCoefficients.Design(BiquadType.LowPass, Rate, f, q, g);
            double x = signal[i];
            var y = (c.B0 * x) + s1;
            s1 = (c.B1 * x) - (c.A1 * y) + s2;
            s2 = (c.B2 * x) - (c.A2 * y);
            peak = double.IsFinite(y) ? Math.Max(peak, Math.Abs(y)) : double.PositiveInfinity;
        }

        Assert.True(peak >= Amplitude * 31.7 * 40, $"the direct form stayed within {peak}");
    }

    [Fact]
    public void Process_NaNAndOutOfRangeParameters_AreClampedNotPropagated()
    {
        var signal = FilterProbe.Noise(512, 0.5f, seed: 2);
        var filter = new StateVariableFilter(48_000, 1, 512);
        filter.SetParameters(BiquadType.LowPass, 1000, 1);
        float[] f = [.. Enumerable.Repeat(float.NaN, 256), .. Enumerable.Repeat(1e9f, 256)];
        float[] q = [.. Enumerable.Repeat(0f, 256), .. Enumerable.Repeat(float.PositiveInfinity, 256)];
        var g = Enumerable.Repeat(float.NegativeInfinity, 512).ToArray();

        filter.Process(new AudioBlock(signal, 1, 512), f, q, g);

        Assert.All(signal, y => Assert.True(float.IsFinite(y)));
    }

    [Fact]
    public void Process_AutomatedStereo_AllocatesNothing()
    {
        var filter = new StateVariableFilter(48_000, 2, 256);
        filter.SetParameters(BiquadType.Peak, 1000, 1, 6);
        var storage = FilterProbe.Noise(2 * 256, 0.5f, seed: 5);
        var f = Enumerable.Range(0, 256).Select(i => 500f + i).ToArray();
        var q = Enumerable.Repeat(1f, 256).ToArray();
        var g = Enumerable.Repeat(3f, 256).ToArray();
        AllocationAssert.NoAllocations(i =>
        {
            if ((i & 1) == 0)
            {
                filter.Process(new AudioBlock(storage, 2, 256), f, q, g);
            }
            else
            {
                filter.SetParameters(BiquadType.LowShelf, 200 + i % 50, 0.7, -3);
                filter.Process(new AudioBlock(storage, 2, 256));
            }
        });
    }
}
