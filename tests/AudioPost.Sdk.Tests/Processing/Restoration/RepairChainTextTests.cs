using AudioPost.Sdk.Processing.Chains;
using AudioPost.Sdk.Processing.Restoration;

namespace AudioPost.Sdk.Tests.Processing.Restoration;

/// <summary>The <c>process --chain</c> vocabulary builds the repair processors with the keys given.</summary>
public sealed class RepairChainTextTests
{
    [Fact]
    public void ChainText_BuildsDeHumDeClickAndLeveler()
    {
        var chain = ProcessorFactory.CreateDefault().CreateChain("dehum f=60 harmonics=4 amount=50; declick threshold=12; leveler target=-18 lookahead=100", 48_000);

        var dehum = Assert.IsType<DeHumProcessor>(chain[0]);
        Assert.Equal(HumFrequency.Hz60, dehum.Frequency);
        Assert.Equal(4, dehum.Harmonics);
        Assert.Equal(50f, dehum.Amount.Value);
        Assert.Equal(12f, Assert.IsType<DeClickProcessor>(chain[1]).Threshold.Value);
        var leveler = Assert.IsType<LevelerProcessor>(chain[2]);
        Assert.Equal(-18f, leveler.Target.Value);
        Assert.Equal(100, leveler.LookAheadMilliseconds);
    }
}
