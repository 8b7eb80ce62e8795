using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Processing.Mixing;
using AudioPost.Sdk.Sinks;
using AudioPost.Sdk.Sources;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Graph;

/// <summary>Miswired graphs fail at compile time with a <see cref="GraphCompileException"/> that names the nodes.</summary>
public sealed class CompileErrorTests
{
    [Fact]
    public void Compile_ProcessorWithoutInput_NamesIt()
    {
        var builder = new AudioGraphBuilder();
        builder.AddProcessor(new GainProcessor(), "orphan fader");

        var error = Assert.Throws<GraphCompileException>(builder.Compile);

        Assert.Equal(["orphan fader"], error.Nodes);
        Assert.Contains("no input", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_FanInOfDifferentWidths_NamesTheSummingPointAndBothInputs()
    {
        var builder = new AudioGraphBuilder();
        var mono = builder.AddSource(new DcSource(1f, 1), "mono");
        var stereo = builder.AddSource(new DcSource(1f, 2), "stereo");
        var sum = builder.AddProcessor(new GainProcessor(), "sum");
        builder.Connect(mono, sum).Connect(stereo, sum);

        var error = Assert.Throws<GraphCompileException>(builder.Compile);

        Assert.Equal(["sum", "mono", "stereo"], error.Nodes);
    }

    [Fact]
    public void Compile_ProcessorRejectingItsInputWidth_NamesIt()
    {
        var builder = new AudioGraphBuilder();
        var surround = builder.AddSource(new DcSource(1f, 6), "5.1 bed");
        var pan = builder.AddProcessor(new PanProcessor(), "stereo panner");
        builder.Connect(surround, pan);

        var error = Assert.Throws<GraphCompileException>(builder.Compile);

        Assert.Equal(["stereo panner"], error.Nodes);
        Assert.IsType<ArgumentOutOfRangeException>(error.InnerException);
    }

    [Fact]
    public void Compile_FileAtAnotherSampleRate_NamesTheSource()
    {
        var path = Path.Combine(Path.GetTempPath(), $"apsdk-{Guid.NewGuid():N}.wav");
        try
        {
            var writer = new AudioGraphBuilder(new GraphOptions { SampleRate = 44_100 });
            writer.Connect(writer.AddSource(new ToneSource()), writer.AddSink(new FileSink(path)));
            OfflineRenderer.Render(writer.Compile(), 4410, cancellationToken: TestContext.Current.CancellationToken);

            var builder = new AudioGraphBuilder(new GraphOptions { SampleRate = 48_000 });
            using var file = new FileSource(path);
            builder.Connect(builder.AddSource(file, "dialogue.wav"), builder.AddSink(new NullSink()));

            var error = Assert.Throws<GraphCompileException>(builder.Compile);

            Assert.Equal(["dialogue.wav"], error.Nodes);
            Assert.Contains("44100 Hz", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
