using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Filters;

namespace AudioPost.Sdk.Tests.Dsp.Filters;

/// <summary>
/// The one- and two-channel fast path (four frames of a channel per vector) against the four-channel path (one frame
/// of four channels per vector): a three-channel filter takes the latter, so its first two channels must match a
/// two-channel filter's to float rounding, block after block, whatever the block lengths.
/// </summary>
public sealed class TptTimeLanesTests
{
    [Theory]
    [InlineData(BiquadType.HighPass, 80.0, 0.7071, 0.0)]
    [InlineData(BiquadType.Peak, 3000.0, 1.0, 3.0)]
    [InlineData(BiquadType.LowShelf, 200.0, 0.7071, -9.0)]
    [InlineData(BiquadType.BandPass, 1000.0, 8.0, 0.0)]
    [InlineData(BiquadType.Notch, 50.0, 30.0, 0.0)]
    public void TwoChannelPathMatchesTheFourLanePath(BiquadType type, double frequency, double q, double gainDb)
    {
        const int Rate = 48_000;
        var stereo = new StateVariableFilter(Rate, 2, 1024);
        var three = new StateVariableFilter(Rate, 3, 1024);
        stereo.SetParameters(type, frequency, q, gainDb);
        three.SetParameters(type, frequency, q, gainDb);
        var random = new Random(5);
        var worst = 0.0;
        foreach (var frames in new[] { 1024, 7, 333, 4, 1, 1000, 2, 1021 })
        {
            var a = new float[2 * frames];
            var b = new float[3 * frames];
            for (var i = 0; i < frames; i++)
            {
                var left = (float)((random.NextDouble() * 2) - 1);
                var right = (float)((random.NextDouble() * 2) - 1);
                (a[i], a[frames + i]) = (left, right);
                (b[i], b[frames + i], b[(2 * frames) + i]) = (left, right, 0.5f);
            }

            stereo.Process(new AudioBlock(a, 2, frames));
            three.Process(new AudioBlock(b, 3, frames));
            for (var i = 0; i < 2 * frames; i++)
            {
                worst = Math.Max(worst, Math.Abs(a[i] - b[i]));
            }
        }

        // Both run in double precision; rounding to float is the only place they may part, by one step at most.
        Assert.True(worst <= 2.5e-7, $"largest difference {worst:E3}");
    }

    [Fact]
    public void StateCarriesAcrossAutomatedAndSteadyBlocks()
    {
        // Per-frame (automated) blocks always take the four-lane path; steady blocks of a stereo filter take the other.
        // Moving between them must not lose the state: compare with a three-channel filter, which never changes path.
        const int Rate = 48_000;
        var stereo = new StateVariableFilter(Rate, 2, 512);
        var three = new StateVariableFilter(Rate, 3, 512);
        stereo.SetParameters(BiquadType.LowPass, 100, 4, 0);
        three.SetParameters(BiquadType.LowPass, 100, 4, 0);
        var frequency = Enumerable.Repeat(100f, 512).ToArray();
        var qs = Enumerable.Repeat(4f, 512).ToArray();
        var gains = new float[512];
        var worst = 0.0;
        for (var round = 0; round < 6; round++)
        {
            var a = new float[2 * 512];
            var b = new float[3 * 512];
            a[0] = a[512] = b[0] = b[512] = round == 0 ? 1f : 0f;
            if (round % 2 == 1)
            {
                stereo.Process(new AudioBlock(a, 2, 512), frequency, qs, gains);
                three.Process(new AudioBlock(b, 3, 512), frequency, qs, gains);
            }
            else
            {
                stereo.Process(new AudioBlock(a, 2, 512));
                three.Process(new AudioBlock(b, 3, 512));
            }

            for (var i = 0; i < 2 * 512; i++)
            {
                worst = Math.Max(worst, Math.Abs(a[i] - b[i]));
            }
        }

        Assert.True(worst <= 1e-7, $"largest difference {worst:E3}");
    }
}
