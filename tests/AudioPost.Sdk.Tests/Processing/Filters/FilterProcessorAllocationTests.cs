using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Filters;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Processing.Filters;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Processing.Filters;

/// <summary>One allocation test per filter processor: warm up, then 10,000 blocks with automation running allocate 0 bytes.</summary>
public sealed class FilterProcessorAllocationTests
{
    private const int Block = 256;

    private static void AssertProcessor(IAudioProcessor processor, int channels)
    {
        processor.Prepare(new ProcessSpec(48_000, Block, channels));
        var storage = new float[channels * Block];
        AllocationAssert.NoAllocations(block =>
        {
            var buffer = new AudioBlock(storage, channels, Block);
            buffer[0][block % Block] = 0.5f;
            if (processor is IBypassable bypassable)
            {
                // Through bypass and back, as a host's button would.
                bypassable.IsBypassed = block % 1000 == 999;
            }

            processor.Process(buffer, new ProcessContext((long)block * Block, (long)block * Block, 48_000, false));
        });
    }

    [Fact]
    public void BiquadFilterProcessor_AutomatedFrequencyQAndGain_AllocatesNothing()
    {
        var filter = new BiquadFilterProcessor(BiquadType.Peak, 200, 1, -6);
        filter.Frequency.SetValueAtTime(200, 0).ExponentialRampToValueAtTime(8000, Block * 5000L);
        filter.Q.SetValueAtTime(0.5f, 0).LinearRampToValueAtTime(8, Block * 6000L);
        filter.Gain.SetValueAtTime(-6, 0).LinearRampToValueAtTime(6, Block * 7000L);
        AssertProcessor(filter, 2);
    }

    [Fact]
    public void ButterworthFilterProcessor_AutomatedCutoff_AllocatesNothing()
    {
        var filter = new ButterworthFilterProcessor(FilterPass.LowPass, 7, 200);
        filter.Frequency.SetValueAtTime(200, 0).ExponentialRampToValueAtTime(12_000, Block * 5000L);
        AssertProcessor(filter, 6);
    }

    [Fact]
    public void LinkwitzRileyFilterProcessor_AutomatedCutoff_AllocatesNothing()
    {
        var filter = new LinkwitzRileyFilterProcessor(FilterPass.HighPass, 8, 200);
        filter.Frequency.SetValueAtTime(200, 0).ExponentialRampToValueAtTime(12_000, Block * 5000L);
        AssertProcessor(filter, 2);
    }

    [Fact]
    public void ParametricEqProcessor_EightBandsAutomated_AllocatesNothing()
    {
        var eq = new ParametricEqProcessor(8);
        for (var i = 0; i < 8; i++)
        {
            var band = eq.Bands[i];
            band.Type = (BiquadType)(i % 8);
            band.Gain.SetValueAtTime(-6, 0).LinearRampToValueAtTime(6, Block * (4000L + (500 * i)));
        }

        eq.Bands[5].IsEnabled = false;
        AssertProcessor(eq, 8);
    }
}
