using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Processing.Mixing;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Processing.Mixing;

/// <summary>Every mixing node, with its parameters moving: warm up, then 10,000 blocks must allocate 0 bytes.</summary>
public sealed class MixingAllocationTests
{
    private const int Block = 256;

    private static ProcessContext At(int block) => new((long)block * Block, (long)block * Block, 48_000, false);

    private static void AssertProcessor(IAudioProcessor processor, int inputChannels, Action<int>? beforeBlock = null)
    {
        var outputs = processor.GetOutputChannelCount(inputChannels);
        processor.Prepare(new ProcessSpec(48_000, Block, inputChannels));
        var width = Math.Max(inputChannels, outputs);
        var storage = new float[width * Block];
        AllocationAssert.NoAllocations(block =>
        {
            var buffer = new AudioBlock(storage, width, Block);
            buffer[0][block % Block] = 0.5f;
            beforeBlock?.Invoke(block);
            processor.Process(buffer, At(block));
        });
    }

    [Fact]
    public void FaderProcessor_AutomatedWithMuteAndOffsetMoving_AllocatesNothing()
    {
        var fader = new FaderProcessor(-6f);
        fader.Gain.SetValueAtTime(-6f, 0).LinearRampToValueAtTime(0f, Block * 5000L);
        AssertProcessor(fader, 2, block =>
        {
            fader.Mute.Value = (block / 50) % 2;
            fader.Offset.Value = -(block % 7);
        });
    }

    [Fact]
    public void ChannelMatrixProcessor_Downmix51WithMatrixChanges_AllocatesNothing()
    {
        var processor = new ChannelMatrixProcessor(ChannelMatrix.Downmix51ToStereo());
        ChannelMatrix[] matrices = [ChannelMatrix.Downmix51ToStereo(center: 0.5f), ChannelMatrix.Downmix51ToStereo()];
        AssertProcessor(processor, 6, block =>
        {
            if (block % 40 == 0)
            {
                processor.SetMatrix(matrices[(block / 40) % 2]);
            }
        });
    }

    [Fact]
    public void ChannelMatrixProcessor_Upmix_AllocatesNothing() =>
        AssertProcessor(new ChannelMatrixProcessor(ChannelMatrix.UpmixStereoTo51()), 2);

    [Fact]
    public void SurroundPannerProcessor_Automated714WithSpread_AllocatesNothing()
    {
        var panner = new SurroundPannerProcessor(ChannelLayout.Surround714, spreadDegrees: 30f, lfeDecibels: -10f);
        panner.Azimuth.SetValueAtTime(-180f, 0).LinearRampToValueAtTime(180f, Block * 5000L);
        panner.Elevation.SetValueAtTime(0f, 0).LinearRampToValueAtTime(90f, Block * 5000L);
        AssertProcessor(panner, 1);
    }

    [Fact]
    public void SurroundPannerProcessor_51ValueChanges_AllocatesNothing()
    {
        var panner = new SurroundPannerProcessor(ChannelLayout.Surround51);
        AssertProcessor(panner, 1, block => panner.Azimuth.Value = (block % 360) - 180);
    }
}
