using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Tests.TestUtilities;
using AudioPost.Sdk.Timeline;

namespace AudioPost.Sdk.Tests.Timeline;

public sealed class ClipTrackSourceTests
{
    private const int Rate = 48_000;

    private static float[] Render(ClipTrackSource source, long start, int frames, int blockSize)
    {
        source.Prepare(new ProcessSpec(Rate, blockSize, source.ChannelCount));
        var output = new float[frames];
        var storage = new float[source.ChannelCount * blockSize];
        for (var done = 0; done < frames;)
        {
            var count = Math.Min(blockSize, frames - done);
            var block = new AudioBlock(storage, source.ChannelCount, count, blockSize);
            source.Read(block, new ProcessContext(done, start + done, Rate, true));
            block[0].CopyTo(output.AsSpan(done));
            done += count;
        }

        return output;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(64)]
    [InlineData(1001)]
    public void Read_ClipsStartingInsideBlocks_LandOnTheirExactSamples(int blockSize)
    {
        // Two clips with source-in points, one starting at frame 0 of the render, one at an odd frame.
        var first = new TimelineClip(new CountingSource(10_000), position: 5_000, length: 700) { SourceIn = 123 };
        var second = new TimelineClip(new CountingSource(10_000, scale: -1f), position: 5_977, length: 50) { SourceIn = 9 };
        var source = new ClipTrackSource(1, [second, first]);

        var output = Render(source, start: 5_000, frames: 2_000, blockSize);

        for (var i = 0; i < output.Length; i++)
        {
            var t = 5_000L + i;
            var expected = 0f;
            if (t >= 5_000 && t < 5_700)
            {
                expected += 123 + (t - 5_000) + 1;
            }

            if (t >= 5_977 && t < 6_027)
            {
                expected -= 9 + (t - 5_977) + 1;
            }

            Assert.True(expected == output[i], $"frame {t}: expected {expected}, got {output[i]} (block {blockSize})");
        }
    }

    [Theory]
    [InlineData(64)]
    [InlineData(1000)]
    public void Read_LongClipWithGainAndAShortClipInsideIt_MatchesTheSumExactly(int blockSize)
    {
        // Blocks the long clip covers alone are read straight into the output and scaled in place; blocks the short
        // clip touches are mixed. Both must give clip · gain (+ the short clip), to the bit.
        var gain = (float)Math.Pow(10, -3.0 / 20);
        var outer = new TimelineClip(new CountingSource(50_000, scale: 0.001f), position: 0, length: 20_000) { GainDb = -3f, SourceIn = 7 };
        var inner = new TimelineClip(new CountingSource(50_000, scale: -0.002f), position: 9_001, length: 333);
        var source = new ClipTrackSource(1, [outer, inner]);

        var output = Render(source, start: 0, frames: 20_000, blockSize);

        for (var t = 0; t < output.Length; t++)
        {
            var expected = 0f + (0.001f * (7 + t + 1) * Decibels.ToGain(-3f));
            if (t >= 9_001 && t < 9_334)
            {
                expected += -0.002f * (t - 9_001 + 1);
            }

            Assert.True(expected == output[t], $"frame {t}: expected {expected}, got {output[t]} (block {blockSize})");
        }

        Assert.Equal(gain, Decibels.ToGain(-3f), 6);
    }

    [Fact]
    public void Read_Gain_ScalesTheClip()
    {
        var clip = new TimelineClip(new DcSource(1f), 0, 100) { GainDb = -6.0206f };

        var output = Render(new ClipTrackSource(1, [clip]), 0, 100, 64);

        Assert.All(output, s => Assert.Equal(0.5f, s, 4));
    }

    [Theory]
    [InlineData(FadeShape.Linear)]
    [InlineData(FadeShape.EqualPower)]
    [InlineData(FadeShape.SCurve)]
    public void Read_Fades_FollowTheirCurves(FadeShape shape)
    {
        const int Length = 1_000, FadeIn = 300, FadeOut = 200;
        var clip = new TimelineClip(new DcSource(1f), 10_000, Length) { FadeIn = FadeIn, FadeOut = FadeOut, FadeInShape = shape, FadeOutShape = shape };

        var output = Render(new ClipTrackSource(1, [clip]), 10_000, Length, 77);

        Assert.Equal(0f, output[0]);
        for (var k = 0; k < Length; k++)
        {
            var expected = 1.0;
            if (k < FadeIn)
            {
                expected *= Curve(shape, (double)k / FadeIn);
            }

            if (Length - k <= FadeOut)
            {
                expected *= Curve(shape, (double)(Length - k) / FadeOut);
            }

            Assert.Equal(expected, output[k], 1e-6);
        }

        // Half-way through the fade-in: linear -6 dB, equal power -3 dB, S-curve -6 dB.
        var middle = output[FadeIn / 2];
        Assert.Equal(shape == FadeShape.EqualPower ? Math.Sqrt(0.5) : 0.5, middle, 1e-6);
    }

    private static double Curve(FadeShape shape, double x) => shape switch
    {
        FadeShape.Linear => x,
        FadeShape.EqualPower => Math.Sin(Math.PI / 2 * x),
        _ => (1 - Math.Cos(Math.PI * x)) / 2,
    };

    [Theory]
    [InlineData(FadeShape.Linear)]
    [InlineData(FadeShape.EqualPower)]
    [InlineData(FadeShape.SCurve)]
    public void Read_OverlappingClips_Crossfade(FadeShape shape)
    {
        // A [0, 1000), B [600, 1600): a 400-frame crossfade. Each clip's gain is measured alone (the other silent).
        float[] Gains(float a, float b)
        {
            var clipA = new TimelineClip(new DcSource(a), 0, 1_000);
            var clipB = new TimelineClip(new DcSource(b), 600, 1_000);
            return Render(new ClipTrackSource(1, [clipA, clipB], shape), 0, 1_600, 128);
        }

        var outgoing = Gains(1f, 0f);
        var incoming = Gains(0f, 1f);

        Assert.Equal(1f, outgoing[599]);
        Assert.Equal(0f, incoming[600]);
        Assert.Equal(1f, incoming[1_000]);
        for (var t = 600; t < 1_000; t++)
        {
            var sum = shape == FadeShape.EqualPower
                ? (outgoing[t] * outgoing[t]) + (incoming[t] * incoming[t])
                : outgoing[t] + incoming[t];
            Assert.Equal(1.0, sum, 5);
        }
    }

    [Fact]
    public void Read_MonoClipOnAStereoTrack_PlaysOnBothChannels()
    {
        var source = new ClipTrackSource(2, [new TimelineClip(new DcSource(0.25f), 3, 5)]);
        source.Prepare(new ProcessSpec(Rate, 16, 2));
        var storage = new float[32];
        var block = new AudioBlock(storage, 2, 16);

        source.Read(block, new ProcessContext(0, 0, Rate, false));

        float[] expected = [0, 0, 0, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0, 0, 0, 0, 0, 0, 0, 0];
        Assert.Equal(expected, block[0].ToArray());
        Assert.Equal(expected, block[1].ToArray());
    }

    [Fact]
    public void Constructor_SharedSourceOrWrongWidth_IsRejected()
    {
        var shared = new DcSource(1f);
        Assert.Throws<ArgumentException>(() => new ClipTrackSource(1, [new TimelineClip(shared, 0, 10), new TimelineClip(shared, 20, 10)]));
        Assert.Throws<ArgumentException>(() => new ClipTrackSource(2, [new TimelineClip(new DcSource(1f, 3), 0, 10)]));
    }

    [Fact]
    public void Read_ManyClips_AllocatesNothing()
    {
        const int Block = 256;
        var clips = new List<TimelineClip>();
        for (var i = 0; i < 200; i++)
        {
            clips.Add(new TimelineClip(new CountingSource(5_000), position: i * 3_001L, length: 4_000) { FadeIn = 100, FadeOut = 500, SourceIn = i });
        }

        var source = new ClipTrackSource(2, clips, FadeShape.SCurve);
        source.Prepare(new ProcessSpec(Rate, Block, 2));
        var storage = new float[2 * Block];
        AllocationAssert.NoAllocations(block =>
        {
            var frames = 1 + (block % Block);
            source.Read(new AudioBlock(storage, 2, frames, Block), new ProcessContext(0, (block * 97L) % 600_000, Rate, false));
        });
    }
}
