using AudioPost.Sdk.Formats.Metadata;

namespace AudioPost.Sdk.Formats;

/// <summary>
/// Options every encoder understands. Immutable once constructed (init-only), so one instance may be shared by any
/// number of threads and writers. Format-specific options wrap these (see <see cref="Wav.WavEncoderOptions.General"/>).
/// </summary>
public sealed class EncoderOptions
{
    /// <summary>The default <see cref="BufferSize"/>, 64 KiB: few enough system calls per second of audio, small
    /// enough to stay in L2 cache while it is filled.</summary>
    public const int DefaultBufferSize = 64 * 1024;

    /// <summary>The largest <see cref="BufferSize"/> accepted, 16 MiB.</summary>
    public const int MaxBufferSize = 16 * 1024 * 1024;

    private readonly int _bufferSize = DefaultBufferSize;
    private readonly AudioMetadata _metadata = AudioMetadata.Empty;

    /// <summary>Gets the shared instance holding every default.</summary>
    public static EncoderOptions Default { get; } = new();

    /// <summary>
    /// Gets whether the writer leaves the stream open when it is disposed. Default <see langword="false"/>: the writer
    /// owns the stream.
    /// </summary>
    public bool LeaveOpen { get; init; }

    /// <summary>
    /// Gets the size in bytes of the write buffer a writer allocates once when it is created, 1 to
    /// <see cref="MaxBufferSize"/>; default <see cref="DefaultBufferSize"/>. A writer rounds it down to whole frames,
    /// and up to one frame when it is smaller than a frame. Encoded frames reach the stream when the buffer fills, on
    /// a header refresh, on <see cref="IAudioFileWriter.Flush"/> and on <see cref="IAudioFileWriter.Complete"/>.
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
    /// Gets the metadata to store in the file: each encoder writes what its format can hold (WAV: <c>bext</c>,
    /// <c>iXML</c>, markers and regions) and ignores the rest. Default <see cref="AudioMetadata.Empty"/>. Metadata is
    /// per file, so build options per file when it is set (they are cheap and immutable).
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public AudioMetadata Metadata
    {
        get => _metadata;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _metadata = value;
        }
    }

    /// <summary>Returns these options with <see cref="LeaveOpen"/> replaced, or this instance when it already matches.</summary>
    internal EncoderOptions WithLeaveOpen(bool leaveOpen) =>
        leaveOpen == LeaveOpen ? this : new EncoderOptions { LeaveOpen = leaveOpen, BufferSize = BufferSize, Metadata = Metadata };
}
