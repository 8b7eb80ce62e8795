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

    [Fact]
    public void Gate_AutomatedThresholdAndHold_AllocatesNothing()
    {
        var gate = new GateProcessor(-30f);
        gate.Threshold.SetValueAtTime(-50f, 0).LinearRampToValueAtTime(-20f, Block * 5000L);
        gate.Hold.SetValueAtTime(0f, 0).LinearRampToValueAtTime(50f, Block * 5000L);
        AssertProcessor(gate);
    }

    [Fact]
    public void Expander_RmsAutomatedRelease_AllocatesNothing()
    {
        var expander = new ExpanderProcessor(-30f, 3f, detection: DetectionMode.Rms);
        expander.Release.SetValueAtTime(10f, 0).LinearRampToValueAtTime(300f, Block * 5000L);
        AssertProcessor(expander, channels: 6);
    }

    [Fact]
    public void DeEsser_AutomatedFrequency_AllocatesNothing()
    {
        var deEsser = new DeEsserProcessor(6_000f, -40f);
        deEsser.Frequency.SetValueAtTime(4_000f, 0).LinearRampToValueAtTime(9_000f, Block * 5000L);
        AssertProcessor(deEsser);
    }

    [Fact]
    public void Multiband_FourBandsCompressing_AllocatesNothing()
    {
        var multiband = new MultibandCompressorProcessor([150f, 1_500f, 6_000f], DetectionMode.Rms);
        for (var b = 0; b < multiband.BandCount; b++)
        {
            multiband.GetBand(b).Ratio.Value = 2f + b;
            multiband.GetBand(b).Threshold.Value = -30f;
        }

        multiband.GetCrossoverFrequency(1).SetValueAtTime(1_000f, 0).LinearRampToValueAtTime(2_000f, Block * 5000L);
        AssertProcessor(multiband);
    }
}
