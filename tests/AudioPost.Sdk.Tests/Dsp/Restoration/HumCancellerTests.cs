using System.Globalization;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Restoration;

namespace AudioPost.Sdk.Tests.Dsp.Restoration;

/// <summary>
/// <see cref="HumCanceller"/> against a plain reference of the same model (every harmonic's oscillator from
/// <c>Math.SinCos(k·φ)</c> each frame, the LMS step harmonic by harmonic, in doubles), and its cancellation of a hum
/// series measured at the hum's frequencies.
/// </summary>
public sealed class HumCancellerTests
{
    private const int Rate = 48_000;

    // Harmonic counts below, at and off the vector width (4), on one and two channels; blocks of ragged sizes so that
    // segments end at block edges, at tracking hops (every 240 frames) and at the table length (256) in every mix.
    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(8, 1)]
    [InlineData(8, 2)]
    [InlineData(13, 2)]
    public void Process_MatchesThePlainReferenceModel(int harmonics, int channels)
    {
        const int Frames = 2 * Rate;
        var input = HummingNoise(Frames, channels, 50.0, harmonics);
        var expected = Reference(input, Frames, channels, 50.0, harmonics, bandwidthHz: 2.0);

        var canceller = new HumCanceller(Rate, channels, 50.0, harmonics, trackingRangeHz: 0);
        var actual = (float[])input.Clone();
        var amounts = new float[1024];
        Array.Fill(amounts, 0.75f);
        var random = new Random(3);
        for (var at = 0; at < Frames;)
        {
            var length = Math.Min(Frames - at, 1 + random.Next(1024));
            canceller.Process(new AudioBlock(actual, channels, Frames, Frames).Slice(at, length), amounts, 2.0);
            at += length;
        }

        var largest = 0.0;
        for (var i = 0; i < actual.Length; i++)
        {
            largest = Math.Max(largest, Math.Abs(actual[i] - expected[i]));
        }

        // The oscillators come from phasors re-seeded every segment instead of a sine per frame: a few ulps of double
        // apart, far below one float step of the output.
        Assert.True(largest < 1e-6, $"largest difference {largest:E2}");
    }

    // Fixed at the true frequency, the lines fall to the noise (measured 77 to 118 dB). With the frequency-locked loop
    // on, its estimate wanders a little in the noise, and harmonic k sees k times the wander: measured 50 dB on the
    // fundamental down to 30 dB on the eighth. That is the price of following a drifting real mains.
    [Theory]
    [InlineData(0.0, 70.0)]
    [InlineData(0.5, 27.0)]
    public void Process_RemovesAFiftyHertzSeries(double trackingRangeHz, double minimumReductionDb)
    {
        const int Frames = 4 * Rate;
        var input = HummingNoise(Frames, 1, 50.0, 8);
        var output = (float[])input.Clone();
        var canceller = new HumCanceller(Rate, 1, 50.0, 8, trackingRangeHz);
        var amounts = new float[512];
        Array.Fill(amounts, 1f);
        for (var at = 0; at < Frames; at += 512)
        {
            canceller.Process(new AudioBlock(output, 1, Frames, Frames).Slice(at, 512), amounts, 2.0);
        }

        // The last two seconds, after learning: the hum lines against what was there before.
        var reductions = new double[8];
        for (var k = 1; k <= 8; k++)
        {
            reductions[k - 1] = 10 * Math.Log10(LinePower(input, 2 * Rate, Frames, 50.0 * k) / LinePower(output, 2 * Rate, Frames, 50.0 * k));
        }

        var text = string.Join(", ", reductions.Select(r => r.ToString("F1", CultureInfo.InvariantCulture)));
        TestContext.Current.TestOutputHelper?.WriteLine($"reduction per harmonic, dB: {text}");
        Assert.True(reductions.Min() > minimumReductionDb, $"reduction per harmonic, dB: {text}");
    }

    // Hum of the given series (amplitude 0.1 / k, a phase per harmonic and channel) over white noise at −60 dBFS RMS.
    private static float[] HummingNoise(int frames, int channels, double fundamentalHz, int harmonics)
    {
        var random = new Random(11);
        var signal = new float[frames * channels];
        for (var c = 0; c < channels; c++)
        {
            var phases = Enumerable.Range(0, harmonics).Select(_ => random.NextDouble() * 2 * Math.PI).ToArray();
            for (var n = 0; n < frames; n++)
            {
                var x = 0.001 * Math.Sqrt(3) * ((random.NextDouble() * 2) - 1);
                for (var k = 1; k <= harmonics && k * fundamentalHz < 0.45 * Rate; k++)
                {
                    x += 0.1 / k * Math.Sin((2 * Math.PI * fundamentalHz * k * n / Rate) + phases[k - 1]);
                }

                signal[(c * frames) + n] = (float)x;
            }
        }

        return signal;
    }

    // The model as the class documents it, written plainly: frame by frame, every harmonic from its own sine and
    // cosine, the weights learning on the fully cancelled error, amount 0.75 subtracted.
    private static float[] Reference(float[] input, int frames, int channels, double fundamentalHz, int harmonics, double bandwidthHz)
    {
        var output = (float[])input.Clone();
        var mu2 = 2 * Math.PI * bandwidthHz / Rate;
        var a = new double[channels * harmonics];
        var b = new double[channels * harmonics];
        var phase = 0.0;
        for (var n = 0; n < frames; n++)
        {
            for (var c = 0; c < channels; c++)
            {
                var hum = 0.0;
                for (var k = 0; k < harmonics; k++)
                {
                    var (sin, cos) = Math.SinCos((k + 1) * phase);
                    hum += (a[(c * harmonics) + k] * cos) + (b[(c * harmonics) + k] * sin);
                }

                var x = (double)input[(c * frames) + n];
                var step = mu2 * (x - hum);
                for (var k = 0; k < harmonics; k++)
                {
                    var (sin, cos) = Math.SinCos((k + 1) * phase);
                    a[(c * harmonics) + k] += step * cos;
                    b[(c * harmonics) + k] += step * sin;
                }

                output[(c * frames) + n] = (float)(x - (0.75 * hum));
            }

            phase += 2 * Math.PI * fundamentalHz / Rate;
            if (phase >= 2 * Math.PI)
            {
                phase -= 2 * Math.PI;
            }
        }

        return output;
    }

    // Power of the component at frequencyHz over [start, end) by correlation with a sine and a cosine (whole periods
    // of 50 Hz in the span, so neighbouring harmonics do not leak in).
    private static double LinePower(float[] signal, int start, int end, double frequencyHz)
    {
        double re = 0, im = 0;
        for (var n = start; n < end; n++)
        {
            var (sin, cos) = Math.SinCos(2 * Math.PI * frequencyHz * n / Rate);
            re += signal[n] * cos;
            im += signal[n] * sin;
        }

        var length = end - start;
        return ((re * re) + (im * im)) / ((double)length * length);
    }
}
