using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.Processing.Dynamics;
using AudioPost.Sdk.Processing.Mixing;
using AudioPost.Sdk.Sources;
using AudioPost.Sdk.Tests.Processing.Mixing;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Mixing;

public sealed class ChannelStripTests
{
    [Fact]
    public void AddChannelStrip_PutsEqThenDynamicsFirstAndIsTransparentByDefault()
    {
        var h = new MixerHarness(ChannelLayout.Stereo);
        var track = h.Mixer.AddTrack("dc", new DcSource(0.5f, channelCount: 2));
        var strip = track.AddChannelStrip();

        h.Render(2048);

        Assert.Same(strip, track.Strip);
        Assert.Equal([strip.Eq, (AudioPost.Sdk.Processing.IAudioProcessor)strip.Dynamics], track.Inserts);
        Assert.True(strip.Dynamics.Bypassed);
        Assert.Equal(0.5f, h.MasterSink.GetChannel(0)[2047], 5);
    }

    [Fact]
    public void Eq_PeakAtTheToneFrequency_RaisesItByTheBandGain()
    {
        var h = new MixerHarness(ChannelLayout.Stereo);
        var track = h.Mixer.AddTrack("tone", new ToneSource(1000f, -20f, channelCount: 2));
        var band = track.AddChannelStrip().Eq.Bands[0];
        band.Frequency.Value = 1000f;
        band.Q.Value = 1f;
        band.Gain.Value = 6f;
        foreach (var b in new[] { band.Frequency, band.Q, band.Gain })
        {
            b.Reset();
        }

        h.Render(24_000);

        var level = MixTestSignals.Amplitude(h.MasterSink.GetChannel(0).Slice(19_200, 4800), 1000);
        Assert.Equal(-14.0, 20 * Math.Log10(level), 0.05);
    }

    [Fact]
    public void Dynamics_Enabled_CompressesAboveTheThreshold()
    {
        var h = new MixerHarness(ChannelLayout.Stereo);
        var track = h.Mixer.AddTrack("loud", new DcSource(0.5f, channelCount: 2));
        var compressor = new CompressorProcessor(thresholdDb: -20f, ratio: 4f, kneeDb: 0f, attackMilliseconds: 1f);
        var strip = track.AddChannelStrip(dynamics: compressor);

        h.Render(24_000);

        // −6.02 dBFS in, 13.98 dB over a −20 dB threshold at 4:1: −20 + 3.49 = −16.5 dBFS out.
        var outputDb = Decibels.FromGain(h.MasterSink.GetChannel(0)[23_999]);
        Assert.Equal(-16.5, outputDb, 0.5);
        Assert.Same(compressor, strip.Dynamics);
    }

    [Fact]
    public void AddChannelStrip_AfterAnotherInsert_Throws()
    {
        var h = new MixerHarness(ChannelLayout.Stereo);
        var track = h.Mixer.AddTrack("a", new DcSource(1f));
        track.AddInsert(new GainProcessor());

        Assert.Throws<InvalidOperationException>(() => track.AddChannelStrip());
        Assert.Throws<ArgumentException>(() => track.AddInsert(new PanProcessor()));
    }

    [Fact]
    public void LookAheadCompressor_OnOneTrack_IsCompensatedOnTheOthersAndTheSends()
    {
        var h = new MixerHarness(ChannelLayout.Stereo);
        var fx = h.Mixer.AddBus("fx", ChannelLayout.Stereo);
        var slow = h.Mixer.AddTrack("slow", new ImpulseSource(2, at: 1000));
        var fast = h.Mixer.AddTrack("fast", new ImpulseSource(2, at: 1000));
        slow.AddChannelStrip(dynamics: new CompressorProcessor(lookAheadMilliseconds: 5) { Bypassed = true });
        fast.AddSend(fx, 0f);

        h.Render(4096);

        // 5 ms = 240 frames of look-ahead: every path to the master is aligned to it.
        var left = h.MasterSink.GetChannel(0);
        Assert.Equal(1240, left.IndexOfAnyExcept(0f));
        Assert.Equal(0f, left[1000]);
    }
}
