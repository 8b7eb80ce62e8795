using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Dynamics;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Processing.Dynamics;
using AudioPost.Sdk.Tests.Dsp.Loudness;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Dsp.Dynamics;

public sealed class TruePeakLimiterTests
{
    private const int Rate = 48_000;

    [Theory]
    [InlineData(44_100)]
    [InlineData(48_000)]
    [InlineData(96_000)]
    public void Process_QuarterRateSineWithPhasePiOver4AtZeroDbfs_TruePeakStaysUnderCeiling(int sampleRate)
    {
        // Samples of sin(π n / 2 + π / 4) · √2 are all ±1 (0 dBFS) while the waveform peaks at √2 (+3 dBTP): the
        // worst inter-sample over a sample-peak limiter cannot see.
        var signal = new TestSignal(sampleRate, 2, sampleRate * 2);
        for (var c = 0; c < 2; c++)
        {
            var channel = signal.Channel(c);
            for (var n = 0; n < channel.Length; n++)
            {
                channel[n] = (float)(Math.Sqrt(2) * Math.Sin((Math.PI * n / 2) + (Math.PI / 4)));
            }
        }

        var output = Limit(signal, ceilingDbtp: -1, blockFrames: 333);

        var meter = output.Measure();
        Assert.True(meter.TruePeak <= -1, $"true peak {meter.TruePeak:F4} dBTP");
        Assert.True(meter.TruePeak > -1.5, $"true peak {meter.TruePeak:F4} dBTP: limited far more than needed");
        var reference = LibEbur128.Measure(output, [LibEbur128.Left, LibEbur128.Right]);
        Assert.True(reference.TruePeak <= -1 + 0.25, $"libebur128 true peak {reference.TruePeak:F4} dBTP");
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(-2.0)]
    [InlineData(-6.0)]
    public void Process_LoudMusicWithTransients_TruePeakAtOrBelowCeiling(double ceiling)
    {
        var signal = TestMaterial.MusicLike(Rate, 2, seed: 7);
        Scale(signal, 8); // about +12 dB: many transients far over full scale.

        var output = Limit(signal, ceiling, blockFrames: 4096);

        Assert.True(output.Measure().TruePeak <= ceiling);
    }

    [Fact]
    public void Process_SignalUnderCeiling_IsOnlyDelayed()
    {
        var signal = TestMaterial.PinkNoiseSwell(Rate, 2, seed: 3);
        Scale(signal, 0.5f);
        var limiter = new TruePeakLimiter(Rate, 2, 0);
        var copy = (float[])signal.Data.Clone();

        limiter.Process(new AudioBlock(copy, 2, signal.Frames));

        var latency = limiter.LatencyFrames;
        for (var c = 0; c < 2; c++)
        {
            var input = signal.Channel(c);
            var output = copy.AsSpan(c * signal.Frames, signal.Frames);
            Assert.True(output[..latency].IndexOfAnyExcept(0f) < 0);
            Assert.True(output[latency..].SequenceEqual(input[..^latency]));
        }

        Assert.Equal(0, limiter.MaxGainReductionDb);
    }

    [Fact]
    public void Process_DcStep_AttackRampsLinearlyOverLookAheadAndEndsBeforeTheStep()
    {
        const int Step = 24_000;
        var signal = new TestSignal(Rate, 1, Rate);
        signal.Channel(0)[..Step].Fill(0.25f);
        signal.Channel(0)[Step..].Fill(2f);
        var limiter = new TruePeakLimiter(Rate, 1, -1, lookAheadMilliseconds: 3);
        var gains = Gains(limiter, signal);
        var lookAhead = limiter.LookAheadFrames;
        var steady = gains[Step + 23_000]; // after the release from the ringing at the edge, before the end of the signal
        var held = gains[Step];

        // Gain of input frame n: the first interpolated value touching the step is computed at the step and reads 11
        // frames back, so the ramp leaves 1 exactly lookAhead + 11 frames before the step; the full-level values come
        // 11 frames later, so the first frame at 2.0 already has the full reduction (at or below the steady gain: the
        // interpolator rings over the edge, asking for a little more there).
        Assert.Equal(144, lookAhead);
        Assert.Equal(1f, gains[Step - lookAhead - 12]);
        Assert.True(gains[Step - lookAhead - 11] < 1f);
        Assert.True(held <= steady + 1e-6, $"{held} > {steady}");
        Assert.Equal((1 + held) / 2, gains[Step - (lookAhead / 2)], 1);
        for (var n = Step - lookAhead - 12; n < Step; n++)
        {
            Assert.True(gains[n + 1] <= gains[n]);
        }

        // 2.0 × the Annex 2 phase gain 1.0016 held at −1.05 dBTP (ceiling − safety margin).
        Assert.Equal(Math.Pow(10, -1.05 / 20) / (2 * 1.001587), steady, 3);
    }

    [Fact]
    public void Process_DcStepDown_ReleasesExponentiallyWithTheReleaseTime()
    {
        const int Step = 24_000;
        var signal = new TestSignal(Rate, 1, 2 * Rate);
        signal.Channel(0)[..Step].Fill(2f);
        signal.Channel(0)[Step..].Fill(0.25f);
        var limiter = new TruePeakLimiter(Rate, 1, -1, lookAheadMilliseconds: 3, releaseMilliseconds: 100);
        var gains = Gains(limiter, signal);
        var deepest = gains.AsSpan(Step - 2000).ToArray().Min();
        var last = Array.LastIndexOf(gains, deepest);

        // The held requirement of the last over (at the step) lasts lookAhead + 12 frames, then the release runs toward
        // 1 with a 100 ms time constant; the moving average adds about half a look-ahead of delay.
        Assert.InRange(last, Step - 13, Step + limiter.LookAheadFrames);
        var tau = Step + (Rate / 10) + limiter.LookAheadFrames;
        var expected = 1 - ((1 - deepest) * Math.Exp(-1));
        Assert.Equal(expected, gains[tau], 2);
        for (var n = last; n < gains.Length - 1; n++)
        {
            Assert.True(gains[n + 1] >= gains[n]);
        }

        Assert.True(gains[Step + Rate - 1000] > 0.999f);
    }

    [Fact]
    public void Process_AnyBlockSize_GivesTheSameBits()
    {
        // Loud bursts between long quiet stretches: the limiter goes from rest into reduction and back to rest, so
        // block boundaries fall inside the detector's vectors, the hold's blocks and the at-rest shortcut.
        var signal = new TestSignal(Rate, 2, 10 * Rate);
        var random = new Random(12);
        for (var c = 0; c < 2; c++)
        {
            var channel = signal.Channel(c);
            for (var n = 0; n < channel.Length; n++)
            {
                var loud = n % (5 * Rate) < Rate / 2;
                channel[n] = (float)(((random.NextDouble() * 2) - 1) * (loud ? 2.0 : 0.05));
            }
        }

        var reference = Limit(signal, ceilingDbtp: -1, blockFrames: 4096);

        Assert.True(reference.Measure().TruePeak <= -1);
        foreach (var blockFrames in new[] { 1, 7, 255, 333 })
        {
            Assert.Equal(reference.Data, Limit(signal, ceilingDbtp: -1, blockFrames).Data);
        }

        // Four seconds after a burst (forty release time constants) and before the next one's look-ahead ramp, the
        // gain is exactly 1 again: the output is the input.
        var quiet = new Range((4 * Rate) + 1000, (5 * Rate) - 1000);
        for (var c = 0; c < 2; c++)
        {
            Assert.True(reference.Channel(c)[quiet].SequenceEqual(signal.Channel(c)[quiet]));
        }
    }

    [Fact]
    public void Process_ManyBlocksAfterWarmUp_AllocatesNothing()
    {
        var signal = TestMaterial.MusicLike(Rate, 2, seed: 5);
        Scale(signal, 6);
        var limiter = new TruePeakLimiter(Rate, 2, -1);
        var scratch = new float[2 * 512];

        AllocationAssert.NoAllocations(
            i =>
            {
                var offset = i * 512 % (signal.Frames - 512);
                signal.Channel(0).Slice(offset, 512).CopyTo(scratch);
                signal.Channel(1).Slice(offset, 512).CopyTo(scratch.AsSpan(512));
                limiter.Process(new AudioBlock(scratch, 2, 512));
            },
            iterations: 3000);
    }

    [Fact]
    public void Processor_Prepared_ReportsLookAheadPlusInterpolatorAsLatencyAndLimits()
    {
        var processor = new TruePeakLimiterProcessor(-1, lookAheadMilliseconds: 2);
        processor.Prepare(new ProcessSpec(Rate, 512, 2));
        var block = new float[2 * 512];
        block.AsSpan().Fill(1.5f);

        processor.Process(new AudioBlock(block, 2, 512), new ProcessContext(0, 0, Rate, isOffline: true));

        Assert.Equal(96 + 11, processor.LatencyFrames);
        Assert.True(processor.Limiter!.MaxGainReductionDb > 3.5);
        Assert.True(block.AsSpan(0, 512).IndexOfAnyExcept(0f) >= 96 + 11);
    }

    [Fact]
    public void Constructor_CeilingAboveSixDbtp_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TruePeakLimiter(Rate, 2, 7));

    private static void Scale(TestSignal signal, float gain)
    {
        foreach (ref var sample in signal.Data.AsSpan())
        {
            sample *= gain;
        }
    }

    // Runs the signal through the limiter with a zero flush and returns the output aligned with the input.
    private static TestSignal Limit(TestSignal signal, double ceilingDbtp, int blockFrames)
    {
        var limiter = new TruePeakLimiter(signal.SampleRate, signal.Channels, ceilingDbtp);
        var latency = limiter.LatencyFrames;
        var total = signal.Frames + latency;
        var padded = new float[signal.Channels * total];
        for (var c = 0; c < signal.Channels; c++)
        {
            signal.Channel(c).CopyTo(padded.AsSpan(c * total));
        }

        for (var offset = 0; offset < total; offset += blockFrames)
        {
            var count = Math.Min(blockFrames, total - offset);
            limiter.Process(new AudioBlock(padded.AsSpan(offset), signal.Channels, count, total));
        }

        var output = new TestSignal(signal.SampleRate, signal.Channels, signal.Frames);
        for (var c = 0; c < signal.Channels; c++)
        {
            padded.AsSpan((c * total) + latency, signal.Frames).CopyTo(output.Channel(c));
        }

        return output;
    }

    // The gain applied to each input frame: output / input, aligned by the latency.
    private static float[] Gains(TruePeakLimiter limiter, TestSignal signal)
    {
        var aligned = LimitMono(limiter, signal);
        var gains = new float[signal.Frames];
        for (var n = 0; n < gains.Length; n++)
        {
            gains[n] = aligned.Channel(0)[n] / signal.Channel(0)[n];
        }

        return gains;
    }

    private static TestSignal LimitMono(TruePeakLimiter limiter, TestSignal signal)
    {
        var latency = limiter.LatencyFrames;
        var total = signal.Frames + latency;
        var padded = new float[total];
        signal.Channel(0).CopyTo(padded);
        limiter.Process(new AudioBlock(padded, 1, total));
        var output = new TestSignal(signal.SampleRate, 1, signal.Frames);
        padded.AsSpan(latency, signal.Frames).CopyTo(output.Channel(0));
        return output;
    }
}
