namespace AudioPost.Sdk.IO;

/// <summary>
/// The steps of a chunk walk that do not depend on byte order, shared by <see cref="RiffChunkReader"/> (little-endian
/// sizes) and <see cref="IffChunkReader"/> (big-endian sizes): each reader decodes only the 8 header bytes itself.
/// </summary>
/// <remarks>Allocation-free; the header bytes live in the caller's stack buffer.</remarks>
internal static class ChunkWalk
{
    /// <summary>Reads the header bytes of the chunk at <paramref name="next"/>, unless the container ends first.</summary>
    /// <param name="stream">The stream; its position is moved.</param>
    /// <param name="next">Where the chunk header is expected.</param>
    /// <param name="containerEnd">Where the container's chunks end (already clamped to the stream's length).</param>
    /// <param name="bytes">Receives the <see cref="RiffChunkHeader.HeaderSize"/> header bytes.</param>
    /// <param name="header">For <see cref="RiffChunkStatus.End"/> and <see cref="RiffChunkStatus.TruncatedHeader"/>,
    /// the header to report; otherwise default, for the caller to decode from <paramref name="bytes"/>.</param>
    /// <returns><see cref="RiffChunkStatus.Chunk"/> when <paramref name="bytes"/> holds a whole header.</returns>
    public static RiffChunkStatus ReadHeader(Stream stream, long next, long containerEnd, Span<byte> bytes, out RiffChunkHeader header)
    {
        var remaining = containerEnd - next;
        if (remaining <= 0)
        {
            // A final odd-sized chunk without its pad byte puts next one past the end; report the end itself.
            header = new RiffChunkHeader(0, 0, Math.Min(next, containerEnd));
            return RiffChunkStatus.End;
        }

        stream.Position = next;
        var read = stream.ReadAtLeast(bytes, RiffChunkHeader.HeaderSize, throwOnEndOfStream: false);
        if (remaining < RiffChunkHeader.HeaderSize || read < RiffChunkHeader.HeaderSize)
        {
            header = new RiffChunkHeader(0, Math.Min(remaining, read), next);
            return RiffChunkStatus.TruncatedHeader;
        }

        header = default;
        return RiffChunkStatus.Chunk;
    }

    /// <summary>Whether the payload of <paramref name="header"/> fits the stream.</summary>
    /// <remarks>Compared as "size > what remains" so a 64-bit size from ds64 near long.MaxValue cannot overflow the
    /// sum.</remarks>
    public static bool PayloadFits(in RiffChunkHeader header, long streamLength) =>
        header.Size <= streamLength - header.PayloadOffset;

    /// <summary>Reads the first bytes of a chunk's payload, at most <c>destination.Length</c> and at most its size.</summary>
    /// <returns>The number of bytes read; less than requested only if the stream shrank during the walk.</returns>
    public static int ReadPayload(Stream stream, in RiffChunkHeader header, Span<byte> destination)
    {
        var wanted = (int)Math.Min(destination.Length, header.Size);
        stream.Position = header.PayloadOffset;
        return stream.ReadAtLeast(destination[..wanted], wanted, throwOnEndOfStream: false);
    }
}
