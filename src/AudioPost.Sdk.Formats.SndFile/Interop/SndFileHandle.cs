using System.Runtime.InteropServices;

namespace AudioPost.Sdk.Formats.SndFile.Interop;

/// <summary>
/// An open <c>SNDFILE*</c> together with the stream bridge its virtual-I/O callbacks use. Releasing it (on
/// <see cref="SafeHandle.Dispose()"/>, or by the finalizer when a reader or writer was dropped undisposed) calls
/// sf_close, then frees the bridge's <see cref="GCHandle"/>, then disposes the stream when the handle owns it.
/// </summary>
/// <remarks>
/// <para>The order is what makes finalization safe: sf_close may call back into the bridge (a writer finishes its
/// file through it), so the bridge must still be reachable through its <see cref="GCHandle"/>. That handle is strong,
/// so it roots the bridge and the stream: neither can be finalized before this handle releases them, whatever order
/// the finalizer thread picks. The callbacks catch everything, so an exception on the finalizer thread (a stream the
/// caller already closed) becomes a failed sf_close, never a crash.</para>
/// <para>Passing the handle to the P/Invokes (rather than its raw value) also keeps it alive, and unreleased, for the
/// length of every native call.</para>
/// </remarks>
internal sealed class SndFileHandle : SafeHandle
{
    private static long _liveCount;

    private readonly SndFileStreamBridge _bridge;
    private Stream? _ownedStream;

    private SndFileHandle(SndFileStreamBridge bridge, Stream? ownedStream)
        : base(0, ownsHandle: true)
    {
        _bridge = bridge;
        _ownedStream = ownedStream;
    }

    /// <summary>Gets how many handles are open and not yet released, across the process: a leak check for tests.</summary>
    public static long LiveCount => Interlocked.Read(ref _liveCount);

    /// <summary>Gets the bridge the callbacks use.</summary>
    public SndFileStreamBridge Bridge => _bridge;

    /// <summary>Gets sf_close's result once the handle is released; 0 until then and on success.</summary>
    public int CloseResult { get; private set; }

    public override bool IsInvalid => handle == 0;

    /// <summary>
    /// Hands the stream back to the owner, which then disposes it itself after releasing this handle, so that its
    /// errors (a failed flush of the finished file) reach the caller instead of being swallowed here. Called by
    /// deterministic Dispose/Complete paths; a dropped reader or writer never calls it, so the finalizer still closes
    /// the stream.
    /// </summary>
    public void DetachStream() => _ownedStream = null;

    /// <summary>
    /// Opens <paramref name="stream"/> with sf_open_virtual. On success the returned handle owns the bridge (and the
    /// stream, when <paramref name="ownsStream"/>); on failure the bridge is freed, the stream is left alone and the
    /// returned handle is invalid.
    /// </summary>
    public static unsafe SndFileHandle Open(Stream stream, bool ownsStream, int mode, SfInfo* info)
    {
        var bridge = new SndFileStreamBridge(stream);
        var handle = new SndFileHandle(bridge, ownsStream ? stream : null);
        var callbacks = SndFileStreamBridge.Callbacks;
        nint sndfile = 0;
        try
        {
            sndfile = SndFileNative.OpenVirtual(&callbacks, mode, info, bridge.UserData);
        }
        finally
        {
            if (sndfile != 0)
            {
                handle.SetHandle(sndfile);
                Interlocked.Increment(ref _liveCount);
            }
            else
            {
                // An invalid SafeHandle is never released, so the bridge's GCHandle is freed here.
                handle.SetHandleAsInvalid();
                bridge.Dispose();
            }
        }

        return handle;
    }

    protected override bool ReleaseHandle()
    {
        try
        {
            CloseResult = SndFileNative.Close(handle);
        }
        finally
        {
            Interlocked.Decrement(ref _liveCount);

            // Only now: sf_close above may have called back into the bridge and the stream.
            _bridge.Dispose();
            try
            {
                _ownedStream?.Dispose();
            }
            catch (Exception)
            {
                // ReleaseHandle must not throw (it may run on the finalizer thread). Owners that need the stream's
                // errors dispose it themselves first; disposing it again here is then a no-op.
            }
        }

        return true;
    }
}
