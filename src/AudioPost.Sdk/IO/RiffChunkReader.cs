using System.Buffers.Binary;

namespace AudioPost.Sdk.IO;

/// <summary>
/// Walks the chunks of a RIFF-style container (RIFF/WAVE now; RF64 and BW64 later) one header at a time, skipping
/// payloads and their pad bytes, and reports sizes that do not fit the stream instead of trusting them.
/// </summary>
/// <remarks>
/// <para>Every step moves forward by at least the 8-byte header, so a run of zero-sized chunks cannot loop forever;
/// callers still cap the number of chunks they accept so a file of nothing but empty chunks is rejected quickly.</para>
/// <para>It reports problems as a <see cref="RiffChunkStatus"/> instead of throwing, so each format can word its own
/// errors. Not thread-safe: it moves the stream's position. Allocation-free.</para>
/// </remarks>
internal sealed class RiffChunkReader
{
    private readonly Stream _stream;
    private readonly long _containerEnd;
    private readonly long _streamLength;
    private readonly Func<uint, long>? _largeSizeLookup;
    private long _next;

    /// <summary>Starts a walk.</summary>
    /// <param name="stream">A readable, seekable stream.</param>
    /// <param name="firstChunkOffset">The offset of the first chunk header (just after the form type).</param>
    /// <param name="containerEnd">Where the container says its chunks end; a new chunk is never started at or past it.
    /// Chunk payloads are checked against <paramref name="streamLength"/> instead, because writers that forget to patch
    /// the container size are common while the chunk sizes are usually right.</param>
    /// <param name="streamLength">The length of the stream.</param>
    /// <param name="largeSizeLookup">For RF64: given the id of a chunk whose 32-bit size is 0xFFFFFFFF, returns its
    /// 64-bit size from <c>ds64</c>, or −1 when <c>ds64</c> does not list it (the 32-bit value then stands).</param>
    public RiffChunkReader(Stream stream, long firstChunkOffset, long containerEnd, long streamLength, Func<uint, long>? largeSizeLookup = null)
    {
        _largeSizeLookup = largeSizeLookup;
        _stream = stream;
        _next = firstChunkOffset;
        _containerEnd = Math.Min(containerEnd, streamLength);
        _streamLength = streamLength;
    }

    /// <summary>Gets the offset where the next chunk header is expected.</summary>
    public long NextOffset => _next;

    /// <summary>Gets the length of the stream, as measured when the walk started.</summary>
    public long StreamLength => _streamLength;

    /// <summary>Reads the next chunk header and advances past its payload (and pad byte).</summary>
    /// <param name="header">The header read; see <see cref="RiffChunkStatus"/> for what it holds in each case.</param>
    /// <returns>What was found. After anything but <see cref="RiffChunkStatus.Chunk"/> the walk is over.</returns>
    public RiffChunkStatus ReadNext(out RiffChunkHeader header)
    {
        Span<byte> bytes = stackalloc byte[RiffChunkHeader.HeaderSize];
        var status = ChunkWalk.ReadHeader(_stream, _next, _containerEnd, bytes, out header);
        if (status != RiffChunkStatus.Chunk)
        {
            return status;
        }

        var id = FourCC.Read(bytes);
        long size = BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]);
        if (size == uint.MaxValue && _largeSizeLookup?.Invoke(id) is >= 0 and var large)
        {
            size = large;
        }

        header = new RiffChunkHeader(id, size, _next);
        if (!ChunkWalk.PayloadFits(header, _streamLength))
        {
            return RiffChunkStatus.PayloadPastEnd;
        }

        _next = header.PaddedEnd;
        return RiffChunkStatus.Chunk;
    }

    /// <summary>Continues the walk at <paramref name="offset"/>, for a caller that decided where a chunk really ends.</summary>
    public void MoveTo(long offset) => _next = offset;

    /// <summary>Reads the first bytes of a chunk's payload, at most <c>destination.Length</c> and at most its size.</summary>
    /// <param name="header">A header returned with <see cref="RiffChunkStatus.Chunk"/>.</param>
    /// <param name="destination">Receives the bytes.</param>
    /// <returns>The number of bytes read; less than requested only if the stream shrank during the walk.</returns>
    public int ReadPayload(in RiffChunkHeader header, Span<byte> destination) => ChunkWalk.ReadPayload(_stream, header, destination);
}
