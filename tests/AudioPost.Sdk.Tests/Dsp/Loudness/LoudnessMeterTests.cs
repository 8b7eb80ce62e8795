using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Loudness;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Dsp.Loudness;

public sealed class LoudnessMeterTests
{
    [Fact]
    public void NewMeter_NothingMeasured_ReadingsAreUndefined()
    {
        var meter = new LoudnessMeter(48_000, ChannelLayout.Stereo);

        Assert.Equal(double.NegativeInfinity, meter.Integrated);
        Assert.Equal(double.NegativeInfinity, meter.Momentary);
        Assert.Equal(double.NegativeInfinity, meter.MaxShortTerm);
        Assert.Equal(double.NegativeInfinity, meter.TruePeak);
        Assert.Equal(double.NegativeInfinity, meter.SamplePeak);
        Assert.True(double.IsNaN(meter.LoudnessRange));
    }

    [Fact]
    public void LoudnessRange_BeforeTheFirstShortTermValue_IsNaNThenZeroForASteadyTone()
    {
        var signal = TestSignal.Tones(48_000, 2, (2.9, -23));
        var meter = signal.Measure();
        Assert.True(double.IsNaN(meter.LoudnessRange));

        TestSignal.Tones(48_000, 2, (0.2, -23)).Feed(meter, 4800);
        Assert.Equal(0, meter.LoudnessRange, 1e-9);
    }

    [Fact]
    public void Reset_AfterMeasuring_StartsOver()
    {
        var meter = TestSignal.Tones(48_000, 2, (5, -23)).Measure();
        meter.Reset();

        Assert.Equal(double.NegativeInfinity, meter.Integrated);
        Assert.Equal(0, meter.FramesProcessed);
        var again = TestSignal.Tones(48_000, 2, (5, -33));
        again.Feed(meter, 4096);
        Assert.Equal(-32.9933, meter.Integrated, 0.001);
        Assert.Equal(-32.9933, meter.MaxMomentary, 0.001);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(441)]
    [InlineData(4096)]
    [InlineData(100_000)]
    public void Process_AnyBlockSize_GivesTheSameReadings(int blockFrames)
    {
        var signal = TestMaterial.MusicLike(44_100, 2, seed: 5);
        var reference = signal.Measure(blockFrames: 4410);
        var meter = signal.Measure(blockFrames: blockFrames);

        Assert.Equal(reference.Integrated, meter.Integrated, 1e-9);
        Assert.Equal(reference.LoudnessRange, meter.LoudnessRange, 1e-9);
        Assert.Equal(reference.MaxMomentary, meter.MaxMomentary, 1e-9);
        Assert.Equal(reference.TruePeak, meter.TruePeak, 1e-6);
    }

    [Theory]
    [InlineData(8000)]
    [InlineData(22050)]
    [InlineData(192000)]
    [InlineData(384000)]
    public void Integrated_OtherRates_ReadsTheStereoToneWithinCompliance(int rate)
    {
        var meter = TestSignal.Tones(rate, 2, (6, -23)).Measure();

        Assert.Equal(-23.0, meter.Integrated, 0.1);
        Assert.Equal(meter.Integrated, meter.Momentary, 0.01);
    }

    [Theory]
    [InlineData(44100, 4)]
    [InlineData(48000, 4)]
    [InlineData(88200, 4)]
    [InlineData(96000, 2)]
    [InlineData(176400, 2)]
    [InlineData(192000, 1)]
    [InlineData(384000, 1)]
    public void TruePeakOversampling_FollowsTheSampleRate(int rate, int expected)
    {
        Assert.Equal(expected, new LoudnessMeter(rate, ChannelLayout.Stereo).TruePeakOversampling);
    }

    [Fact]
    public void Constructor_RateOutside8To384kHz_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LoudnessMeter(7_999, ChannelLayout.Stereo));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LoudnessMeter(384_001, ChannelLayout.Stereo));
    }

    [Fact]
    public void Process_WrongChannelCount_Throws()
    {
        var meter = new LoudnessMeter(48_000, ChannelLayout.Stereo);
        var data = new float[300];

        Assert.Throws<ArgumentException>(() => meter.Process(new ReadOnlyAudioBlock(data, 3, 100)));
    }

    [Fact]
    public void ChannelWeights_714_FollowAnnex3()
    {
        var layout = ChannelLayout.Surround714;
        var tone = TestSignal.Tones(48_000, 1, (2, -23)).Channel(0).ToArray();
        var readings = new double[layout.Count];
        for (var c = 0; c < layout.Count; c++)
        {
            var signal = new TestSignal(48_000, layout.Count, tone.Length);
            tone.CopyTo(signal.Channel(c));
            readings[c] = signal.Measure(layout).Integrated;
        }

        for (var c = 0; c < layout.Count; c++)
        {
            var role = layout[c];
            var expected = role switch
            {
                ChannelRole.LowFrequency => double.NegativeInfinity,
                ChannelRole.SideLeft or ChannelRole.SideRight => readings[0] + (10 * Math.Log10(1.41)),
                _ => readings[0],
            };
            Assert.Equal(expected, readings[c], 1e-9);
        }
    }

    [Fact]
    public void Combine_TwoProgrammes_GatesTheUnionOfTheirBlocks()
    {
        var loud = TestSignal.Tones(48_000, 2, (20, -23)).Measure();
        var quiet = TestSignal.Tones(48_000, 2, (20, -33)).Measure();
        var silent = new TestSignal(48_000, 2, 48_000).Measure();

        var album = LoudnessMeter.Combine(loud, quiet, silent);

        // Equal block counts: the pooled mean energy is the mean of 1 and 0.1 times the loud energy; nothing is gated.
        Assert.Equal(-22.9933 + (10 * Math.Log10(0.55)), album.Integrated, 0.002);
        Assert.Equal(loud.TruePeak, album.TruePeak);
        Assert.Equal(loud.MaxShortTerm, album.MaxShortTerm);
        Assert.Equal(10.0, album.LoudnessRange, 0.05);
        Assert.Equal(loud.Integrated, LoudnessMeter.Combine(loud, loud).Integrated, 1e-12);
        Assert.Equal(double.NegativeInfinity, LoudnessMeter.Combine().Integrated);
    }

    [Fact]
    public void Process_ManyBlocksAfterWarmUp_AllocatesNothing()
    {
        var layout = ChannelLayout.Surround714;
        var meter = new LoudnessMeter(44_100, layout);
        var signal = TestMaterial.WhiteNoiseSections(44_100, layout.Count, seed: 4);
        const int BlockFrames = 512;
        var blocks = signal.Frames / BlockFrames;

        AllocationAssert.NoAllocations(
            i =>
            {
                var offset = i % blocks * BlockFrames;
                meter.Process(new ReadOnlyAudioBlock(signal.Data.AsSpan(offset), layout.Count, BlockFrames, signal.Frames));
                _ = meter.TryReadSnapshot(out _, stackalloc double[12]);
            },
            iterations: 3000);
    }

    [Fact]
    public async Task TryReadSnapshot_WhileProcessingOnAnotherThread_IsAlwaysConsistent()
    {
        // Block k is a constant k·1e-5: the sample peak must always be that of the last block counted in FramesProcessed.
        const int BlockFrames = 480, Blocks = 20_000;
        var meter = new LoudnessMeter(48_000, ChannelLayout.Stereo);
        var cancellation = TestContext.Current.CancellationToken;
        var writer = Task.Run(
            () =>
            {
                var data = new float[2 * BlockFrames];
                for (var k = 1; k <= Blocks; k++)
                {
                    Array.Fill(data, k * 1e-5f);
                    meter.Process(new ReadOnlyAudioBlock(data, 2, BlockFrames));
                }
            },
            cancellation);

        var checkedReads = 0;
        var truePeaks = new double[2];
        while (!writer.IsCompleted)
        {
            if (meter.TryReadSnapshot(out var snapshot, truePeaks) && snapshot.FramesProcessed > 0)
            {
                var block = snapshot.FramesProcessed / BlockFrames;
                Assert.Equal(0, snapshot.FramesProcessed % BlockFrames);
                Assert.Equal(20 * Math.Log10(block * 1e-5f), snapshot.SamplePeak, 1e-9);
                Assert.True(truePeaks[0] >= snapshot.SamplePeak - 1e-9);
                checkedReads++;
            }
        }

        await writer;
        Assert.True(meter.TryReadSnapshot(out var final));
        Assert.Equal((long)Blocks * BlockFrames, final.FramesProcessed);
        Assert.True(checkedReads > 0);
    }
}
