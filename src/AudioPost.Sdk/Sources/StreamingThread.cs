namespace AudioPost.Sdk.Sources;

/// <summary>
/// The I/O thread behind <see cref="ReadAheadSource"/> and <see cref="Sinks.WriteBehindSink"/>: started per Prepare,
/// asked to stop or waited for, and the exception that ended it kept for the render thread to rethrow. Also the ring
/// sizing both share.
/// </summary>
/// <remarks>
/// <see cref="Start"/>, <see cref="Stop"/> and <see cref="Join"/> belong to the control thread; <see cref="IsStopping"/>
/// and <see cref="Fault"/> may be read from any thread (volatile, no allocation or locking).
/// </remarks>
internal sealed class StreamingThread
{
    private readonly string _name;
    private Thread? _thread;
    private volatile bool _stopping;
    private volatile Exception? _fault;

    /// <param name="name">The thread's name, for debuggers and profilers.</param>
    public StreamingThread(string name) => _name = name;

    /// <summary>Gets whether a thread was started and not yet stopped or joined.</summary>
    public bool IsRunning => _thread is not null;

    /// <summary>Gets whether <see cref="Stop"/> asked the loop to end.</summary>
    public bool IsStopping => _stopping;

    /// <summary>Gets the exception that ended the loop, or null.</summary>
    public Exception? Fault => _fault;

    /// <summary>Validates a requested ring size (1,024 to 16,777,216 frames) and rounds it up to a power of two.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bufferFrames"/> is out of range.</exception>
    public static int RoundBufferFrames(int bufferFrames)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferFrames, 1024);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bufferFrames, 1 << 24);
        return (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)bufferFrames);
    }

    /// <summary>The frames moved at a time for a ring of <paramref name="bufferFrames"/>: a quarter of it, at most 8,192.</summary>
    public static int ChunkFramesFor(int bufferFrames) => Math.Min(8192, bufferFrames / 4);

    /// <summary>Clears the fault and the stop request and runs <paramref name="loop"/> on a new background thread.</summary>
    /// <param name="loop">Runs until it returns; an exception it throws becomes <see cref="Fault"/>.</param>
    public void Start(Action loop)
    {
        _fault = null;
        _stopping = false;
        _thread = new Thread(() => Run(loop)) { IsBackground = true, Name = _name };
        _thread.Start();
    }

    /// <summary>Asks the loop to end and waits until it has.</summary>
    public void Stop()
    {
        _stopping = true;
        Join();
    }

    /// <summary>Waits until the loop has ended (by itself, or after <see cref="Stop"/>).</summary>
    public void Join()
    {
        _thread?.Join();
        _thread = null;
    }

    private void Run(Action loop)
    {
        try
        {
            loop();
        }
        catch (Exception exception)
        {
            _fault = exception;
        }
    }
}
