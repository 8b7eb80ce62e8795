using AudioPost.Sdk.Timing;
using AudioPost.Sdk.Timing.Ltc;

namespace AudioPost.Sdk.Tests.Timing.Ltc;

/// <summary>The chase loop: lock time and steady-state position error at ±0.1 % speed, with jitter, and position-only mode.</summary>
public sealed class LtcChaseTests
{
    private const int SampleRate = 48_000;

    // LTC written at fs/speed and read at fs runs at `speed`. The true timeline position of stream sample t is then
    // p(t) = p(start) + speed·t, exactly, because the encoder times words with integers.
    [Theory]
    [InlineData(47_952, "25")]
    [InlineData(48_048, "25")]
    [InlineData(47_952, "29.97df")]
    [InlineData(48_048, "23.976")]
    public void Varispeed_PlusMinusPointOnePercent_LocksAndHoldsWithinASample(int writtenAt, string rateLabel)
    {
        var rate = FrameRate.Parse(rateLabel);
        var speed = (double)SampleRate / writtenAt;
        var start = Timecode.Parse(rate.IsDropFrame ? "01:00:00;00" : "01:00:00:00", rate);
        var samples = LtcSignal.Encode(start, 30 * 25, writtenAt);
        var chase = new LtcChase(SampleRate, rate);

        var errors = new List<double>();
        foreach (var frame in LtcSignal.Decode(samples, SampleRate, rate))
        {
            chase.Update(frame);
            if (chase.IsLocked)
            {
                var t = frame.StartPosition + 100;
                var truth = start.ToSampleFrame(SampleRate) + (speed * t);
                errors.Add(chase.GetPosition(t) - truth);
            }
        }

        Assert.True(chase.IsLocked);
        Assert.InRange(chase.LockTimeSamples / SampleRate, 0, 5);
        Assert.InRange(chase.Speed, speed - 2e-5, speed + 2e-5);

        // Steady state: the last 10 seconds.
        var steady = errors.Skip(errors.Count - 250).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"speed {speed:0.00000} at {rateLabel}: locked after {chase.LockTimeSamples / SampleRate:0.000} s, steady-state max |error| {steady.Max(Math.Abs):0.000} samples"));
        Assert.InRange(steady.Max(Math.Abs), 0, 1.0);
        Assert.Equal(0, chase.Relocks);
    }

    [Fact]
    public void Varispeed_WithJitter_RejectsMostOfIt()
    {
        // Synthetic observations at -0.1 % speed with ±40 samples of uniform timing jitter (23.1 samples RMS: a poor
        // decoder or a noisy line); the loop at 0.5 Hz holds the true line at well under half of that (8.5 measured).
        var rate = FrameRate.Fps25;
        var speed = 0.999;
        var chase = new LtcChase(SampleRate, rate, bandwidthHz: 0.5) { LockToleranceSamples = 40 };
        var random = new Random(7);
        var start = Timecode.Parse("10:00:00:00", rate);
        var errors = new List<double>();
        for (var k = 0; k < 25 * 60; k++)
        {
            var timecode = start.AddFrames(k);
            var trueStart = (timecode.ToSampleFrame(SampleRate) - start.ToSampleFrame(SampleRate)) / speed;
            var jittered = trueStart + ((random.NextDouble() * 80) - 40);
            chase.Update(new LtcDecodedFrame(LtcFrame.FromTimecode(timecode), timecode, jittered, false));
            if (k > 25 * 30)
            {
                errors.Add(chase.GetPosition(trueStart) - timecode.ToSampleFrame(SampleRate));
            }
        }

        var rms = Math.Sqrt(errors.Average(e => e * e));
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"jitter 23.09 samples RMS -> position error {rms:0.00} samples RMS"));
        Assert.True(chase.IsLocked);
        Assert.InRange(rms, 0, 40 / Math.Sqrt(3) / 2);
        Assert.InRange(Math.Abs(errors.Average()), 0, 2);
    }

    [Fact]
    public void PositionOnly_SharedClock_LocksWithNoErrorAndKeepsSpeedOne()
    {
        var rate = FrameRate.Fps25;
        var start = Timecode.Parse("00:10:00:00", rate);

        // LTC starts 1000 samples into the stream: the follower must find that offset.
        var samples = new float[1000].Concat(LtcSignal.Encode(start, 250, SampleRate)).ToArray();
        var chase = new LtcChase(SampleRate, rate, LtcChaseMode.PositionOnly);
        foreach (var frame in LtcSignal.Decode(samples, SampleRate, rate))
        {
            chase.Update(frame);
        }

        Assert.True(chase.IsLocked);
        Assert.Equal(1.0, chase.Speed);
        Assert.InRange(chase.GetPosition(50_000) - (start.ToSampleFrame(SampleRate) + 49_000), -0.1, 0.1);
    }

    [Fact]
    public void PositionOnly_RealSpeedOffset_LeavesTheAnalyticLag()
    {
        // With speed held at 1, a +0.1 % LTC leaves a constant lag of (speed − 1)·T / b samples, T the word period.
        var rate = FrameRate.Fps25;
        var start = Timecode.Parse("00:10:00:00", rate);
        var samples = LtcSignal.Encode(start, 500, 47_952);
        var chase = new LtcChase(SampleRate, rate, LtcChaseMode.PositionOnly, bandwidthHz: 1);
        foreach (var frame in LtcSignal.Decode(samples, SampleRate, rate))
        {
            chase.Update(frame);
        }

        var speed = 48_000 / 47_952.0;
        var period = 47_952 / 25.0;
        var b = Math.Sqrt(2) * 2 * Math.PI * 1 / 25;
        var expectedPredictionError = (speed - 1) * period / b;
        Assert.InRange(chase.PositionErrorSamples, expectedPredictionError * 0.97, expectedPredictionError * 1.03);
        Assert.Equal(1.0, chase.Speed);
    }

    [Fact]
    public void Jump_RelocksAtTheNewPosition()
    {
        var rate = FrameRate.Fps25;
        var chase = new LtcChase(SampleRate, rate);
        var start = Timecode.Parse("01:00:00:00", rate);
        for (var k = 0; k < 100; k++)
        {
            var timecode = k < 50 ? start.AddFrames(k) : start.AddFrames(k + 500);
            chase.Update(new LtcDecodedFrame(LtcFrame.FromTimecode(timecode), timecode, k * 1920.0, false));
        }

        Assert.Equal(1, chase.Relocks);
        Assert.True(chase.IsLocked);
        Assert.InRange(chase.GetPosition(99 * 1920.0) - start.AddFrames(599).ToSampleFrame(SampleRate), -0.5, 0.5);
    }
}
