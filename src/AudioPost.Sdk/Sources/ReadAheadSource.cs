using System.Runtime.ExceptionServices;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;

namespace AudioPost.Sdk.Sources;

/// <summary>
/// Reads another source (typically a <see cref="FileSource"/>) ahead of the render thread on an I/O thread of its own,
/// so that decoding and disk reads overlap the processing instead of stalling it.
/// </summary>
/// <remarks>
/// <para><b>How.</b> <see cref="Prepare"/> starts a background thread that calls the inner source's
/// <see cref="IAudioSource.Read"/> for consecutive timeline frames, in chunks of <see cref="ChunkFrames"/>, into a
/// lock-free ring of <see cref="BufferFrames"/> frames. <see cref="Read"/> copies from the ring. A block that does not
/// start where the previous one ended (the first block, a locate, a loop) makes the I/O thread start again at that
/// frame.</para>
/// <para><b>When the disk is late</b>, <see cref="StreamingMode.Wait"/> (offline rendering) waits and loses nothing;
/// <see cref="StreamingMode.RealTime"/> never waits: frames not read yet play as silence and count in
/// <see cref="UnderrunFrames"/> (the first block after a start or a locate is always such a block). In that mode
/// <see cref="Read"/> does not allocate, lock or block, so a device callback may pull a file through it.</para>
/// <para><b>Output.</b> Bit for bit the inner source's, for the same timeline frames.</para>
/// <para><b>Errors.</b> An exception on the I/O thread (a failing disk) is rethrown by the next <see cref="Read"/>
/// (the graph isolates a throwing source on the audio thread).</para>
/// <para><b>Threads.</b> One render thread calls <see cref="Read"/>; <see cref="Prepare"/>, <see cref="Reset"/> and
/// <see cref="Dispose"/> belong to the control thread, not concurrently with rendering.</para>
/// </remarks>
public sealed class ReadAheadSource : IAudioSource, IDisposable
{
    private readonly IAudioSource _inner;
    private readonly bool _ownsInner;
    private readonly StreamingThread _io = new("AudioPost read-ahead");
    private FrameRing? _ring;
    private float[] _chunk = [];
    private ProcessSpec _spec;

    // The consumer asks for a restart by writing the frame, then bumping the request number; the I/O thread answers by
    // clearing the ring, moving there and publishing the same number as done.
    private long _restartFrame;
    private int _requested;
    private int _done;
    private long _nextFrame = long.MinValue;
    private long _skip;
    private long _underruns;
    private bool _disposed;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The source read ahead; only the I/O thread calls its <see cref="IAudioSource.Read"/>.</param>
    /// <param name="mode">Whether a late disk makes the render thread wait (offline) or play silence (real time).</param>
    /// <param name="bufferFrames">Frames buffered ahead, 1,024 to 16,777,216 (rounded up to a power of two); default 131,072 (2.7 s at 48 kHz).</param>
    /// <param name="leaveOpen"><see langword="true"/> to leave <paramref name="inner"/> undisposed on <see cref="Dispose"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="inner"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bufferFrames"/> is out of range.</exception>
    public ReadAheadSource(IAudioSource inner, StreamingMode mode = StreamingMode.Wait, int bufferFrames = 1 << 17, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(inner);
        BufferFrames = StreamingThread.RoundBufferFrames(bufferFrames);
        ChunkFrames = StreamingThread.ChunkFramesFor(BufferFrames);
        _inner = inner;
        _ownsInner = !leaveOpen;
        Mode = mode;
    }

    /// <inheritdoc />
    public int ChannelCount => _inner.ChannelCount;

    /// <summary>Gets what a late disk does to the render thread.</summary>
    public StreamingMode Mode { get; }

    /// <summary>Gets the ring's size in frames (a power of two).</summary>
    public int BufferFrames { get; }

    /// <summary>Gets the frames the I/O thread asks the inner source for at a time.</summary>
    public int ChunkFrames { get; }

    /// <summary>Gets the frames played as silence because the I/O thread was late (<see cref="StreamingMode.RealTime"/> only). Any thread.</summary>
    public long UnderrunFrames => Interlocked.Read(ref _underruns);

    /// <summary>Prepares the inner source for chunks of <see cref="ChunkFrames"/>, allocates the ring and starts the I/O thread. Control thread.</summary>
    /// <param name="spec">The graph's rate, block size and this source's channel count.</param>
    /// <exception cref="ObjectDisposedException">The source is disposed.</exception>
    public void Prepare(in ProcessSpec spec)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _io.Stop();
        _spec = new ProcessSpec(spec.SampleRate, ChunkFrames, spec.ChannelCount);
        _inner.Prepare(_spec);
        _ring = new FrameRing(spec.ChannelCount, BufferFrames);
        _chunk = new float[spec.ChannelCount * ChunkFrames];
        _nextFrame = long.MinValue;
        _skip = 0;
        _requested = _done = 0;
        _io.Start(Fill);
    }

    /// <summary>
    /// Copies the inner source's frames from <see cref="ProcessContext.TimelineFrame"/> on into
    /// <paramref name="destination"/>. Real-time safe in <see cref="StreamingMode.RealTime"/>.
    /// </summary>
    /// <param name="destination">The block to fill, with <see cref="ChannelCount"/> channels.</param>
    /// <param name="context">Where the block sits on the timeline.</param>
    /// <exception cref="InvalidOperationException">Not prepared.</exception>
    /// <exception cref="IOException">(or whatever the inner source threw) The I/O thread failed.</exception>
    public void Read(AudioBlock destination, in ProcessContext context)
    {
        var ring = _ring ?? throw new InvalidOperationException("Prepare the source before reading.");
        if (_io.Fault is { } fault)
        {
            ExceptionDispatchInfo.Throw(fault);
        }

        var frames = destination.FrameCount;
        if (context.TimelineFrame != _nextFrame)
        {
            Volatile.Write(ref _restartFrame, context.TimelineFrame);
            Volatile.Write(ref _requested, _requested + 1);
            _skip = 0;
        }

        _nextFrame = context.TimelineFrame + frames;
        var filled = 0;
        var spin = default(SpinWait);
        while (true)
        {
            if (Volatile.Read(ref _done) == _requested)
            {
                // Frames that played as silence earlier are dropped first, so the ring stays in step with the timeline.
                _skip -= _skip > 0 ? ring.Skip(_skip) : 0;
                if (_skip == 0)
                {
                    filled += ring.Read(destination.Slice(filled, frames - filled));
                }

                if (filled == frames)
                {
                    return;
                }
            }

            if (Mode == StreamingMode.RealTime || _io.Fault is not null || _io.IsStopping)
            {
                break;
            }

            spin.SpinOnce();
        }

        destination.Slice(filled, frames - filled).Clear();
        if (_io.Fault is { } late && Mode == StreamingMode.Wait)
        {
            ExceptionDispatchInfo.Throw(late);
        }

        Interlocked.Add(ref _underruns, frames - filled);
        _skip += frames - filled;
        if (_skip > BufferFrames)
        {
            // Too far behind to catch up by skipping: start again where the next block begins.
            _nextFrame = long.MinValue;
        }
    }

    /// <summary>Resets the inner source and the read position: the next block restarts the I/O thread. Control thread, not while rendering.</summary>
    public void Reset()
    {
        _nextFrame = long.MinValue;
        _skip = 0;
        _inner.Reset();
    }

    /// <summary>Stops the I/O thread and disposes the inner source (unless left open). Idempotent.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _io.Stop();
        if (_ownsInner && _inner is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }

    private void Fill()
    {
        var ring = _ring!;
        var channels = ring.ChannelCount;
        var done = 0;
        var position = 0L;
        while (!_io.IsStopping)
        {
            var requested = Volatile.Read(ref _requested);
            if (requested != done)
            {
                // The render thread waits for this answer before it touches the ring again.
                position = Volatile.Read(ref _restartFrame);
                ring.Clear();
                done = requested;
                Volatile.Write(ref _done, done);
                continue;
            }

            if (done == 0 || ring.Free < ChunkFrames)
            {
                // Full (or not started): the ring holds seconds of audio, so a millisecond's nap costs nothing,
                // where spinning would take a core from the render thread.
                Thread.Sleep(1);
                continue;
            }

            var block = new AudioBlock(_chunk, channels, ChunkFrames);
            _inner.Read(block, new ProcessContext(position, position, _spec.SampleRate, Mode == StreamingMode.Wait));

            // A restart asked for meanwhile makes this chunk stale: drop it rather than publish it.
            if (Volatile.Read(ref _requested) == done)
            {
                ring.Write(block);
                position += ChunkFrames;
            }
        }
    }
}
