using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Mixing;
using AudioPost.Sdk.Sinks;
using AudioPost.Sdk.Sources;
using AudioPost.Sdk.Tests.Processing.Mixing;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Mixing;

public sealed class MixerSoloTests
{
    /// <summary>Tracks A and B on a dialogue bus, C on a music bus, a reverb return fed by A and C.</summary>
    private sealed class Scene
    {
        public Scene(bool reverbSoloSafe = true)
        {
            H = new MixerHarness(ChannelLayout.Stereo);
            var m = H.Mixer;
            Dialogue = m.AddBus("dialogue", ChannelLayout.Stereo);
            Music = m.AddBus("music", ChannelLayout.Stereo);
            Reverb = m.AddBus("reverb", ChannelLayout.Stereo);
            Reverb.SoloSafe = reverbSoloSafe;
            A = m.AddTrack("A", new ToneSource(300, -20f), Dialogue);
            B = m.AddTrack("B", new ToneSource(500, -20f), Dialogue);
            C = m.AddTrack("C", new ToneSource(700, -20f), Music);
            A.AddSend(Reverb, 0f);
            C.AddSend(Reverb, 0f);
            ReverbOut = H.Tap(Reverb, 4800);
        }

        public MixerHarness H { get; }

        public MixerBusTrack Dialogue { get; }

        public MixerBusTrack Music { get; }

        public MixerBusTrack Reverb { get; }

        public MixerTrack A { get; }

        public MixerTrack B { get; }

        public MixerTrack C { get; }

        public BufferSink ReverbOut { get; }

        public IEnumerable<string> Audible => H.Mixer.Channels.Where(c => c.IsAudible).Select(c => c.Name);

        public static double Level(BufferSink sink, double frequency) => MixTestSignals.Amplitude(sink.GetChannel(0).Slice(2400, 2400), frequency);
    }

    [Fact]
    public void SoloOneTrack_MutesOthersButKeepsItsBusAndTheSoloSafeReturn()
    {
        var s = new Scene();
        s.A.Solo = true;

        Assert.Equal(["master", "dialogue", "reverb", "A"], s.Audible);

        s.H.Render(4800);
        Assert.True(Scene.Level(s.H.MasterSink, 300) > 0.05);       // A, direct and through the reverb
        Assert.Equal(0.0, Scene.Level(s.H.MasterSink, 500), 1e-6);  // B solo-muted on the same bus
        Assert.Equal(0.0, Scene.Level(s.H.MasterSink, 700), 1e-6);  // C solo-muted
        Assert.True(Scene.Level(s.ReverbOut, 300) > 0.05);          // A's reverb plays
        Assert.Equal(0.0, Scene.Level(s.ReverbOut, 700), 1e-6);     // C's does not: its post-fader send follows its fader
    }

    [Fact]
    public void SoloWithoutSoloSafe_MutesTheReturn()
    {
        var s = new Scene(reverbSoloSafe: false);
        s.A.Solo = true;

        Assert.DoesNotContain("reverb", s.Audible);
        s.H.Render(4800);
        Assert.Equal(0.0, Scene.Level(s.ReverbOut, 300), 1e-6);
    }

    [Fact]
    public void MultipleSolos_AreAUnion()
    {
        var s = new Scene();
        s.A.Solo = true;
        s.C.Solo = true;

        Assert.Equal(["master", "dialogue", "music", "reverb", "A", "C"], s.Audible);
    }

    [Fact]
    public void SoloAndMuteOnOneTrack_MuteWins()
    {
        var s = new Scene();
        s.A.Solo = true;
        s.A.Mute = true;

        Assert.Equal(["master", "dialogue", "reverb"], s.Audible);
        s.H.Render(4800);
        Assert.Equal(0.0, Scene.Level(s.H.MasterSink, 300), 1e-6);
        Assert.Equal(0.0, Scene.Level(s.H.MasterSink, 500), 1e-6);
    }

    [Fact]
    public void SoloABus_KeepsTheTracksThatFeedIt()
    {
        var s = new Scene();
        s.Music.Solo = true;

        Assert.Equal(["master", "music", "reverb", "C"], s.Audible);
    }

    [Fact]
    public void PreFaderSend_FollowsSoloMute()
    {
        var h = new MixerHarness(ChannelLayout.Stereo);
        var cue = h.Mixer.AddBus("cue", ChannelLayout.Stereo);
        cue.SoloSafe = true;
        var a = h.Mixer.AddTrack("A", new DcSource(1f));
        var b = h.Mixer.AddTrack("B", new DcSource(1f));
        a.AddSend(cue, 0f, SendTap.PreFader);
        b.AddSend(cue, 0f, SendTap.PreFader);
        var cueOut = h.Tap(cue, 2048);
        b.Solo = true;

        h.Render(2048);

        // Only B's pre-fader send reaches the cue: 1 at −3 dB per side.
        Assert.Equal(0.70710678f, cueOut.GetChannel(0)[2047], 5);
    }

    [Fact]
    public void Unsolo_RestoresEveryone()
    {
        var s = new Scene();
        s.A.Solo = true;
        s.A.Solo = false;

        Assert.Equal(7, s.Audible.Count());
    }

    [Fact]
    public void SoloTheMaster_Throws()
    {
        var s = new Scene();

        Assert.Throws<InvalidOperationException>(() => s.H.Mixer.Master.Solo = true);
    }
}
