using System.Buffers.Binary;
using AudioPost.Sdk.IO;

namespace AudioPost.Sdk.Formats.Wav;

/// <summary>
/// The <c>ds64</c> chunk of an RF64/BW64 file (EBU Tech 3306, REFERENCE.md §5.2): the 64-bit sizes that replace every
/// 32-bit size stored as 0xFFFFFFFF. Immutable.
/// </summary>
/// <param name="RiffSize">The container size (file length − 8).</param>
/// <param name="DataSize">The payload bytes of <c>data</c>.</param>
/// <param name="SampleCount">The frame count (the <c>fact</c> equivalent).</param>
/// <param name="Table">64-bit sizes of other chunks, by chunk id (usually empty).</param>
internal readonly record struct WavDs64Chunk(ulong RiffSize, ulong DataSize, ulong SampleCount, (uint Id, ulong Size)[] Table)
{
    /// <summary>The payload size without a table: three 64-bit sizes and the 32-bit table length.</summary>
    public const int BaseSize = 28;

    /// <summary>The most payload bytes ever read: the fixed part and the table entries that are kept.</summary>
    public const int MaxReadSize = BaseSize + (WavConstants.MaxDs64TableEntries * WavConstants.Ds64TableEntrySize);

    /// <summary>Reads and validates the ds64 chunk that <paramref name="header"/> points at.</summary>
    /// <exception cref="AudioFormatException">The chunk is too small or its table does not fit it.</exception>
    public static WavDs64Chunk Parse(RiffChunkReader chunks, in RiffChunkHeader header)
    {
        if (header.Size < BaseSize)
        {
            WavThrowHelper.ThrowBadDs64(header.Offset, $"{header.Size} bytes, but it needs at least {BaseSize}");
        }

        // The fixed part and at most the kept table entries: nothing is sized by the table length field.
        Span<byte> bytes = stackalloc byte[MaxReadSize];
        var read = chunks.ReadPayload(header, bytes);
        if (read < BaseSize)
        {
            ContainerThrowHelper.ThrowChunkCutShort(header.Offset, header.Id, header.Size, 0);
        }

        return Parse(bytes[..read], header);
    }

    /// <summary>
    /// Validates a ds64 chunk from its first bytes: the seekable walk and the pipe reader share this.
    /// </summary>
    /// <param name="payload">The first min(size, <see cref="MaxReadSize"/>) payload bytes.</param>
    /// <param name="header">The chunk's header, for its stated size and the offsets in errors.</param>
    /// <exception cref="AudioFormatException">The chunk is too small or its table does not fit it.</exception>
    public static WavDs64Chunk Parse(ReadOnlySpan<byte> payload, in RiffChunkHeader header)
    {
        if (header.Size < BaseSize)
        {
            WavThrowHelper.ThrowBadDs64(header.Offset, $"{header.Size} bytes, but it needs at least {BaseSize}");
        }

        if (payload.Length < BaseSize)
        {
            ContainerThrowHelper.ThrowChunkCutShort(header.Offset, header.Id, header.Size, 0);
        }

        var riffSize = BinaryPrimitives.ReadUInt64LittleEndian(payload);
        var dataSize = BinaryPrimitives.ReadUInt64LittleEndian(payload[8..]);
        var sampleCount = BinaryPrimitives.ReadUInt64LittleEndian(payload[16..]);
        var tableLength = BinaryPrimitives.ReadUInt32LittleEndian(payload[24..]);
        if (tableLength > (header.Size - BaseSize) / WavConstants.Ds64TableEntrySize)
        {
            WavThrowHelper.ThrowBadDs64(
                header.PayloadOffset + 24, $"its table claims {tableLength} entries but the chunk holds {(header.Size - BaseSize) / WavConstants.Ds64TableEntrySize}");
        }

        // Only the first entries are kept: the table is sized by a field, so it is capped rather than trusted.
        var kept = (int)Math.Min(tableLength, WavConstants.MaxDs64TableEntries);
        var table = kept == 0 ? [] : new (uint, ulong)[kept];
        if (kept > 0)
        {
            if (payload.Length < BaseSize + (kept * WavConstants.Ds64TableEntrySize))
            {
                ContainerThrowHelper.ThrowChunkCutShort(header.Offset, header.Id, header.Size, 0);
            }

            for (var i = 0; i < kept; i++)
            {
                var entry = payload[(BaseSize + (i * WavConstants.Ds64TableEntrySize))..];
                table[i] = (FourCC.Read(entry), BinaryPrimitives.ReadUInt64LittleEndian(entry[4..]));
            }
        }

        return new WavDs64Chunk(riffSize, dataSize, sampleCount, table);
    }

    /// <summary>Writes the 28-byte payload without a table into <paramref name="destination"/>.</summary>
    public static void Write(Span<byte> destination, ulong riffSize, ulong dataSize, ulong sampleCount)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, riffSize);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], dataSize);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], sampleCount);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[24..], 0);
    }

    /// <summary>Gets the 64-bit size of a chunk other than <c>data</c> from the table, if listed.</summary>
    public bool TryGetSize(uint id, out ulong size)
    {
        foreach (var (entryId, entrySize) in Table)
        {
            if (entryId == id)
            {
                size = entrySize;
                return true;
            }
        }

        size = 0;
        return false;
    }
}
