namespace AudioPost.Sdk.IO;

/// <summary>What <see cref="RiffChunkReader.ReadNext"/> found.</summary>
internal enum RiffChunkStatus
{
    /// <summary>A complete chunk header whose payload lies within the stream.</summary>
    Chunk,

    /// <summary>No more chunks: the container (or the stream) ends exactly here.</summary>
    End,

    /// <summary>Fewer than 8 bytes remain where a chunk header should start; the header's size is the bytes that remain.</summary>
    TruncatedHeader,

    /// <summary>A chunk header whose stated size runs past the end of the stream.</summary>
    PayloadPastEnd,
}
