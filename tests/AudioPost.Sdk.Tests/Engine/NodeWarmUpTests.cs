using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Filters;
using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Processing.Dynamics;
using AudioPost.Sdk.Processing.Filters;
using AudioPost.Sdk.Sources;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Engine;

/// <summary>
/// Compile runs throwaway instances of some built-in processor types to compile their automation paths off the audio
/// thread (Engine/NodeWarmUp). The user's node must come out of Compile exactly as it went in.
/// </summary>
public sealed class NodeWarmUpTests
{
    [Fact]
    public void Compile_LeavesTheUsersFilterAndItsAutomationAsTheyWere()
    {
        const int Block = 128;
        static BiquadFilterProcessor Filter()
        {
            var filter = new BiquadFilterProcessor(BiquadType.Peak, 1_000f, 2f, 9f);
            filter.Frequency.SetValueAtTime(1_000f, 0).LinearRampToValueAtTime(4_000f, 4 * Block);
            return filter;
        }

        // Through a compiled graph (which warms the biquad type up on its first compile in this process)...
        var inGraph = Filter();
        var builder = new AudioGraphBuilder(new GraphOptions { BlockSize = Block });
        var impulse = builder.AddSource(new DcSource(0.5f));
        var node = builder.AddProcessor(inGraph);
        builder.Connect(impulse, node).SetOutput(node);
        var renderer = new AudioRenderer(builder.Compile());
        var viaGraph = new float[8 * Block];
        for (var b = 0; b < 8; b++)
        {
            renderer.Render(new AudioBlock(viaGraph.AsSpan(b * Block, Block), 1, Block));
        }

        // ...and the same filter run by hand: the same samples, so nothing of the warm-up reached the user's node.
        var byHand = Filter();
        byHand.Prepare(new ProcessSpec(48_000, Block, 1));
        var expected = new float[8 * Block];
        for (var b = 0; b < 8; b++)
        {
            var block = new AudioBlock(expected.AsSpan(b * Block, Block), 1, Block);
            block[0].Fill(0.5f);
            byHand.Process(block, new ProcessContext(b * Block, b * Block, 48_000, isOffline: false));
        }

        Assert.Equal(expected, viaGraph);
        Assert.Equal(0, inGraph.Frequency.DroppedEventCount);
        Assert.Equal(4_000f, inGraph.Frequency.CurrentValue);
    }

    [Theory]
    [InlineData(8_000)]
    [InlineData(192_000)]
    public void Compile_MultibandAtLowAndHighRates_Compiles(int sampleRate)
    {
        var builder = new AudioGraphBuilder(new GraphOptions { SampleRate = sampleRate, BlockSize = 64 });
        var tone = builder.AddSource(new ToneSource(300f, -12f, 2));
        var multiband = builder.AddProcessor(new MultibandCompressorProcessor([500f, 1_500f, 3_000f]));
        builder.Connect(tone, multiband).SetOutput(multiband);

        var renderer = new AudioRenderer(builder.Compile());
        var output = new float[2 * 64];
        renderer.Render(output);

        Assert.Contains(output, s => s != 0f);
    }
}
