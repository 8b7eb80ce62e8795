using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Sources;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Streaming;

public sealed class ReadAheadSourceTests
{
    private const int Rate = 48_000;

    private static void AssertRamp(AudioBlock block, long timelineFrame)
    {
        for (var c = 0; c < block.ChannelCount; c++)
        {
            var samples = block[c];
            for (var i = 0; i < samples.Length; i++)
            {
                Assert.Equal(timelineFrame + i + (c * 0.5f), samples[i]);
            }
        }
    }

    [Fact]
    public void Read_WaitMode_IsTheInnerSourceBitForBit_AcrossBlockSizesLocatesAndLoops()
    {
        using var source = new ReadAheadSource(new RampSource(2), StreamingMode.Wait, bufferFrames: 4096);
        source.Prepare(new ProcessSpec(Rate, 1024, 2));
        var storage = new float[2 * 1024];
        var random = new Random(7);
        var position = 100L;
        for (var step = 0; step < 3_000; step++)
        {
            var frames = random.Next(1, 1025);
            if (step % 500 == 499)
            {
                // A locate (or a loop back): the I/O thread starts again there.
                position = random.Next(0, 1_000_000);
            }

            var block = new AudioBlock(storage, 2, frames);
            source.Read(block, new ProcessContext(step, position, Rate, true));
            AssertRamp(block, position);
            position += frames;
        }

        Assert.Equal(0, source.UnderrunFrames);
    }

    [Fact]
    public void Read_RealTimeMode_NeverWaits_PlaysSilenceWhenLate_AndStaysInStepWithTheTimeline()
    {
        using var source = new ReadAheadSource(new SlowRampSource(), StreamingMode.RealTime, bufferFrames: 1 << 15);
        source.Prepare(new ProcessSpec(Rate, 256, 1));
        var storage = new float[256];
        var silent = 0L;
        var position = 0L;
        for (var step = 0; step < 400; step++)
        {
            var block = new AudioBlock(storage, 1, 256);
            source.Read(block, new ProcessContext(step, position, Rate, false));
            for (var i = 0; i < 256; i++)
            {
                // Every frame is either the inner source's own frame for this timeline position, or silence.
                if (storage[i] == 0f)
                {
                    silent++;
                }
                else
                {
                    Assert.Equal(position + i + 1, storage[i]);
                }
            }

            position += 256;
            if (step % 50 == 0)
            {
                // Bursts of 50 blocks (12,800 frames) fit in the ring; the pauses let the I/O thread fill it again.
                Thread.Sleep(50);
            }
        }

        // The first block comes before the I/O thread has read anything; most later ones find the ring filled.
        Assert.True(silent >= 256, $"{silent} silent frames");
        Assert.True(silent < 400 * 256 / 2, $"{silent} of {400 * 256} frames silent");
        Assert.Equal(silent, source.UnderrunFrames);
    }

    [Fact]
    public void Read_RealTimeMode_AllocatesNothing()
    {
        using var source = new ReadAheadSource(new RampSource(2), StreamingMode.RealTime, bufferFrames: 1 << 16);
        source.Prepare(new ProcessSpec(Rate, 64, 2));
        var storage = new float[2 * 64];
        AllocationAssert.NoAllocations(step =>
        {
            var block = new AudioBlock(storage, 2, 64);
            source.Read(block, new ProcessContext(step, step * 64L, Rate, false));
            if (step % 64 == 0)
            {
                Thread.SpinWait(20_000);
            }
        });
    }

    [Fact]
    public void Read_AfterTheInnerSourceFailed_RethrowsItsException()
    {
        using var source = new ReadAheadSource(new FailingSource(), StreamingMode.Wait, bufferFrames: 4096);
        source.Prepare(new ProcessSpec(Rate, 256, 1));
        var storage = new float[256];

        var error = Assert.Throws<IOException>(() =>
        {
            for (var step = 0; step < 1_000; step++)
            {
                source.Read(new AudioBlock(storage, 1, 256), new ProcessContext(step, step * 256L, Rate, true));
            }
        });
        Assert.Equal("disk gone", error.Message);
    }

    [Fact]
    public void Constructor_RejectsABufferOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReadAheadSource(new RampSource(), bufferFrames: 100));
        Assert.Throws<ArgumentNullException>(() => new ReadAheadSource(null!));
    }

    /// <summary>Frame n reads n + 1 (never 0, so silence is told apart), at about 4x real time at 48 kHz.</summary>
    private sealed class SlowRampSource : IAudioSource
    {
        public int ChannelCount => 1;

        public void Prepare(in ProcessSpec spec)
        {
        }

        public void Reset()
        {
        }

        public void Read(AudioBlock destination, in ProcessContext context)
        {
            Thread.Sleep(1);
            var samples = destination[0];
            for (var i = 0; i < samples.Length; i++)
            {
                samples[i] = context.TimelineFrame + i + 1;
            }
        }
    }

    private sealed class FailingSource : IAudioSource
    {
        private int _reads;

        public int ChannelCount => 1;

        public void Prepare(in ProcessSpec spec)
        {
        }

        public void Reset()
        {
        }

        public void Read(AudioBlock destination, in ProcessContext context)
        {
            if (++_reads > 3)
            {
                throw new IOException("disk gone");
            }

            destination.Clear();
        }
    }
}
