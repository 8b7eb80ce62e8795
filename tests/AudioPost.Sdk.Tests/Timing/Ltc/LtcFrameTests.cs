using AudioPost.Sdk.Timing;
using AudioPost.Sdk.Timing.Ltc;

namespace AudioPost.Sdk.Tests.Timing.Ltc;

/// <summary>The 80-bit word against REFERENCE.md §6.1's worked examples and §6.3's encoder vector.</summary>
public sealed class LtcFrameTests
{
    private const string SyncBits = "0011111111111101";

    [Theory]
    [InlineData("01:23:45:12", "25", "0100000010000000101000000010000011000000010000001000000000000000")]
    [InlineData("00:01:00;02", "29.97df", "0100000000100000000000000000000010000000000000000000000000000000")]
    public void ToBits_WorkedExamples_MatchTheReferenceBitForBit(string label, string rate, string expectedDataBits)
    {
        var timecode = Timecode.Parse(label, FrameRate.Parse(rate));
        var bits = LtcFrame.FromTimecode(timecode).ToBits(LtcFrame.IsTwentyFiveFamily(timecode.Rate));

        var text = new string([.. Enumerable.Range(0, 64).Select(i => ((bits >> i) & 1) == 1 ? '1' : '0')]);
        Assert.Equal(expectedDataBits, text);
        Assert.Equal(0, (text + SyncBits).Count(c => c == '1') % 2);
    }

    [Theory]
    [InlineData("25", 59)]
    [InlineData("50", 59)]
    [InlineData("24", 27)]
    [InlineData("29.97df", 27)]
    [InlineData("30", 27)]
    public void ToBits_EveryWord_HasAnEvenNumberOfOnesUsingTheRatesPolarityBit(string rate, int polarityBit)
    {
        var frameRate = FrameRate.Parse(rate);
        var twentyFive = LtcFrame.IsTwentyFiveFamily(frameRate);
        var otherBit = polarityBit == 59 ? 27 : 59;
        for (var frame = 0; frame < 3000; frame += 7)
        {
            var word = LtcFrame.FromTimecode(Timecode.FromFrameCount(frame * 13L, frameRate), userBits: (uint)frame * 2654435761u);
            var bits = word.ToBits(twentyFive);
            Assert.Equal(0UL, (ulong.PopCount(bits) + 13) % 2);
            Assert.Equal(0UL, (bits >> otherBit) & 1);
            Assert.True(LtcFrame.TryFromBits(bits, twentyFive, out var read));
            Assert.Equal(word, read);
        }
    }

    [Fact]
    public void FromBits_BinaryGroupFlagsAndColourFrame_RoundTrip()
    {
        var word = new LtcFrame(12, 34, 56, 7, isDropFrame: true, isColorFrame: true, userBits: 0x8765_4321, binaryGroupFlags: 5);
        foreach (var twentyFive in new[] { false, true })
        {
            Assert.True(LtcFrame.TryFromBits(word.ToBits(twentyFive), twentyFive, out var read));
            Assert.Equal(word, read);
        }
    }

    // REFERENCE.md §6.3: 01:23:45:12 at 25 fps, 48 kHz, square wave: 1920 samples per frame, 24 per bit, 22 ones →
    // 80 + 22 = 102 transitions, and the decoder finds the frame starting within one bit of sample 0.
    [Fact]
    public void Encode_SquareWaveReferenceVector_Has102TransitionsAndDecodesAtSampleZero()
    {
        var start = Timecode.Parse("01:23:45:12", FrameRate.Fps25);
        var samples = LtcSignal.Encode(start, 1, 48_000, new LtcEncoderOptions { RiseTimeMicroseconds = 0 });

        Assert.Equal(1920, samples.Length);
        var transitions = 1; // the edge at sample 0 itself
        for (var i = 1; i < samples.Length; i++)
        {
            transitions += Math.Sign(samples[i]) != Math.Sign(samples[i - 1]) ? 1 : 0;
        }

        Assert.Equal(102, transitions);
        var decoded = Assert.Single(LtcSignal.Decode(samples, 48_000, FrameRate.Fps25));
        Assert.Equal(start, decoded.Timecode);
        Assert.InRange(decoded.StartPosition, -24, 24);
    }

    [Theory]
    [InlineData(25.0)]
    [InlineData(40.0)]
    public void Encode_RiseTime_MeasuresAsConfiguredFrom10To90Percent(double riseMicroseconds)
    {
        // At 192 kHz a 40 µs edge spans several samples; measure the 10–90 % time of every rising edge by interpolation.
        const int SampleRate = 192_000;
        var samples = LtcSignal.Encode(Timecode.Parse("00:00:10:00", FrameRate.Fps30), 3, SampleRate, new LtcEncoderOptions { RiseTimeMicroseconds = riseMicroseconds, LevelDb = 0 });
        var rises = new List<double>();
        for (var i = 200; i < samples.Length - 200; i++)
        {
            if (samples[i - 1] < 0 && samples[i] >= 0)
            {
                var t10 = Crossing(samples, i, -0.8f, -1);
                var t90 = Crossing(samples, i, 0.8f, +1);
                rises.Add((t90 - t10) / SampleRate * 1e6);
            }
        }

        Assert.NotEmpty(rises);
        Assert.All(rises, r => Assert.InRange(r, riseMicroseconds - 1, riseMicroseconds + 1));
    }

    private static double Crossing(float[] samples, int around, float level, int direction)
    {
        var i = around;
        if (direction < 0)
        {
            while (samples[i - 1] >= level)
            {
                i--;
            }
        }
        else
        {
            while (samples[i] < level)
            {
                i++;
            }
        }

        return i - 1 + ((level - samples[i - 1]) / (samples[i] - samples[i - 1]));
    }
}
