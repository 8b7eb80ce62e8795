using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Processing.Metering;
using AudioPost.Sdk.Processing.Mixing;
using AudioPost.Sdk.Sinks;
using AudioPost.Sdk.Sources;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Graph;

public sealed class ZeroAllocationTests
{
    /// <summary>16 sources → gain → pan → bus → meter → sink: the reference graph.</summary>
    internal static (AudioRenderer Renderer, GainProcessor[] Gains, PanProcessor[] Pans) BuildSixteenSourceMix(int blockSize)
    {
        var builder = new AudioGraphBuilder(new GraphOptions { BlockSize = blockSize });
        var bus = builder.AddMultiInput(new MixerBus(16), "bus");
        var gains = new GainProcessor[16];
        var pans = new PanProcessor[16];
        for (var i = 0; i < 16; i++)
        {
            NodeId source = (i % 3) switch
            {
                0 => builder.AddSource(new ToneSource(100f + (i * 50), -18f)),
                1 => builder.AddSource(new NoiseSource(NoiseColor.Pink, -30f, seed: (ulong)i)),
                _ => builder.AddSource(new NoiseSource(NoiseColor.White, -36f, seed: (ulong)i)),
            };
            gains[i] = new GainProcessor(-3f);
            pans[i] = new PanProcessor((i / 7.5f) - 1f);
            var gain = builder.AddProcessor(gains[i]);
            var pan = builder.AddProcessor(pans[i]);
            builder.Connect(source, gain).Connect(gain, pan).Connect(pan, bus, i);
        }

        var meter = builder.AddProcessor(new MeterTap(), "meter");
        builder.Connect(bus, meter).Connect(meter, builder.AddSink(new NullSink())).SetOutput(meter);
        return (new AudioRenderer(builder.Compile()), gains, pans);
    }

    [Theory]
    [InlineData(64)]
    [InlineData(256)]
    [InlineData(1024)]
    public void RenderBlock_SixteenSourceMix_AllocatesNothingOver10000Blocks(int blockSize)
    {
        var (renderer, _, _) = BuildSixteenSourceMix(blockSize);

        AllocationAssert.NoAllocations(_ => renderer.RenderBlock(blockSize));
    }

    [Fact]
    public void Render_SixteenSourceMixWithAutomationAndFaderMoves_AllocatesNothing()
    {
        var (renderer, gains, pans) = BuildSixteenSourceMix(256);
        for (var i = 0; i < gains.Length; i++)
        {
            gains[i].Gain.SetValueAtTime(-3f, 0).LinearRampToValueAtTime(-12f, 48_000 * 10).ExponentialRampToValueAtTime(-1f, 48_000 * 20);
        }

        var host = new float[2 * 300];

        // The control side posts values between blocks, as a UI thread would; the audio side must still not allocate.
        AllocationAssert.NoAllocations(block =>
        {
            pans[block % 16].Pan.Value = (block % 200) / 100f - 1f;
            renderer.Render(host);
        });
    }
}
