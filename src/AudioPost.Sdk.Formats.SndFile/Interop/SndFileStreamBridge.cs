using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace AudioPost.Sdk.Formats.SndFile.Interop;

/// <summary>
/// Lets libsndfile read, write and seek a .NET <see cref="Stream"/> through SF_VIRTUAL_IO. A <see cref="GCHandle"/>
/// to this object is the callbacks' user data.
/// </summary>
/// <remarks>
/// Exceptions must never unwind through native frames (that terminates the process), so each callback catches,
/// stashes the first exception and reports failure to libsndfile; the caller of the native function then calls
/// <see cref="ThrowIfFailed"/>, which rethrows it as an <see cref="IOException"/>. On the finalizer thread (sf_close of a
/// dropped reader or writer, see <see cref="SndFileHandle"/>) nobody rethrows it: the failure is only a failed close. Offsets are relative to where the
/// stream was when the bridge was created, so a file embedded in a larger stream works. The callbacks do not
/// allocate. Used by one thread at a time, like the reader or writer that owns it.
/// </remarks>
internal sealed unsafe class SndFileStreamBridge : IDisposable
{
    private const int SeekSet = 0;
    private const int SeekCurrent = 1;
    private const int SeekEnd = 2;

    private readonly Stream _stream;
    private readonly long _origin;
    private GCHandle _handle;
    private Exception? _error;

    public SndFileStreamBridge(Stream stream)
    {
        _stream = stream;
        _origin = stream.Position;
        _handle = GCHandle.Alloc(this);
    }

    /// <summary>Gets the user data to pass to sf_open_virtual.</summary>
    public nint UserData => GCHandle.ToIntPtr(_handle);

    /// <summary>Gets the callback table; libsndfile copies it during sf_open_virtual.</summary>
    public static SfVirtualIo Callbacks => new()
    {
        GetFileLength = &GetFileLength,
        Seek = &Seek,
        Read = &Read,
        Write = &Write,
        Tell = &Tell,
    };

    /// <summary>Rethrows the exception a callback stashed, as an <see cref="IOException"/> (kept as is when it already is one).</summary>
    /// <exception cref="IOException">A stream operation failed inside a libsndfile call.</exception>
    public void ThrowIfFailed()
    {
        if (_error is { } error)
        {
            _error = null;
            Throw(error);
        }
    }

    public void Dispose()
    {
        if (_handle.IsAllocated)
        {
            _handle.Free();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Throw(Exception error)
    {
        if (error is IOException)
        {
            ExceptionDispatchInfo.Throw(error);
        }

        throw new IOException($"The stream failed while libsndfile was using it: {error.Message}", error);
    }

    /// <summary>The bridge behind the callbacks' user data, or null when there is none; never throws, because the
    /// callbacks run inside native frames.</summary>
    private static SndFileStreamBridge? From(nint userData)
    {
        try
        {
            return userData == 0 ? null : GCHandle.FromIntPtr(userData).Target as SndFileStreamBridge;
        }
        catch (Exception)
        {
            return null;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static long GetFileLength(nint userData)
    {
        var bridge = From(userData);
        if (bridge is null)
        {
            return -1;
        }

        try
        {
            return bridge._stream.Length - bridge._origin;
        }
        catch (Exception exception)
        {
            bridge._error ??= exception;
            return -1;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static long Seek(long offset, int whence, nint userData)
    {
        var bridge = From(userData);
        if (bridge is null)
        {
            return -1;
        }

        try
        {
            var stream = bridge._stream;
            var target = whence switch
            {
                SeekSet => bridge._origin + offset,
                SeekCurrent => stream.Position + offset,
                SeekEnd => stream.Length + offset,
                _ => -1,
            };

            // libsndfile probes with out-of-range seeks and expects -1 back, not a failure of the whole call.
            if (target < bridge._origin)
            {
                return -1;
            }

            stream.Position = target;
            return target - bridge._origin;
        }
        catch (Exception exception)
        {
            bridge._error ??= exception;
            return -1;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static long Read(void* buffer, long count, nint userData)
    {
        var bridge = From(userData);
        if (bridge is null)
        {
            return 0;
        }

        try
        {
            // Write-only streams: libsndfile may still try to read a header back; "nothing there" is the answer.
            if (!bridge._stream.CanRead || count <= 0)
            {
                return 0;
            }

            long total = 0;
            while (total < count)
            {
                var chunk = (int)Math.Min(count - total, int.MaxValue);
                var read = bridge._stream.Read(new Span<byte>((byte*)buffer + total, chunk));
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            return total;
        }
        catch (Exception exception)
        {
            bridge._error ??= exception;
            return 0;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static long Write(void* buffer, long count, nint userData)
    {
        var bridge = From(userData);
        if (bridge is null)
        {
            return 0;
        }

        try
        {
            long total = 0;
            while (total < count)
            {
                var chunk = (int)Math.Min(count - total, int.MaxValue);
                bridge._stream.Write(new ReadOnlySpan<byte>((byte*)buffer + total, chunk));
                total += chunk;
            }

            return total;
        }
        catch (Exception exception)
        {
            bridge._error ??= exception;
            return 0;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static long Tell(nint userData)
    {
        var bridge = From(userData);
        if (bridge is null)
        {
            return -1;
        }

        try
        {
            return bridge._stream.Position - bridge._origin;
        }
        catch (Exception exception)
        {
            bridge._error ??= exception;
            return -1;
        }
    }
}
