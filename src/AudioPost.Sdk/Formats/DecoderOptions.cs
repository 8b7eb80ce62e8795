namespace AudioPost.Sdk.Formats;

/// <summary>
/// Options every decoder understands. Immutable once constructed (init-only), so one instance may be shared by any
/// number of threads and readers.
/// </summary>
public sealed class DecoderOptions
{
    /// <summary>The default <see cref="BufferSize"/>, 64 KiB: large enough that per-call overhead vanishes, small
    /// enough to stay in L2 cache while it is converted.</summary>
    public const int DefaultBufferSize = 64 * 1024;

    /// <summary>The largest <see cref="BufferSize"/> accepted, 16 MiB.</summary>
    public const int MaxBufferSize = 16 * 1024 * 1024;

    private readonly int _bufferSize = DefaultBufferSize;

    /// <summary>Gets the shared instance holding every default.</summary>
    public static DecoderOptions Default { get; } = new();

    /// <summary>
    /// Gets whether the reader leaves the stream open when it is disposed. Default <see langword="false"/>: the reader
    /// owns the stream.
    /// </summary>
    public bool LeaveOpen { get; init; }

    /// <summary>
    /// Gets the size in bytes of the read buffer a reader allocates once when it is opened, 1 to
    /// <see cref="MaxBufferSize"/>; default <see cref="DefaultBufferSize"/>. A reader rounds it down to whole frames,
    /// and up to one frame when it is smaller than a frame.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1 to <see cref="MaxBufferSize"/>.</exception>
    public int BufferSize
    {
        get => _bufferSize;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxBufferSize);
            _bufferSize = value;
        }
    }

    /// <summary>
    /// Gets whether the reader recovers audio whose sizes in the header are stale, as a writer that was killed or a
    /// streaming writer that never came back leaves them. Default <see langword="false"/>.
    /// </summary>
    /// <remarks>
    /// <para>When set, a sample chunk whose size is 0 or 0xFFFFFFFF, or that is followed by bytes that do not form a
    /// valid chunk (frames written after the last header refresh), is read to the end of the file; one that claims more
    /// bytes than the file holds is read as far as the file goes. Whole frames only.</para>
    /// <para>When not set, those files are read as their header describes them (a size of 0xFFFFFFFF, the common
    /// marker of a streamed file, is still read to the end of the file), and a sample chunk past the end of the file
    /// is an <see cref="AudioFormatException"/>.</para>
    /// </remarks>
    public bool RecoveryMode { get; init; }

    /// <summary>Returns these options with <see cref="LeaveOpen"/> replaced, or this instance when it already matches.</summary>
    internal DecoderOptions WithLeaveOpen(bool leaveOpen) =>
        leaveOpen == LeaveOpen ? this : new DecoderOptions { LeaveOpen = leaveOpen, BufferSize = BufferSize, RecoveryMode = RecoveryMode };
}
