using AudioPost.Sdk.Timing;
using AudioPost.Sdk.Timing.Ltc;

namespace AudioPost.Sdk.Tests.Timing.Ltc;

/// <summary>Our encoder into our decoder: every rate, and the conditions the reader must tolerate.</summary>
public sealed class LtcRoundTripTests
{
    public static TheoryData<string> Rates => [.. FrameRate.All.Select(r => r.ToString())];

    [Theory]
    [MemberData(nameof(Rates))]
    public void EveryRate_EveryWord_DecodesWithItsTimecodeUserBitsAndExactStart(string rateLabel)
    {
        var rate = FrameRate.Parse(rateLabel);
        var start = Timecode.Parse(rate.IsDropFrame ? "00:09:58;00" : "00:59:58:00", rate);
        var options = new LtcEncoderOptions { UserBits = 0xCAFE_F00D, BinaryGroupFlags = 1 };
        const int Words = 100;

        var frames = LtcSignal.Decode(LtcSignal.Encode(start, Words, 48_000, options), 48_000, rate);

        var perWord = LtcFrame.FramesPerWord(rate);
        Assert.Equal(Words, frames.Count);
        for (var w = 0; w < Words; w++)
        {
            var expected = start.AddFrames((long)w * perWord);
            Assert.Equal(expected, frames[w].Timecode);
            Assert.Equal(0xCAFE_F00Du, frames[w].UserBits);
            Assert.Equal(1, frames[w].Frame.BinaryGroupFlags);
            Assert.False(frames[w].IsReverse);

            // Word w starts where frame w·perWord of the stream starts: exactly w·k·fs·den/num samples.
            var exact = (double)w * perWord * 48_000 * rate.Denominator / rate.Numerator;
            Assert.InRange(frames[w].StartPosition - exact, -0.05, 0.05);
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-20.0)]
    [InlineData(-40.0)]
    public void Levels_From0ToMinus40Dbfs_DecodeEveryWord(double levelDb)
    {
        var start = Timecode.Parse("10:00:00:00", FrameRate.Fps25);
        var samples = LtcSignal.Encode(start, 50, 48_000, new LtcEncoderOptions { LevelDb = levelDb });

        var frames = LtcSignal.Decode(samples, 48_000, FrameRate.Fps25);

        Assert.Equal(50, frames.Count);
        Assert.Equal(start.AddFrames(49), frames[^1].Timecode);
    }

    [Theory]
    [InlineData(-6.0, -26.0)]
    [InlineData(-40.0, -60.0)]
    public void Noise_At20DbSignalToNoise_DecodesEveryWord(double levelDb, double noiseDb)
    {
        var rate = FrameRate.Fps2997Drop;
        var start = Timecode.Parse("00:00:59;00", rate);
        var samples = LtcSignal.Encode(start, 90, 48_000, new LtcEncoderOptions { LevelDb = levelDb });
        LtcSignal.AddNoise(samples, Math.Pow(10, noiseDb / 20));

        var frames = LtcSignal.Decode(samples, 48_000, rate);

        Assert.Equal(Enumerable.Range(0, 90).Select(w => start.AddFrames(w)), frames.Select(f => f.Timecode));
    }

    // Speed s: the LTC was written at fs/s, so played at fs it runs s times as fast.
    [Theory]
    [InlineData(0.8, "25")]
    [InlineData(1.2, "25")]
    [InlineData(0.8, "29.97df")]
    [InlineData(1.2, "59.94df")]
    [InlineData(1.2, "23.976")]
    public void Speed_From0_8To1_2_DecodesEveryWordAndTracksTheSpeed(double speed, string rateLabel)
    {
        var rate = FrameRate.Parse(rateLabel);
        var start = Timecode.FromFrameCount(123_456, rate);
        var samples = LtcSignal.Encode(start, 60, (int)Math.Round(48_000 / speed), null);
        var decoder = new LtcDecoder(48_000, rate, 128);
        decoder.Write(samples);
        decoder.Flush();

        var count = 0;
        while (decoder.TryRead(out var frame))
        {
            Assert.Equal(start.AddFrames((long)count * LtcFrame.FramesPerWord(rate)), frame.Timecode);
            count++;
        }

        Assert.Equal(60, count);
        Assert.InRange(decoder.Speed, speed * 0.98, speed * 1.02);
    }

    [Theory]
    [InlineData("25")]
    [InlineData("29.97df")]
    [InlineData("24")]
    [InlineData("50")]
    public void Reverse_DecodesEveryWordBackwardsWithBit0WhereItsLeadingEdgeIs(string rateLabel)
    {
        var rate = FrameRate.Parse(rateLabel);
        var start = Timecode.Parse("01:00:00:00", rate);
        var samples = LtcSignal.Encode(start, 40, 48_000);
        var forward = LtcSignal.Decode(samples, 48_000, rate);
        Array.Reverse(samples);

        var frames = LtcSignal.Decode(samples, 48_000, rate);

        // Backwards, each word is complete once the previous word's sync has been read: all but the first word.
        Assert.True(frames.Count >= 39, $"{frames.Count} words decoded backwards");
        Assert.All(frames, f => Assert.True(f.IsReverse));
        for (var i = 0; i < frames.Count; i++)
        {
            var original = forward.Single(f => f.Timecode == frames[i].Timecode);
            var mirrored = samples.Length - 1 - original.StartPosition;
            Assert.InRange(frames[i].StartPosition - mirrored, -1.5, 1.5);
            if (i > 0)
            {
                Assert.Equal(frames[i - 1].Timecode.AddFrames(-LtcFrame.FramesPerWord(rate)), frames[i].Timecode);
            }
        }
    }

    [Fact]
    public void Dropouts_LoseOnlyTheWordsTheyTouch()
    {
        var rate = FrameRate.Fps25;
        var start = Timecode.Parse("00:00:00:00", rate);
        var samples = LtcSignal.Encode(start, 100, 48_000);

        // 50 ms of silence inside word 20 and 30 ms inside word 60.
        samples.AsSpan((20 * 1920) + 300, 2400).Clear();
        samples.AsSpan((60 * 1920) + 1000, 1440).Clear();
        var frames = LtcSignal.Decode(samples, 48_000, rate).Select(f => (int)f.Timecode.FrameCount).ToList();

        Assert.DoesNotContain(20, frames);
        Assert.DoesNotContain(60, frames);
        var expected = Enumerable.Range(0, 100).Where(w => w is not (20 or 21 or 60 or 61));
        Assert.Subset(frames.ToHashSet(), expected.ToHashSet());
        Assert.Equal(frames.Distinct().Count(), frames.Count);
        Assert.True(frames.Count >= 95, $"{frames.Count} of 100 words decoded");
    }

    [Fact]
    public void Decoder_Silence_NaNAndGarbage_ProduceNoWords()
    {
        var decoder = new LtcDecoder(48_000, FrameRate.Fps25);
        var noise = new float[48_000];
        LtcSignal.AddNoise(noise, 0.3);
        noise[100] = float.NaN;
        noise[200] = float.PositiveInfinity;

        decoder.Write(new float[48_000]);
        decoder.Write(noise);

        Assert.False(decoder.TryRead(out _));
    }
}
