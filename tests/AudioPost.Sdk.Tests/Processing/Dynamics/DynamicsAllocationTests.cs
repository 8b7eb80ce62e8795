using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Dynamics;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Processing.Dynamics;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Processing.Dynamics;

/// <summary>Every dynamics node, warmed up, then 10,000 blocks with automation running: 0 bytes allocated.</summary>
public sealed class DynamicsAllocationTests
{
    private const int Block = 256;
    private const int Rate = 48_000;

    private static ProcessContext At(int block) => new((long)block * Block, (long)block * Block, Rate, false);

    internal static void AssertProcessor(IAudioProcessor processor, int channels = 2)
    {
        processor.Prepare(new ProcessSpec(Rate, Block, channels));
        var storage = new float[channels * Block];
        var phase = 0.0;
        AllocationAssert.NoAllocations(block =>
        {
            var buffer = new AudioBlock(storage, channels, Block);
            for (var i = 0; i < Block; i++, phase += 0.13)
            {
                // Loud and quiet stretches, so every branch (attack, release, knee, gate states) runs.
                var level = (block / 20 % 2 == 0) ? 0.9f : 0.001f;
                for (var c = 0; c < channels; c++)
                {
                    buffer[c][i] = level * (float)Math.Sin(phase + c);
                }
            }

            processor.Process(buffer, At(block));
        });
    }

    [Fact]
    public void Compressor_StereoLookAheadAutomatedThresholdAndAttack_AllocatesNothing()
    {
        var compressor = new CompressorProcessor(-20f, 4f, 6f, 5f, 80f, 2f, DetectionMode.Peak, lookAheadMilliseconds: 3);
        compressor.Threshold.SetValueAtTime(-30f, 0).LinearRampToValueAtTime(-10f, Block * 5000L);
        compressor.Attack.SetValueAtTime(1f, 0).LinearRampToValueAtTime(30f, Block * 5000L);
        compressor.Link.Value = 50f;
        AssertProcessor(compressor);
        var readings = new float[2];
        AllocationAssert.NoAllocations(_ => compressor.GainReduction.TryRead(readings, readings));
    }

    [Fact]
    public void Compressor_RmsBypassToggling_AllocatesNothing()
    {
        var compressor = new CompressorProcessor(detection: DetectionMode.Rms);
        compressor.Prepare(new ProcessSpec(Rate, Block, 2));
        var storage = new float[2 * Block];
        AllocationAssert.NoAllocations(block =>
        {
            compressor.Bypassed = block % 7 < 3;
            storage.AsSpan().Fill(block % 3 == 0 ? 0.8f : 0.01f);
            compressor.Process(new AudioBlock(storage, 2, Block), At(block));
        });
    }

    [Fact]
    public void Compressor_SideChainWithMonoKey_AllocatesNothing()
    {
        var compressor = new CompressorProcessor(lookAheadMilliseconds: 1);
        int[] channels = [2, 1];
        compressor.Prepare(new ProcessSpec(Rate, Block, 2), channels);
        var storage = new float[3 * Block];
        int[] offsets = [0, 2 * Block];
        var output = new float[2 * Block];
        AllocationAssert.NoAllocations(block =>
        {
            storage.AsSpan(2 * Block).Fill(block % 5 == 0 ? 1f : 0f);
            var inputs = new AudioInputs(storage, offsets, channels, Block, Block);
            compressor.Process(inputs, new AudioBlock(output, 2, Block), At(block));
        });
    }
}
