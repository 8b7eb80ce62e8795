namespace AudioPost.Sdk.IO;

/// <summary>The 8-byte header of one RIFF chunk and where it sits in the stream. Immutable.</summary>
/// <param name="Id">The chunk's four-character code (see <see cref="FourCC"/>).</param>
/// <param name="Size">The payload size in bytes as stored, excluding the header and the pad byte. Kept as
/// <see cref="long"/> so a 64-bit size (an RF64 <c>ds64</c> entry) can replace it later.</param>
/// <param name="Offset">The byte offset of the header (the code) in the stream.</param>
internal readonly record struct RiffChunkHeader(uint Id, long Size, long Offset)
{
    /// <summary>The size of a chunk header: a four-character code and a 32-bit size.</summary>
    public const int HeaderSize = 8;

    /// <summary>Gets the byte offset of the payload.</summary>
    public long PayloadOffset => Offset + HeaderSize;

    /// <summary>Gets the offset just past the payload and its pad byte (RIFF pads odd payloads to even length).</summary>
    public long PaddedEnd => PayloadOffset + Size + (Size & 1);
}
