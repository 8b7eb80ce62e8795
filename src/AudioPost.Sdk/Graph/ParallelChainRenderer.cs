using System.Diagnostics;
using System.Runtime.ExceptionServices;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Sinks;
using AudioPost.Sdk.Sources;

namespace AudioPost.Sdk.Graph;

/// <summary>
/// Renders a long source through a chain of processors into a sink on several threads at once, by cutting the
/// timeline into chunks: each worker renders whole chunks with a copy of the chain of its own, the calling thread
/// writes them to the sink in order. Offline only.
/// </summary>
/// <remarks>
/// <para><b>Why it gives the serial result.</b> A chain whose processors all forget (<see cref="IBoundedMemory"/>)
/// has a memory M: the sum of theirs. A worker starts each chunk M frames early, with its chain
/// <see cref="IAudioNode.Reset"/>, and throws that pre-roll away; by the chunk's first frame whatever the chain held
/// before has decayed by 2<sup>-30</sup>, far below float rounding, so the chunk's samples are those of a serial
/// render (the tests compare the two sample for sample). A chain that does not forget (a processor without
/// <see cref="IBoundedMemory"/>, or one that says <see cref="long.MaxValue"/>) is rendered serially, in one chunk.</para>
/// <para><b>Alignment.</b> The output lines up with the input: the chain's latency is rendered past the end and
/// skipped at the start, so the sink receives exactly frames 0 to <c>frameCount</c> − 1 of the input's timeline.</para>
/// <para><b>Cost.</b> Each worker reads the source itself (so the source must read any frame on demand, as
/// <see cref="FileSource"/> does), and each chunk after the first repeats M frames; chunks are at least 8 M long.
/// Chunks wait in (workers + 2) buffers of chunk × channels floats: about 180 MB for 2 workers and 120 s chunks of
/// stereo at 48 kHz.</para>
/// <para><b>Threads.</b> <see cref="Render"/> blocks the calling thread, which writes the sink; the workers are
/// threads of their own, joined before it returns (also on failure). Not for a real-time thread.</para>
/// </remarks>
public static class ParallelChainRenderer
{
    /// <summary>
    /// Gets the memory of a prepared chain in frames: the sum of its processors' <see cref="IBoundedMemory.MemoryFrames"/>,
    /// or <see cref="long.MaxValue"/> if any processor does not forget.
    /// </summary>
    /// <param name="chain">Prepared processors, in series.</param>
    /// <exception cref="ArgumentNullException"><paramref name="chain"/> is null.</exception>
    public static long GetMemoryFrames(IReadOnlyList<IAudioProcessor> chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var frames = 0L;
        foreach (var processor in chain)
        {
            if (processor is not IBoundedMemory bounded)
            {
                return long.MaxValue;
            }

            frames = ProcessorMemory.Add(frames, bounded.MemoryFrames);
        }

        return frames;
    }

    /// <summary>Renders frames 0 to <paramref name="frameCount"/> − 1 of the source's timeline through the chain into the sink.</summary>
    /// <param name="openSource">Opens the source; called once per worker, each instance read by that worker alone.</param>
    /// <param name="createChain">
    /// Builds the chain; called once per worker. Every call must build the same processors with the same settings
    /// (no automation), each keeping the channel count it is given.
    /// </param>
    /// <param name="sink">Receives the aligned output, in order, on the calling thread; prepared and completed here.</param>
    /// <param name="sampleRate">Sample rate in Hz, greater than 0.</param>
    /// <param name="frameCount">Frames to render, 0 or more.</param>
    /// <param name="options">Threads, chunk and block sizes; <see langword="null"/> for the defaults.</param>
    /// <param name="progress">Told after every chunk written, and at the end.</param>
    /// <param name="cancellationToken">Stops the render between blocks (<see cref="OperationCanceledException"/>).</param>
    /// <returns>Frames written, the latency removed, the chain's memory, chunks and workers.</returns>
    /// <exception cref="ArgumentException">A processor changes the channel count.</exception>
    /// <exception cref="Exception">Whatever the source, a processor or the sink threw first, rethrown on the calling thread.</exception>
    public static ParallelChainResult Render(
        Func<IAudioSource> openSource,
        Func<IReadOnlyList<IAudioProcessor>> createChain,
        IAudioSink sink,
        int sampleRate,
        long frameCount,
        ParallelChainOptions? options = null,
        IProgress<RenderProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(openSource);
        ArgumentNullException.ThrowIfNull(createChain);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(frameCount);
        options ??= new ParallelChainOptions();
        options.Validate();

        var clock = Stopwatch.StartNew();
        var first = new ChunkWorker(openSource(), createChain(), sampleRate, options.BlockFrames);
        var workers = new List<ChunkWorker> { first };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var threads = new List<Thread>();
        try
        {
            var memory = GetMemoryFrames(first.Chain);
            var latency = first.LatencyFrames;
            var chunkFrames = memory == long.MaxValue
                ? Math.Max(1, frameCount)
                : Math.Max((long)Math.Ceiling(options.ChunkSeconds * sampleRate), memory > long.MaxValue / 8 ? long.MaxValue : 8 * memory);
            var chunks = frameCount == 0 ? 0 : (frameCount + chunkFrames - 1) / chunkFrames;
            var workerCount = (int)Math.Min(options.MaxDegreeOfParallelism, Math.Max(1, chunks));
            for (var w = 1; w < workerCount; w++)
            {
                workers.Add(new ChunkWorker(openSource(), createChain(), sampleRate, options.BlockFrames));
            }

            var schedule = new ChunkSchedule(chunks, chunkFrames, frameCount, memory, latency, first.ChannelCount, sampleRate, workerCount);
            foreach (var worker in workers)
            {
                var thread = new Thread(() => worker.Run(schedule, stop)) { IsBackground = true, Name = "AudioPost chunk render" };
                threads.Add(thread);
                thread.Start();
            }

            sink.Prepare(new Processing.ProcessSpec(sampleRate, options.BlockFrames, first.ChannelCount));
            try
            {
                for (var chunk = 0L; chunk < chunks; chunk++)
                {
                    schedule.WriteWhenReady(chunk, sink, options.BlockFrames, stop.Token);
                    progress?.Report(new RenderProgress(schedule.End(chunk), frameCount, clock.Elapsed, sampleRate));
                }
            }
            catch (OperationCanceledException) when (schedule.Fault is not null)
            {
                ExceptionDispatchInfo.Throw(schedule.Fault);
            }
            finally
            {
                sink.Complete();
            }

            var result = new RenderProgress(frameCount, frameCount, clock.Elapsed, sampleRate);
            progress?.Report(result);
            return new ParallelChainResult(result, latency, memory, (int)Math.Min(int.MaxValue, chunks), workerCount);
        }
        finally
        {
            stop.Cancel();
            foreach (var thread in threads)
            {
                thread.Join();
            }

            foreach (var worker in workers)
            {
                worker.Dispose();
            }
        }
    }
}
