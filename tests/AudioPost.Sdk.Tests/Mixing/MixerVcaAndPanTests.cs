using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.Processing.Mixing;
using AudioPost.Sdk.Sources;
using AudioPost.Sdk.Tests.Processing.Mixing;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Mixing;

public sealed class MixerVcaAndPanTests
{
    [Fact]
    public void Vca_OffsetsMemberFadersInDecibelsWithoutSumming()
    {
        var h = new MixerHarness(ChannelLayout.Stereo);
        var a = h.Mixer.AddTrack("A", new DcSource(1f, channelCount: 2));
        var b = h.Mixer.AddTrack("B", new DcSource(1f, channelCount: 2));
        var other = h.Mixer.AddTrack("other", new DcSource(1f, channelCount: 2));
        a.Fader.Value = -6f;
        var dialogue = h.Mixer.AddVca("dialogue").Add(a).Add(b);
        var all = h.Mixer.AddVca("all").Add(a);
        dialogue.Level = -10f;
        all.Level = -4f;
        var aOut = h.Tap(a, 1024);
        var bOut = h.Tap(b, 1024);
        var otherOut = h.Tap(other, 1024);

        h.Render(1024);

        Assert.Equal(-14f, a.FaderStage.Offset.Value);
        Assert.Equal(Decibels.ToGain(-20f), aOut.GetChannel(0)[1023], 5);     // fader −6 + VCAs −10 −4
        Assert.Equal(Decibels.ToGain(-10f), bOut.GetChannel(0)[1023], 5);
        Assert.Equal(1f, otherOut.GetChannel(0)[1023], 5);
        Assert.Equal(-6f, a.Fader.Value);                                    // the member's own fader did not move
    }

    [Fact]
    public void Vca_OnTopOfFaderAutomation_StillActs()
    {
        var h = new MixerHarness(ChannelLayout.Stereo);
        var a = h.Mixer.AddTrack("A", new DcSource(1f, channelCount: 2));
        a.Fader.SetValueAtTime(-3f, 0);
        var vca = h.Mixer.AddVca("vca").Add(a);
        vca.Level = -7f;

        h.Render(2048);

        Assert.Equal(Decibels.ToGain(-10f), h.MasterSink.GetChannel(1)[2047], 5);
    }

    [Fact]
    public void VcaMute_MutesMembers()
    {
        var h = new MixerHarness(ChannelLayout.Stereo);
        var a = h.Mixer.AddTrack("A", new DcSource(1f, channelCount: 2));
        var vca = h.Mixer.AddVca("vca").Add(a);
        vca.Mute = true;

        h.Render(2048);

        Assert.False(a.IsAudible);
        Assert.Equal(0f, h.MasterSink.GetChannel(0)[2047]);
    }

    [Theory]
    [InlineData(PanLaw.ConstantPower, -3.0103)]
    [InlineData(PanLaw.Compromise, -4.5154)]
    [InlineData(PanLaw.Linear, -6.0206)]
    [InlineData(PanLaw.Balance, 0.0)]
    public void MonoTrackAtCentre_GetsThePanLawsCentreLevel(PanLaw law, double expectedDb)
    {
        var h = new MixerHarness(ChannelLayout.Stereo, law);
        var track = h.Mixer.AddTrack("mono", new DcSource(1f));

        h.Render(1024);

        Assert.NotNull(track.StereoPanner);
        Assert.Equal(expectedDb, 20 * Math.Log10(h.MasterSink.GetChannel(0)[1023]), 3);
        Assert.Equal(expectedDb, 20 * Math.Log10(h.MasterSink.GetChannel(1)[1023]), 3);
    }

    [Fact]
    public void MonoTrackInto51_IsSurroundPanned()
    {
        var h = new MixerHarness(ChannelLayout.Surround51);
        var track = h.Mixer.AddTrack("fly-by", new DcSource(1f));
        track.SurroundPanner!.Azimuth.Value = -110f; // right surround (BS.2051: positive is left)
        track.SurroundPanner.Reset();

        h.Render(1024);

        for (var c = 0; c < 6; c++)
        {
            Assert.Equal(c == 5 ? 1f : 0f, h.MasterSink.GetChannel(c)[1023], 5);
        }
    }

    [Fact]
    public void SurroundBusIntoStereoMaster_IsDownmixedByBs775()
    {
        var h = new MixerHarness(ChannelLayout.Stereo);
        var stem = h.Mixer.AddBus("5.1 stem", ChannelLayout.Surround51);
        var track = h.Mixer.AddTrack("centre", new DcSource(1f), stem);

        h.Render(1024);

        Assert.NotNull(stem.Converter);
        Assert.Equal(0f, track.SurroundPanner!.Azimuth.Value);
        Assert.Equal(ChannelMatrix.MinusThreeDb, h.MasterSink.GetChannel(0)[1023], 5);
        Assert.Equal(ChannelMatrix.MinusThreeDb, h.MasterSink.GetChannel(1)[1023], 5);
    }

    [Fact]
    public void MuteWhileRendering_FadesWithoutAClick()
    {
        var h = new MixerHarness(ChannelLayout.Stereo);
        var tone = new ToneSource(1000f, 0f);
        var track = h.Mixer.AddTrack("tone", tone);
        var renderer = h.Build(19_200);
        for (var block = 0; block < 75; block++)
        {
            if (block == 20)
            {
                track.Mute = true;
            }

            if (block == 50)
            {
                track.Mute = false;
            }

            renderer.RenderBlock(256);
        }

        var left = h.MasterSink.GetChannel(0);

        // The tone (0.707 after the pan law) moves by at most 0.707·2π·1000/48000 = 0.0926 per sample; the 10 ms
        // mute fade may add 0.707/480. A hard cut would step by up to 0.707.
        var bound = (0.70710678f * 2 * MathF.PI * 1000 / 48_000) + (0.70710678f / 480) + 1e-4f;
        Assert.True(MixTestSignals.MaxStep(left) <= bound, $"max step {MixTestSignals.MaxStep(left)} > {bound}");
        Assert.All(left.Slice((20 * 256) + 480, 2000).ToArray(), s => Assert.Equal(0f, s));
        Assert.True(MixTestSignals.Amplitude(left.Slice(55 * 256, 4800), 1000) > 0.7);
    }
}
