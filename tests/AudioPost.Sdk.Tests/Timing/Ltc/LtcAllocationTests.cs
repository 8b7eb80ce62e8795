using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Sources;
using AudioPost.Sdk.Tests.TestUtilities;
using AudioPost.Sdk.Timing;
using AudioPost.Sdk.Timing.Ltc;

namespace AudioPost.Sdk.Tests.Timing.Ltc;

/// <summary>The LTC encoder, decoder, chase and source allocate nothing per block after warm-up.</summary>
public sealed class LtcAllocationTests
{
    private const int Block = 256;

    [Fact]
    public void EncoderDecoderAndChase_PerBlock_AllocateNothing()
    {
        var rate = FrameRate.Fps2997Drop;
        var encoder = new LtcEncoder(48_000, Timecode.Parse("00:59:00;02", rate));
        var decoder = new LtcDecoder(48_000, rate);
        var chase = new LtcChase(48_000, rate);
        var block = new float[Block];
        var decoded = 0;

        AllocationAssert.NoAllocations(step =>
        {
            encoder.Render(block);
            decoder.Write(block);
            while (decoder.TryRead(out var frame))
            {
                chase.Update(frame);
                decoded++;
            }

            block[step % Block] += (float)(chase.GetPosition(decoder.Position) * 0);
        });

        // 10,000+ blocks of 256 samples is over 53 s of LTC: the path was exercised, and the loop locked.
        Assert.True(decoded > 1_500, $"{decoded} words decoded");
        Assert.True(chase.IsLocked);
    }

    [Fact]
    public void LtcSource_Read_AllocatesNothing()
    {
        var source = new LtcSource(Timecode.Parse("10:00:00:00", FrameRate.Fps25), channelCount: 2);
        source.Prepare(new ProcessSpec(48_000, Block, 2));
        var storage = new float[2 * Block];

        AllocationAssert.NoAllocations(block =>
            source.Read(new AudioBlock(storage, 2, Block), new ProcessContext((long)block * Block, (long)block * Block, 48_000, false)));

        Assert.NotEqual(0f, storage.Max());
        Assert.Equal(storage[Block + 10], storage[10]);
    }
}
