using System.Runtime.ExceptionServices;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Sources;

namespace AudioPost.Sdk.Sinks;

/// <summary>
/// Hands blocks to another sink (typically a <see cref="FileSink"/>) on an I/O thread of its own, so that encoding
/// and disk writes overlap the processing instead of stalling the render thread.
/// </summary>
/// <remarks>
/// <para><b>How.</b> <see cref="Write"/> copies the block into a lock-free ring of <see cref="BufferFrames"/> frames;
/// a background thread started by <see cref="Prepare"/> passes the frames on to the inner sink in chunks of up to
/// <see cref="ChunkFrames"/>, in order. The inner sink sees consecutive frames whose contexts continue from the first
/// block's, so it writes exactly what a direct connection would.</para>
/// <para><b>When the disk is late</b>, <see cref="StreamingMode.Wait"/> (offline rendering) makes <see cref="Write"/>
/// wait for room and loses nothing; <see cref="StreamingMode.RealTime"/> never waits: frames without room are dropped
/// and counted in <see cref="DroppedFrames"/>. In that mode <see cref="Write"/> does not allocate, lock or block, so a
/// device callback may record to a file through it.</para>
/// <para><b>Completion and errors.</b> <see cref="Complete"/> waits until every frame has reached the inner sink,
/// stops the thread and completes the inner sink. An exception on the I/O thread is rethrown by the next
/// <see cref="Write"/> (<see cref="StreamingMode.Wait"/> only) or by <see cref="Complete"/>.</para>
/// <para><b>Threads.</b> One render thread calls <see cref="Write"/>; <see cref="Prepare"/>, <see cref="Complete"/>,
/// <see cref="Reset"/> and <see cref="Dispose"/> belong to the control thread, not concurrently with rendering.</para>
/// </remarks>
public sealed class WriteBehindSink : IAudioSink, IDisposable
{
    private readonly IAudioSink _inner;
    private readonly bool _ownsInner;
    private readonly StreamingThread _io = new("AudioPost write-behind");
    private FrameRing? _ring;
    private float[] _chunk = [];
    private ProcessContext _innerContext;
    private bool _started;
    private volatile bool _draining;
    private long _dropped;
    private long _handedOver;
    private bool _disposed;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The sink written behind; only the I/O thread calls its <see cref="IAudioSink.Write"/>.</param>
    /// <param name="mode">Whether a late disk makes the render thread wait (offline) or drop frames (real time).</param>
    /// <param name="bufferFrames">Frames buffered, 1,024 to 16,777,216 (rounded up to a power of two); default 131,072 (2.7 s at 48 kHz).</param>
    /// <param name="leaveOpen"><see langword="true"/> to leave <paramref name="inner"/> undisposed on <see cref="Dispose"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="inner"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bufferFrames"/> is out of range.</exception>
    public WriteBehindSink(IAudioSink inner, StreamingMode mode = StreamingMode.Wait, int bufferFrames = 1 << 17, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(inner);
        BufferFrames = StreamingThread.RoundBufferFrames(bufferFrames);
        ChunkFrames = StreamingThread.ChunkFramesFor(BufferFrames);
        _inner = inner;
        _ownsInner = !leaveOpen;
        Mode = mode;
    }

    /// <summary>Gets what a late disk does to the render thread.</summary>
    public StreamingMode Mode { get; }

    /// <summary>Gets the ring's size in frames (a power of two).</summary>
    public int BufferFrames { get; }

    /// <summary>Gets the most frames passed to the inner sink at a time.</summary>
    public int ChunkFrames { get; }

    /// <summary>Gets the frames dropped for lack of room (<see cref="StreamingMode.RealTime"/> only). Any thread.</summary>
    public long DroppedFrames => Interlocked.Read(ref _dropped);

    /// <summary>Gets the frames handed to the inner sink so far (since the last <see cref="Prepare"/>). Any thread.</summary>
    public long FramesWritten => Interlocked.Read(ref _handedOver);

    /// <summary>Prepares the inner sink for chunks of <see cref="ChunkFrames"/>, allocates the ring and starts the I/O thread. Control thread.</summary>
    /// <param name="spec">The graph's rate, block size and this sink's channel count.</param>
    /// <exception cref="ObjectDisposedException">The sink is disposed.</exception>
    public void Prepare(in ProcessSpec spec)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Stop();
        _inner.Prepare(new ProcessSpec(spec.SampleRate, ChunkFrames, spec.ChannelCount));
        _ring = new FrameRing(spec.ChannelCount, BufferFrames);
        _chunk = new float[spec.ChannelCount * ChunkFrames];
        _handedOver = 0;
        _started = false;
        _draining = false;
        _io.Start(Drain);
    }

    /// <summary>Queues <paramref name="block"/> for the inner sink. Real-time safe in <see cref="StreamingMode.RealTime"/>.</summary>
    /// <param name="block">The frames to write.</param>
    /// <param name="context">Where the block sits; the first block's context starts the inner sink's.</param>
    /// <exception cref="InvalidOperationException">Not prepared.</exception>
    /// <exception cref="IOException">(or whatever the inner sink threw) The I/O thread failed (<see cref="StreamingMode.Wait"/>).</exception>
    public void Write(ReadOnlyAudioBlock block, in ProcessContext context)
    {
        var ring = _ring ?? throw new InvalidOperationException("Prepare the sink before writing.");
        if (!_started)
        {
            // Published to the I/O thread by the ring's release store below.
            _innerContext = context;
            _started = true;
        }

        var written = 0;
        var spin = default(SpinWait);
        while (true)
        {
            if (Mode == StreamingMode.Wait && _io.Fault is { } fault)
            {
                ExceptionDispatchInfo.Throw(fault);
            }

            written += ring.Write(block.Slice(written, block.FrameCount - written));
            if (written == block.FrameCount || Mode == StreamingMode.RealTime || _io.Fault is not null)
            {
                break;
            }

            spin.SpinOnce();
        }

        if (written < block.FrameCount)
        {
            Interlocked.Add(ref _dropped, block.FrameCount - written);
        }
    }

    /// <summary>Waits until every queued frame reached the inner sink, stops the I/O thread and completes the inner sink. Control thread.</summary>
    /// <exception cref="IOException">(or whatever the inner sink threw) The I/O thread or the inner sink's completion failed.</exception>
    public void Complete()
    {
        if (_io.IsRunning)
        {
            _draining = true;
            _io.Join();
        }

        if (_io.Fault is { } fault)
        {
            ExceptionDispatchInfo.Throw(fault);
        }

        _inner.Complete();
    }

    /// <summary>Forwards to the inner sink once everything queued has been written. Control thread, not while rendering.</summary>
    public void Reset()
    {
        var ring = _ring;
        while (ring is not null && ring.Count > 0 && _io.IsRunning && _io.Fault is null)
        {
            Thread.Sleep(1);
        }

        _inner.Reset();
    }

    /// <summary>Stops the I/O thread (frames still queued are written first) and disposes the inner sink (unless left open). Idempotent.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Stop();
        if (_ownsInner && _inner is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }

    private void Stop()
    {
        _draining = true;
        _io.Stop();
    }

    private void Drain()
    {
        var ring = _ring!;
        var channels = ring.ChannelCount;
        var written = 0L;
        while (true)
        {
            // Read the flag before the count: frames queued before a drain was asked for are all seen.
            var draining = _draining;
            var available = ring.Count;
            if (available == 0)
            {
                if (draining)
                {
                    return;
                }

                Thread.Sleep(1);
                continue;
            }

            if (available < ChunkFrames && !draining && !_io.IsStopping)
            {
                // Wait for a whole chunk: fewer, larger writes are cheaper for the encoder and the disk.
                Thread.Sleep(1);
                continue;
            }

            var block = new AudioBlock(_chunk, channels, Math.Min(available, ChunkFrames));
            var frames = ring.Read(block);
            _inner.Write(block.Slice(0, frames), Advance(_innerContext, written));
            written += frames;
            Interlocked.Exchange(ref _handedOver, written);
        }
    }

    private static ProcessContext Advance(ProcessContext start, long frames) =>
        new(start.StreamFrame + frames, start.TimelineFrame + frames, start.SampleRate, start.IsOffline);
}
