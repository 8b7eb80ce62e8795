using AudioPost.Sdk.Processing.Restoration;
using AudioPost.Sdk.Tests.Processing.Dynamics;

namespace AudioPost.Sdk.Tests.Processing.Restoration;

/// <summary>Every restoration node, warmed up, then 10,000 blocks of loud and quiet stretches with a parameter ramping: 0 bytes allocated.</summary>
public sealed class RestorationAllocationTests
{
    [Fact]
    public void DeHum_AutoDetectingStereo_AllocatesNothing()
    {
        var processor = new DeHumProcessor(HumFrequency.Auto);
        processor.Amount.SetValueAtTime(100f, 0).LinearRampToValueAtTime(50f, 256L * 5000);
        DynamicsAllocationTests.AssertProcessor(processor);
    }

    [Fact]
    public void DeClick_Stereo_AllocatesNothing()
    {
        var processor = new DeClickProcessor();
        processor.Threshold.SetValueAtTime(8f, 0).LinearRampToValueAtTime(12f, 256L * 5000);
        DynamicsAllocationTests.AssertProcessor(processor);
    }

    [Fact]
    public void Leveler_Stereo_AllocatesNothing()
    {
        var processor = new LevelerProcessor();
        processor.Target.SetValueAtTime(-20f, 0).LinearRampToValueAtTime(-16f, 256L * 5000);
        DynamicsAllocationTests.AssertProcessor(processor);
    }
}
