using System.Globalization;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Sinks;
using AudioPost.Sdk.Sources;

namespace AudioPost.Cli.Commands;

/// <summary>
/// Runs an opened file through processors into a new file, the way <c>process</c> and <c>denoise</c> do: OUT has
/// IN's length, lines up with it sample for sample (the chain's latency is rendered past the end and skipped at the
/// start) and carries IN's metadata. Decoding and encoding run on I/O threads of their own.
/// </summary>
internal static class FileChainRender
{
    /// <summary>Renders; returns the chain's latency in frames and the render's progress (frames, time).</summary>
    public static (long LatencyFrames, RenderProgress Result) Render(
        IAudioFileReader reader,
        IReadOnlyList<IAudioProcessor> processors,
        string nodeName,
        string path,
        SampleFormat format,
        IAudioFileFormat container,
        AudioFormatRegistry registry,
        IProgress<RenderProgress>? progress)
    {
        var info = reader.Info;
        using var source = new ReadAheadSource(new FileSource(reader, leaveOpen: true));
        using var file = new FileSink(path, format, container, registry) { Metadata = info.Metadata };
        using var behind = new WriteBehindSink(file, leaveOpen: true);
        var sink = new LatencyCompensatedSink(behind);
        var graph = new AudioGraphBuilder(new GraphOptions { SampleRate = info.SampleRate, BlockSize = 1024 });
        var previous = graph.AddSource(source, "input");
        for (var i = 0; i < processors.Count; i++)
        {
            var name = processors.Count == 1 ? nodeName : string.Create(CultureInfo.InvariantCulture, $"{nodeName} {i + 1}");
            var next = graph.AddProcessor(processors[i], name);
            graph.Connect(previous, next);
            previous = next;
        }

        graph.Connect(previous, graph.AddSink(sink, "output"));
        var plan = graph.Compile();
        sink.SkipFrames = plan.LatencyFrames;
        var result = OfflineRenderer.Render(plan, info.Frames + plan.LatencyFrames, progress);
        return (plan.LatencyFrames, result);
    }

    /// <summary>
    /// Whether <see cref="RenderInChunks"/> can take the chain: every processor forgets (<see cref="IBoundedMemory"/>),
    /// keeps the channel count, and the file is long enough for at least two chunks. Prepares the processors.
    /// </summary>
    public static bool CanRenderInChunks(IReadOnlyList<IAudioProcessor> processors, AudioFileInfo info)
    {
        var spec = new ProcessSpec(info.SampleRate, 4096, info.ChannelCount);
        foreach (var processor in processors)
        {
            if (processor is not IBoundedMemory || processor.GetOutputChannelCount(info.ChannelCount) != info.ChannelCount)
            {
                return false;
            }

            processor.Prepare(spec);
        }

        var memory = ParallelChainRenderer.GetMemoryFrames(processors);
        var chunk = Math.Max(new ParallelChainOptions().ChunkSeconds * info.SampleRate, 8.0 * memory);
        return memory != long.MaxValue && info.Frames >= 2 * chunk;
    }

    /// <summary>
    /// Renders IN through copies of the chain on <paramref name="threads"/> threads, each reading IN itself, into a new
    /// file with IN's metadata; the samples are the serial render's (<see cref="ParallelChainRenderer"/>).
    /// </summary>
    public static ParallelChainResult RenderInChunks(
        string input,
        Func<IReadOnlyList<IAudioProcessor>> createChain,
        AudioFileInfo info,
        int threads,
        string path,
        SampleFormat format,
        IAudioFileFormat container,
        AudioFormatRegistry registry,
        IProgress<RenderProgress>? progress)
    {
        using var file = new FileSink(path, format, container, registry) { Metadata = info.Metadata };
        return ParallelChainRenderer.Render(
            () => new FileSource(registry.OpenRead(input), leaveOpen: false),
            createChain,
            file,
            info.SampleRate,
            info.Frames,
            new ParallelChainOptions { MaxDegreeOfParallelism = threads },
            progress);
    }
}
