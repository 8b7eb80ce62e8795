using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Delays;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Processing.Delays;
using AudioPost.Sdk.Processing.Reverb;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Processing;

/// <summary>The delays' and reverbs' allocation tests: warm up, then blocks with automation running must allocate 0 bytes.</summary>
public sealed class TimeAndSpaceAllocationTests
{
    private const int Block = 256;

    private static void AssertProcessor(IAudioProcessor processor, int inputChannels = 2, int iterations = 10_000)
    {
        var outputs = processor.GetOutputChannelCount(inputChannels);
        processor.Prepare(new ProcessSpec(48_000, Block, inputChannels));
        var channels = Math.Max(inputChannels, outputs);
        var storage = new float[channels * Block];
        AllocationAssert.NoAllocations(block =>
        {
            var buffer = new AudioBlock(storage, channels, Block);
            buffer[0][block % Block] = 0.5f;
            processor.Process(buffer, new ProcessContext((long)block * Block, (long)block * Block, 48_000, false));
            processor.Reset();
        }, iterations);
    }

    [Theory]
    [InlineData(DelayInterpolation.Linear)]
    [InlineData(DelayInterpolation.Lagrange3)]
    [InlineData(DelayInterpolation.Sinc32)]
    public void FractionalDelay_AutomatedDelay_AllocatesNothing(DelayInterpolation interpolation)
    {
        var delay = new FractionalDelayProcessor(3.3f, 50f, interpolation);
        delay.Delay.SetValueAtTime(3.3f, 0).LinearRampToValueAtTime(20f, Block * 5000L);
        AssertProcessor(delay);
    }

    [Fact]
    public void ModulatedDelay_AutomatedRate_AllocatesNothing()
    {
        var chorus = new ModulatedDelayProcessor(feedback: 0.4f);
        chorus.Rate.SetValueAtTime(0.5f, 0).LinearRampToValueAtTime(5f, Block * 5000L);
        AssertProcessor(chorus);
    }

    [Fact]
    public void AlgorithmicReverb_MonoInAutomatedDecay_AllocatesNothing()
    {
        var reverb = new AlgorithmicReverbProcessor();
        reverb.DecayLow.SetValueAtTime(1f, 0).LinearRampToValueAtTime(10f, Block * 500L);
        AssertProcessor(reverb, inputChannels: 1, iterations: 1000);
    }

    [Fact]
    public void ConvolutionReverb_TrueStereo_AllocatesNothing()
    {
        var ir = new float[4][];
        for (var c = 0; c < 4; c++)
        {
            ir[c] = new float[24_000];
            ir[c][c * 100] = 0.5f;
        }

        var reverb = new ConvolutionReverbProcessor(ir);
        reverb.Dry.SetValueAtTime(-20f, 0).LinearRampToValueAtTime(0f, Block * 500L);
        AssertProcessor(reverb, iterations: 1000);
    }
}
