using AudioPost.Sdk.Tests.TestUtilities;
using AudioPost.Sdk.Timeline;
using AudioPost.Sdk.Timing;

namespace AudioPost.Sdk.Tests.Timeline;

/// <summary>Host-driven playback: the loop wraps and the locate lands on exact samples at any host chunk size.</summary>
public sealed class TimelinePlayerTests
{
    private const int Rate = 48_000;

    // The clip's source frame n plays n + 1 at timeline frame 1000 + n, so the output names the timeline frame played.
    private static Sdk.Timeline.AudioTimeline CreateTimeline()
    {
        var timeline = new Sdk.Timeline.AudioTimeline(Rate, Timecode.FromFrameCount(0, FrameRate.Fps25), outputChannelCount: 1);
        timeline.Add(new TimelineTrack("ramp")).Add(new TimelineClip(new CountingSource(100_000), 1_000, 100_000));
        return timeline;
    }

    private static float[] Play(TimelinePlayer player, int frames, params int[] chunks)
    {
        var output = new float[frames];
        for (int done = 0, k = 0; done < frames; k++)
        {
            var count = Math.Min(chunks[k % chunks.Length], frames - done);
            player.Render(output.AsSpan(done, count));
            done += count;
        }

        return output;
    }

    [Theory]
    [InlineData(64, 17)]
    [InlineData(256, 1000)]
    [InlineData(100, 100)]
    public void SetLoop_WrapsOnTheExactSample(int blockSize, int chunk)
    {
        using var timeline = CreateTimeline();
        var player = TimelinePlayer.Create(timeline, blockSize);
        player.Locate(5_000);
        player.SetLoop(5_000, 5_333);

        var output = Play(player, 3_000, chunk, 3);

        // Timeline frame t plays t - 1000 + 1.
        for (var i = 0; i < output.Length; i++)
        {
            var t = 5_000 + (i % 333);
            Assert.True(output[i] == t - 999, $"output {i}: expected timeline frame {t}, got value {output[i]}");
        }
    }

    [Fact]
    public void Locate_WithPreRoll_StartsEarlierAndReachesTheTargetOnTime()
    {
        using var timeline = CreateTimeline();
        var player = TimelinePlayer.Create(timeline, 128);
        Play(player, 1_000, 300);

        player.Locate(20_000, preRollFrames: 2_000);
        var output = Play(player, 4_000, 128);

        // The first block after the request starts the pre-roll at 18,000; 20,000 follows 2,000 frames later.
        var first = Array.FindIndex(output, s => s == 18_000 - 999);
        Assert.True(first >= 0 && first < 128, $"pre-roll started at output {first}");
        Assert.Equal(20_000 - 999, output[first + 2_000]);
    }

    [Fact]
    public void Render_WhileLooping_AllocatesNothing()
    {
        using var timeline = CreateTimeline();
        var player = TimelinePlayer.Create(timeline, 64);
        player.SetLoop(1_000, 3_001);
        var buffer = new float[96];

        AllocationAssert.NoAllocations(_ => player.Render(buffer), iterations: 5_000);
    }
}
