using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Sinks;

namespace AudioPost.Sdk.Graph;

/// <summary>
/// The chunks of a <see cref="ParallelChainRenderer"/> render and the slots that carry them from the workers to the
/// writing thread: chunk i travels in slot i mod (workers + 2), which its worker may fill only once the writer has
/// emptied it of chunk i − slots. Workers take chunks in increasing order, so no one waits for a chunk nobody renders.
/// </summary>
internal sealed class ChunkSchedule
{
    private readonly float[][] _slots;
    private readonly SemaphoreSlim[] _free;
    private readonly SemaphoreSlim[] _ready;
    private readonly long _frameCount;
    private long _next;
    private Exception? _fault;

    public ChunkSchedule(long chunks, long chunkFrames, long frameCount, long memoryFrames, long latencyFrames, int channels, int sampleRate, int workers)
    {
        SampleRate = sampleRate;
        Chunks = chunks;
        ChunkFrames = chunkFrames;
        MemoryFrames = memoryFrames;
        LatencyFrames = latencyFrames;
        ChannelCount = channels;
        _frameCount = frameCount;
        // One chunk being written, one rendering per worker, one spare so a worker that finishes early can go on.
        var slots = (int)Math.Min(workers + 2L, Math.Max(1, chunks));
        var slotFrames = (int)Math.Min(chunkFrames, Math.Max(1, frameCount));
        _slots = new float[slots][];
        _free = new SemaphoreSlim[slots];
        _ready = new SemaphoreSlim[slots];
        for (var i = 0; i < slots; i++)
        {
            _slots[i] = new float[(long)channels * slotFrames];
            _free[i] = new SemaphoreSlim(1, 1);
            _ready[i] = new SemaphoreSlim(0, 1);
        }
    }

    public long Chunks { get; }

    public long ChunkFrames { get; }

    public long MemoryFrames { get; }

    public long LatencyFrames { get; }

    public int ChannelCount { get; }

    public int SampleRate { get; }

    /// <summary>Gets the first exception a worker threw, if any.</summary>
    public Exception? Fault => Volatile.Read(ref _fault);

    /// <summary>The first frame of <paramref name="chunk"/>.</summary>
    public long Start(long chunk) => chunk * ChunkFrames;

    /// <summary>The frame after the last of <paramref name="chunk"/>.</summary>
    public long End(long chunk) => Math.Min(Start(chunk) + ChunkFrames, _frameCount);

    /// <summary>Takes the next chunk to render and waits until its slot is free; false when none is left.</summary>
    public bool TryTake(CancellationToken token, out long chunk, out float[] slot)
    {
        chunk = Interlocked.Increment(ref _next) - 1;
        if (chunk >= Chunks)
        {
            slot = [];
            return false;
        }

        var index = (int)(chunk % _slots.Length);
        _free[index].Wait(token);
        slot = _slots[index];
        return true;
    }

    /// <summary>Hands a rendered chunk to the writer.</summary>
    public void Publish(long chunk) => _ready[(int)(chunk % _slots.Length)].Release();

    /// <summary>Records a worker's failure (the first one wins) and stops everyone.</summary>
    public void Fail(Exception exception, CancellationTokenSource stop)
    {
        Interlocked.CompareExchange(ref _fault, exception, null);
        stop.Cancel();
    }

    /// <summary>Waits for <paramref name="chunk"/>, writes it to the sink in blocks and frees its slot.</summary>
    public void WriteWhenReady(long chunk, IAudioSink sink, int blockFrames, CancellationToken token)
    {
        var index = (int)(chunk % _slots.Length);
        _ready[index].Wait(token);
        var start = Start(chunk);
        var frames = (int)(End(chunk) - start);
        var stride = _slots[index].Length / ChannelCount;
        for (var offset = 0; offset < frames; offset += blockFrames)
        {
            var count = Math.Min(blockFrames, frames - offset);
            var block = new AudioBlock(_slots[index].AsSpan(offset), ChannelCount, count, stride);
            sink.Write(block, new ProcessContext(start + offset, start + offset, SampleRate, isOffline: true));
        }

        _free[index].Release();
    }
}
