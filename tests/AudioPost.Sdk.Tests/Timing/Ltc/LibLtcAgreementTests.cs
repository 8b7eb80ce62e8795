using AudioPost.Sdk.Timing;
using AudioPost.Sdk.Timing.Ltc;

namespace AudioPost.Sdk.Tests.Timing.Ltc;

/// <summary>
/// Our LTC against libltc's, both directions, at every rate. Above 30 fps one word covers a frame pair, so libltc is
/// run at the word rate (25 for 50, 29.97 for 59.94...) and its frame field is the pair number.
/// </summary>
public sealed class LibLtcAgreementTests
{
    private const int SampleRate = 48_000;
    private const int Words = 120;

    public static TheoryData<string> Rates => [.. FrameRate.All.Select(r => r.ToString())];

    private static Timecode StartFor(FrameRate rate) =>
        Timecode.Parse(rate.IsDropFrame ? "00:59:57;00" : "00:59:57:00", rate);

    [Theory]
    [MemberData(nameof(Rates))]
    public void OurLtc_DecodesInLibLtc_FrameForFrame(string rateLabel)
    {
        LibLtc.Require();
        var rate = FrameRate.Parse(rateLabel);
        var start = StartFor(rate);
        var perWord = LtcFrame.FramesPerWord(rate);
        var samples = LtcSignal.Encode(start, Words, SampleRate, new LtcEncoderOptions { UserBits = 0x1234_5678 });

        var theirs = LibLtc.Decode(samples, samples.Length / (double)Words);

        // libltc reports a word once the next word's first edge has arrived, so the last word of the buffer may not be
        // reported; every other word must be, in order, with the same content, starting with the first.
        Assert.True(theirs.Count >= Words - 1, $"libltc decoded {theirs.Count} of {Words} words");
        var twentyFive = LtcFrame.IsTwentyFiveFamily(rate);
        var first = -1;
        for (var i = 0; i < theirs.Count; i++)
        {
            Assert.True(LtcFrame.TryFromBits(theirs[i].Bits, twentyFive, out var word));
            var timecode = word.ToTimecode(rate);
            var w = (int)((timecode - start).FrameCount / perWord);
            Assert.Equal(start.AddFrames((long)w * perWord), timecode);
            first = first < 0 ? w : first;
            Assert.Equal(first + i, w);
            Assert.Equal(0x1234_5678u, word.UserBits);
            Assert.Equal(rate.IsDropFrame, word.IsDropFrame);
            Assert.False(theirs[i].Reverse);

            // libltc's off_start against where we put the word's first edge.
            var exact = (double)w * perWord * SampleRate * rate.Denominator / rate.Numerator;
            Assert.InRange(theirs[i].Start - exact, -4, 4);
        }

        Assert.Equal(0, first);
    }

    [Theory]
    [MemberData(nameof(Rates))]
    public void LibLtcOutput_DecodesInOurs_FrameForFrame(string rateLabel)
    {
        LibLtc.Require();
        var rate = FrameRate.Parse(rateLabel);
        var start = StartFor(rate);
        var perWord = LtcFrame.FramesPerWord(rate);
        var samples = LibLtc.Encode(start, Words, SampleRate);

        var ours = LtcSignal.Decode(samples, SampleRate, rate);

        Assert.Equal(Words, ours.Count);
        for (var w = 0; w < Words; w++)
        {
            Assert.Equal(start.AddFrames((long)w * perWord), ours[w].Timecode);
            Assert.Equal(rate.IsDropFrame, ours[w].Frame.IsDropFrame);

            // libltc's encoder places word w at its own running sample count; it should agree with exact timing to a sample or two.
            var exact = (double)w * perWord * SampleRate * rate.Denominator / rate.Numerator;
            Assert.InRange(ours[w].StartPosition - exact, -3, 3);
        }
    }

    [Fact]
    public void OurLtcUnderStress_AgreesWithLibLtcOnEveryWordBothDecode()
    {
        LibLtc.Require();
        var rate = FrameRate.Fps2997Drop;
        var start = Timecode.Parse("00:00:58;00", rate);

        // 1.2x speed (written at 40 kHz, read as 48 kHz), -20 dBFS, noise 26 dB down, one 40 ms dropout.
        var samples = LtcSignal.Encode(start, Words, 40_000, new LtcEncoderOptions { LevelDb = -20 });
        LtcSignal.AddNoise(samples, Math.Pow(10, -46 / 20.0));
        samples.AsSpan(30_000, 1_920).Clear();

        var ours = LtcSignal.Decode(samples, SampleRate, rate).Select(f => f.Timecode.FrameCount).ToList();
        var theirs = LibLtc.Decode(samples, samples.Length / (double)Words)
            .Select(f => LtcFrame.TryFromBits(f.Bits, false, out var word) && word.TryGetTimecode(rate, out var tc) ? tc.FrameCount : -1)
            .ToList();

        Assert.DoesNotContain(-1L, theirs);
        Assert.Subset(ours.ToHashSet(), theirs.ToHashSet());
        Assert.True(ours.Count >= Words - 4, $"we decoded {ours.Count} of {Words}");
    }
}
