using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Sources;

namespace AudioPost.Sdk.Graph;

/// <summary>One <see cref="ParallelChainRenderer"/> thread: its own source and chain, rendering whole chunks.</summary>
internal sealed class ChunkWorker : IDisposable
{
    private readonly IAudioSource _source;
    private readonly float[] _block;
    private readonly int _blockFrames;
    private readonly int _sampleRate;
    private bool _fresh = true;

    public ChunkWorker(IAudioSource source, IReadOnlyList<IAudioProcessor> chain, int sampleRate, int blockFrames)
    {
        _source = source;
        Chain = chain;
        _sampleRate = sampleRate;
        _blockFrames = blockFrames;
        ChannelCount = source.ChannelCount;
        var spec = new ProcessSpec(sampleRate, blockFrames, ChannelCount);
        source.Prepare(spec);
        var latency = 0L;
        foreach (var processor in chain)
        {
            if (processor.GetOutputChannelCount(ChannelCount) != ChannelCount)
            {
                throw new ArgumentException(
                    $"{processor.GetType().Name} turns {ChannelCount} channel(s) into {processor.GetOutputChannelCount(ChannelCount)}; a chunked render needs processors that keep the channel count.",
                    nameof(chain));
            }

            processor.Prepare(spec);
            latency += processor.LatencyFrames;
        }

        LatencyFrames = latency;
        _block = new float[ChannelCount * blockFrames];
    }

    public IReadOnlyList<IAudioProcessor> Chain { get; }

    public int ChannelCount { get; }

    public long LatencyFrames { get; }

    /// <summary>Renders chunks until none is left, the render stops or something throws (recorded in the schedule).</summary>
    public void Run(ChunkSchedule schedule, CancellationTokenSource stop)
    {
        try
        {
            while (schedule.TryTake(stop.Token, out var chunk, out var slot))
            {
                Render(schedule, chunk, slot, stop.Token);
                schedule.Publish(chunk);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped by the caller or by another worker's failure: nothing of ours to report.
        }
        catch (Exception exception)
        {
            schedule.Fail(exception, stop);
        }
    }

    public void Dispose()
    {
        (_source as IDisposable)?.Dispose();
        foreach (var processor in Chain)
        {
            (processor as IDisposable)?.Dispose();
        }
    }

    private void Render(ChunkSchedule schedule, long chunk, float[] slot, CancellationToken token)
    {
        var start = schedule.Start(chunk);
        var end = schedule.End(chunk);

        // The output at timeline frame t + latency is the input's frame t; the pre-roll lets the chain forget.
        var keepFrom = start + schedule.LatencyFrames;
        var renderTo = end + schedule.LatencyFrames;
        // The pre-roll starts on the block grid a serial render from frame 0 would use: some processors step two frames
        // at a time in double precision, and a different pairing moves a rare sample by one float step.
        var renderFrom = chunk == 0 ? 0 : Math.Max(0, start - schedule.MemoryFrames);
        renderFrom -= renderFrom % _blockFrames;
        if (!_fresh)
        {
            _source.Reset();
            foreach (var processor in Chain)
            {
                processor.Reset();
            }
        }

        _fresh = false;
        var stride = slot.Length / ChannelCount;
        for (var t = renderFrom; t < renderTo; t += _blockFrames)
        {
            token.ThrowIfCancellationRequested();
            var frames = (int)Math.Min(_blockFrames, renderTo - t);
            var block = new AudioBlock(_block, ChannelCount, frames);
            var context = new ProcessContext(t, t, _sampleRate, isOffline: true);
            _source.Read(block, context);
            foreach (var processor in Chain)
            {
                processor.Process(block, context);
            }

            var from = Math.Max(t, keepFrom);
            if (from < t + frames)
            {
                var offset = (int)(from - t);
                var count = (int)(t + frames - from);
                block.Slice(offset, count).CopyTo(new AudioBlock(slot.AsSpan((int)(from - keepFrom)), ChannelCount, count, stride));
            }
        }
    }
}
