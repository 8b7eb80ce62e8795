using System.Buffers.Binary;

namespace AudioPost.Sdk.IO;

/// <summary>
/// Walks the chunks of a big-endian EA IFF 85 container (AIFF and AIFF-C) one header at a time, skipping payloads and
/// their pad bytes, and reports sizes that do not fit the stream instead of trusting them. The big-endian twin of
/// <see cref="RiffChunkReader"/>: chunk ids are the same four ASCII bytes (so <see cref="FourCC"/> codes compare
/// unchanged), only the 32-bit sizes are stored the other way round. It reuses <see cref="RiffChunkHeader"/> and
/// <see cref="RiffChunkStatus"/>, whose meaning does not depend on the byte order.
/// </summary>
/// <remarks>
/// <para>Every step moves forward by at least the 8-byte header, so a run of zero-sized chunks cannot loop forever;
/// callers still cap the number of chunks they accept.</para>
/// <para>Not thread-safe: it moves the stream's position. Allocation-free.</para>
/// </remarks>
internal sealed class IffChunkReader
{
    private readonly Stream _stream;
    private readonly long _containerEnd;
    private readonly long _streamLength;
    private long _next;

    /// <summary>Starts a walk.</summary>
    /// <param name="stream">A readable, seekable stream.</param>
    /// <param name="firstChunkOffset">The offset of the first chunk header (just after the form type).</param>
    /// <param name="containerEnd">Where the FORM says its chunks end; a new chunk is never started at or past it.
    /// Payloads are checked against <paramref name="streamLength"/> instead (see <see cref="RiffChunkReader"/>).</param>
    /// <param name="streamLength">The length of the stream.</param>
    public IffChunkReader(Stream stream, long firstChunkOffset, long containerEnd, long streamLength)
    {
        _stream = stream;
        _next = firstChunkOffset;
        _containerEnd = Math.Min(containerEnd, streamLength);
        _streamLength = streamLength;
    }

    /// <summary>Gets the offset where the next chunk header is expected.</summary>
    public long NextOffset => _next;

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

        header = new RiffChunkHeader(FourCC.Read(bytes), BinaryPrimitives.ReadUInt32BigEndian(bytes[4..]), _next);
        if (!ChunkWalk.PayloadFits(header, _streamLength))
        {
            return RiffChunkStatus.PayloadPastEnd;
        }

        _next = header.PaddedEnd;
        return RiffChunkStatus.Chunk;
    }

    /// <summary>Reads the first bytes of a chunk's payload, at most <c>destination.Length</c> and at most its size.</summary>
    /// <param name="header">A header returned with <see cref="RiffChunkStatus.Chunk"/>.</param>
    /// <param name="destination">Receives the bytes.</param>
    /// <returns>The number of bytes read; less than requested only if the stream shrank during the walk.</returns>
    public int ReadPayload(in RiffChunkHeader header, Span<byte> destination) => ChunkWalk.ReadPayload(_stream, header, destination);
}
