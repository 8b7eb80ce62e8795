using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Processing.Dynamics;
using AudioPost.Sdk.Sources;
using AudioPost.Sdk.Tests.TestUtilities;
using static AudioPost.Sdk.Tests.Processing.Dynamics.DynamicsSignals;

namespace AudioPost.Sdk.Tests.Processing.Dynamics;

public sealed class CompressorSideChainTests
{
    private static (float[] Output, CompressorProcessor Compressor, RenderPlan Plan) RenderDucking(bool connectKey, double lookAheadMs = 0)
    {
        var builder = new AudioGraphBuilder(new GraphOptions { BlockSize = 128 });
        var music = builder.AddSource(new ToneSource(1000f, -20f, 2), "music");
        var voice = builder.AddSource(new DcSource(1f), "voice key");
        var compressor = new CompressorProcessor(-10f, 4f, 0f, 1f, 50f, lookAheadMilliseconds: lookAheadMs);
        var duck = builder.AddMultiInput(compressor, "ducker");
        builder.Connect(music, duck, 0);
        if (connectKey)
        {
            builder.Connect(voice, duck, 1);
        }

        builder.SetOutput(duck);
        var plan = builder.Compile();
        return (GraphHarness.RenderHost(new AudioRenderer(plan), Rate / 2), compressor, plan);
    }

    private static float[] Left(float[] interleaved)
    {
        var left = new float[interleaved.Length / 2];
        for (var i = 0; i < left.Length; i++)
        {
            left[i] = interleaved[2 * i];
        }

        return left;
    }

    [Fact]
    public void Graph_KeyAtZeroDbDrivesReductionOnAQuieterMain()
    {
        // The main, a −20 dBFS tone, sits under the −10 dB threshold: alone it is untouched. The 0 dBFS key asks for
        // (0 − (−10)) · (1 − 1/4) = 7.5 dB, which the main receives.
        var (output, compressor, _) = RenderDucking(connectKey: true);

        Assert.Equal(-27.5, SinePeakDb(Left(output).AsSpan(Rate / 4, 4_800)), 2);
        var current = new float[2];
        Assert.True(compressor.GainReduction.TryRead(current));
        Assert.Equal(7.5f, current[0], 3);
        Assert.Equal(7.5f, current[1], 3);
    }

    [Fact]
    public void Graph_KeyUnconnected_CompressesByTheMainItself()
    {
        var (output, compressor, _) = RenderDucking(connectKey: false);

        Assert.Equal(-20, SinePeakDb(Left(output).AsSpan(Rate / 4, 4_800)), 3);
        var current = new float[2];
        Assert.True(compressor.GainReduction.TryRead(current));
        Assert.Equal(0f, current[0]);
    }

    [Fact]
    public void Graph_LookAheadInTheSideChainNode_IsReportedAsThePlanLatency()
    {
        var (_, _, plan) = RenderDucking(connectKey: true, lookAheadMs: 3);

        Assert.Equal(144, plan.LatencyFrames);
    }

    [Fact]
    public void GetOutputChannelCount_KeyOfAnotherWidth_IsRejected()
    {
        var compressor = new CompressorProcessor();
        Assert.Equal(2, compressor.GetOutputChannelCount([2, 1]));
        Assert.Equal(2, compressor.GetOutputChannelCount([2, 2]));
        Assert.Equal(6, compressor.GetOutputChannelCount([6, 0]));
        Assert.Throws<ArgumentException>(() => compressor.GetOutputChannelCount([2, 3]));
        Assert.Throws<ArgumentException>(() => compressor.GetOutputChannelCount([0, 1]));
    }

    [Theory]
    [InlineData(100f, -45.0)]
    [InlineData(50f, -37.5)]
    [InlineData(0f, -30.0)]
    public void Link_LoudLeftQuietRight_RightTakesTheLinkedShareOfTheLeftReduction(float linkPercent, double expectedRight)
    {
        const int Frames = Rate / 4;
        var input = new float[2 * Frames];
        Sine(0, Frames).CopyTo(input, 0);
        Sine(-30, Frames).CopyTo(input, Frames);
        var compressor = new CompressorProcessor(-20f, 4f, 0f, 1f, 200f);
        compressor.Link.Value = linkPercent;
        compressor.Link.Reset();

        var output = Run(compressor, input, channels: 2);

        Assert.Equal(-15, SinePeakDb(output.AsSpan(Frames - 4_800, 4_800)), 1);
        Assert.Equal(expectedRight, SinePeakDb(output.AsSpan((2 * Frames) - 4_800, 4_800)), 1);
    }

    [Fact]
    public void Process_MultiInputWithStereoKey_KeysChannelToChannel()
    {
        const int Frames = 4_800;
        var compressor = new CompressorProcessor(-10f, 4f, 0f, 0.01f, 100f);
        compressor.Link.Value = 0f;
        compressor.Prepare(new ProcessSpec(Rate, Frames, 2), [2, 2]);
        compressor.Reset();

        // Main: two quiet channels. Key: left loud, right silent.
        var storage = new float[4 * Frames];
        storage.AsSpan(0, 2 * Frames).Fill(0.1f);
        storage.AsSpan(2 * Frames, Frames).Fill(1f);
        var output = new float[2 * Frames];
        var inputs = new AudioInputs(storage, [0, 2 * Frames], [2, 2], Frames, Frames);
        compressor.Process(inputs, new AudioBlock(output, 2, Frames), new ProcessContext(0, 0, Rate, true));

        Assert.Equal(-20 - 7.5, Db(output[Frames - 1]), 3);
        Assert.Equal(-20, Db(output[(2 * Frames) - 1]), 5);
    }
}
