using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Mixing;
using AudioPost.Sdk.Tests.TestUtilities;
using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.Processing.Mixing;

namespace AudioPost.Sdk.Tests.Mixing;

public sealed class MixerSendTests
{
    private const float MinusThree = 0.70710678f;

    [Fact]
    public void FaderMove_ChangesThePostFaderSendAndNotThePreFaderSend()
    {
        var h = new MixerHarness(ChannelLayout.Stereo);
        var cue = h.Mixer.AddBus("cue", ChannelLayout.Stereo);
        var fx = h.Mixer.AddBus("fx", ChannelLayout.Stereo);
        var track = h.Mixer.AddTrack("dialogue", new DcSource(1f));
        track.AddSend(cue, 0f, SendTap.PreFader);
        track.AddSend(fx, 0f, SendTap.PostFader);
        var cueOut = h.Tap(cue, 9600);
        var fxOut = h.Tap(fx, 9600);
        track.Fader.SetValueAtTime(-20f, 4800);

        h.Render(9600);

        // A mono send into a stereo bus arrives at −3 dB per side (ChannelMatrix.Convert).
        Assert.Equal(MinusThree, cueOut.GetChannel(0)[4799], 5);
        Assert.Equal(MinusThree, fxOut.GetChannel(1)[4799], 5);
        Assert.Equal(MinusThree, cueOut.GetChannel(0)[9599], 5);
        Assert.Equal(MinusThree * 0.1f, fxOut.GetChannel(1)[9599], 5);
    }

    [Fact]
    public void SendLevel_ScalesTheReturnAndTheReturnReachesTheMaster()
    {
        var h = new MixerHarness(ChannelLayout.Stereo);
        var reverb = h.Mixer.AddBus("reverb", ChannelLayout.Stereo);
        var track = h.Mixer.AddTrack("fx", new DcSource(1f, channelCount: 2));
        var send = track.AddSend(reverb, -6f);
        track.Fader.Value = Decibels.SilenceDb; // only the return reaches the master... but the send is post-fader
        var pre = h.Mixer.AddTrack("pre", new DcSource(1f, channelCount: 2));
        pre.Fader.Value = Decibels.SilenceDb;
        pre.AddSend(reverb, -12f, SendTap.PreFader);

        h.Render(2048);

        // Post-fader send of a silenced track: nothing. Pre-fader send at −12 dB: 0.2512 on each side, through the
        // return's stereo balance at centre (unity) into the master.
        Assert.Equal(0.251189f, h.MasterSink.GetChannel(0)[2047], 5);
        Assert.Equal(0.251189f, h.MasterSink.GetChannel(1)[2047], 5);
        Assert.Equal(-6f, send.Level.Value);
    }

    [Fact]
    public void BusIntoBus_ChainsFadersToTheMaster()
    {
        var h = new MixerHarness(ChannelLayout.Stereo);
        var stem = h.Mixer.AddBus("stem", ChannelLayout.Stereo);
        var sub = h.Mixer.AddBus("sub", ChannelLayout.Stereo, stem);
        h.Mixer.AddTrack("a", new DcSource(0.5f, channelCount: 2), sub);
        sub.Fader.Value = -6.0206f;
        stem.Fader.Value = -6.0206f;

        h.Render(1024);

        Assert.Equal(0.125f, h.MasterSink.GetChannel(0)[1023], 5);
    }

    [Fact]
    public void AddSend_ToTheMasterOrIntoALoop_Throws()
    {
        var h = new MixerHarness(ChannelLayout.Stereo);
        var a = h.Mixer.AddBus("a", ChannelLayout.Stereo);
        var b = h.Mixer.AddBus("b", ChannelLayout.Stereo, a);

        Assert.Throws<ArgumentException>(() => b.AddSend(h.Mixer.Master));
        Assert.Throws<ArgumentException>(() => a.AddSend(b)); // b feeds a
        Assert.Throws<ArgumentException>(() => a.AddSend(a));
    }

    [Fact]
    public void Build_Twice_ThrowsAndStructureIsFixed()
    {
        var h = new MixerHarness(ChannelLayout.Stereo);
        var track = h.Mixer.AddTrack("a", new DcSource(1f));
        h.Mixer.Build();

        Assert.Throws<InvalidOperationException>(() => h.Mixer.Build());
        Assert.Throws<InvalidOperationException>(() => h.Mixer.AddBus("late", ChannelLayout.Stereo));
        Assert.Throws<InvalidOperationException>(() => track.AddInsert(new GainProcessor()));
    }
}
