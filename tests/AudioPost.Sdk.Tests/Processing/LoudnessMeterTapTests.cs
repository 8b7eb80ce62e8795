using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Processing.Metering;
using AudioPost.Sdk.Tests.Dsp.Loudness;

namespace AudioPost.Sdk.Tests.Processing;

public sealed class LoudnessMeterTapTests
{
    [Fact]
    public void Process_StereoTone_PassesAudioThroughAndPublishesReadings()
    {
        var tap = new LoudnessMeterTap();
        tap.Prepare(new ProcessSpec(48_000, 512, 2));
        var signal = TestSignal.Tones(48_000, 2, (5, -23));
        var copy = (float[])signal.Data.Clone();
        var context = new ProcessContext(0, 0, 48_000, isOffline: false);
        for (var offset = 0; offset + 512 <= signal.Frames; offset += 512)
        {
            tap.Process(new AudioBlock(signal.Data.AsSpan(offset), 2, 512, signal.Frames), context);
            context = context.Advance(512);
        }

        Assert.Equal(copy, signal.Data);
        var peaks = new double[2];
        Assert.True(tap.TryRead(out var snapshot, peaks));
        Assert.Equal(-22.9933, snapshot.Integrated, 0.002);
        Assert.Equal(-22.9933, snapshot.Momentary, 0.002);
        Assert.Equal(-23.0, peaks[1], 0.05);
        Assert.Equal(tap.Meter!.Integrated, snapshot.Integrated);
    }

    [Fact]
    public void TryRead_BeforePrepare_ReturnsFalse()
    {
        Assert.False(new LoudnessMeterTap().TryRead(out _));
    }

    [Fact]
    public void Prepare_LayoutWithOtherChannelCount_Throws()
    {
        var tap = new LoudnessMeterTap(ChannelLayout.Surround51);

        Assert.Throws<ArgumentException>(() => tap.Prepare(new ProcessSpec(48_000, 512, 2)));
    }

    [Fact]
    public void Reset_AfterMeasuring_ClearsTheReadings()
    {
        var tap = new LoudnessMeterTap(ChannelLayout.Stereo);
        tap.Prepare(new ProcessSpec(48_000, 4800, 2));
        var signal = TestSignal.Tones(48_000, 2, (1, -20));
        tap.Process(new AudioBlock(signal.Data, 2, 4800, signal.Frames), default);
        tap.Reset();

        Assert.True(tap.TryRead(out var snapshot));
        Assert.Equal(0, snapshot.FramesProcessed);
        Assert.Equal(double.NegativeInfinity, snapshot.SamplePeak);
    }
}
