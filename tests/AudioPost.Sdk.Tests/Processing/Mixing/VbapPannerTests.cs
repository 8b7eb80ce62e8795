using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Mixing;

namespace AudioPost.Sdk.Tests.Processing.Mixing;

public sealed class VbapPannerTests
{
    public static TheoryData<string> Layouts => ["5.1", "7.1", "7.1.4", "5.0", "quad", "5.1-back"];

    private static double Power(ReadOnlySpan<float> gains, ChannelLayout layout)
    {
        var sum = 0.0;
        for (var c = 0; c < gains.Length; c++)
        {
            if (layout[c] != ChannelRole.LowFrequency)
            {
                sum += (double)gains[c] * gains[c];
            }
        }

        return sum;
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void ComputeGains_EveryDirectionAndSpread_KeepsUnitPower(string name)
    {
        var layout = ChannelLayout.Parse(name);
        var panner = new VbapPanner(layout);
        var gains = new float[layout.Count];
        for (var azimuth = -180f; azimuth <= 180f; azimuth += 2.5f)
        {
            for (var elevation = 0f; elevation <= 90f; elevation += 7.5f)
            {
                foreach (var spread in (float[])[0f, 20f, 90f, 180f])
                {
                    panner.ComputeGains(azimuth, elevation, spread, gains);
                    Assert.Equal(1.0, Power(gains, layout), 1e-6);
                    Assert.All(gains, g => Assert.True(g >= 0f));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void ComputeGains_AtASpeakersDirection_FeedsThatSpeakerOnly(string name)
    {
        var layout = ChannelLayout.Parse(name);
        var panner = new VbapPanner(layout);
        var gains = new float[layout.Count];
        for (var c = 0; c < layout.Count; c++)
        {
            if (layout[c] == ChannelRole.LowFrequency)
            {
                continue;
            }

            panner.ComputeGains((float)panner.GetAzimuth(c), (float)panner.GetElevation(c), 0f, gains);
            for (var k = 0; k < layout.Count; k++)
            {
                Assert.Equal(k == c ? 1.0 : 0.0, gains[k], 1e-6);
            }
        }
    }

    [Fact]
    public void Layout51_SpeakerAnglesAreBs775()
    {
        var panner = new VbapPanner(ChannelLayout.Surround51);

        Assert.Equal([30, -30, 0, double.NaN, 110, -110], Enumerable.Range(0, 6).Select(panner.GetAzimuth).ToArray());
    }

    [Fact]
    public void Layout714_SpeakerAnglesAreBs2051SystemJ()
    {
        var panner = new VbapPanner(ChannelLayout.Surround714);

        // L R C LFE Lrs Rrs Lss Rss Ltf Rtf Ltr Rtr
        Assert.Equal([30, -30, 0, double.NaN, 135, -135, 90, -90, 45, -45, 135, -135], Enumerable.Range(0, 12).Select(panner.GetAzimuth).ToArray());
        Assert.Equal(30, panner.GetElevation(8));
        Assert.Equal(0, panner.GetElevation(6));
    }

    [Fact]
    public void ComputeGains_HalfwayBetweenLAndC_IsEqualPowerPair()
    {
        var panner = new VbapPanner(ChannelLayout.Surround51);
        var gains = new float[6];

        panner.ComputeGains(15f, 0f, 0f, gains);

        Assert.Equal(Math.Sqrt(0.5), gains[0], 1e-6);
        Assert.Equal(Math.Sqrt(0.5), gains[2], 1e-6);
        Assert.Equal(0.0, gains[1] + gains[4] + gains[5], 1e-9);
    }

    [Fact]
    public void ComputeGains_PairwiseRatio_MatchesTheTangentLaw()
    {
        // Between L (30°) and C (0°), VBAP's gains obey tan(φ - φ0)/tan(φ0) = (gL - gC)/(gL + gC), φ0 = 15° the half-angle.
        var panner = new VbapPanner(ChannelLayout.Surround51);
        var gains = new float[6];

        panner.ComputeGains(25f, 0f, 0f, gains);

        var expected = Math.Tan(10 * Math.PI / 180) / Math.Tan(15 * Math.PI / 180);
        Assert.Equal(expected, (gains[0] - gains[2]) / (gains[0] + gains[2]), 1e-6);
    }

    [Fact]
    public void ComputeGains_714Overhead_SplitsEquallyOverTheHeights()
    {
        var panner = new VbapPanner(ChannelLayout.Surround714);
        var gains = new float[12];

        panner.ComputeGains(0f, 90f, 0f, gains);

        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 0.5f, 0.5f, 0.5f, 0.5f], gains.Select(g => MathF.Round(g, 6)).ToArray());
    }

    [Fact]
    public void ComputeGains_ElevationOnAnEarLevelLayout_IsIgnored()
    {
        var panner = new VbapPanner(ChannelLayout.Surround51);
        var flat = new float[6];
        var raised = new float[6];

        panner.ComputeGains(40f, 0f, 0f, flat);
        panner.ComputeGains(40f, 60f, 0f, raised);

        Assert.Equal(flat, raised);
    }

    [Fact]
    public void ComputeGains_SmallAzimuthSteps_MoveGainsSmoothly()
    {
        var panner = new VbapPanner(ChannelLayout.Surround714);
        var previous = new float[12];
        var gains = new float[12];
        panner.ComputeGains(-180f, 20f, 0f, previous);
        for (var azimuth = -179.9f; azimuth <= 180f; azimuth += 0.1f)
        {
            panner.ComputeGains(azimuth, 20f, 0f, gains);
            for (var c = 0; c < 12; c++)
            {
                Assert.True(Math.Abs(gains[c] - previous[c]) < 0.02f, $"gain {c} jumps at {azimuth}°");
            }

            gains.CopyTo(previous, 0);
        }
    }

    [Theory]
    [InlineData("stereo")]
    [InlineData("lcr")]
    [InlineData("discrete(6)")]
    public void Constructor_LayoutWithoutASurroundRing_Throws(string name)
    {
        Assert.False(VbapPanner.IsSupported(ChannelLayout.Parse(name)));
        Assert.Throws<ArgumentException>(() => new VbapPanner(ChannelLayout.Parse(name)));
    }
}
