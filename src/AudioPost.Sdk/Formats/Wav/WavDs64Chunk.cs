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

    /// <summary>Reads and validates the ds64 chunk that <paramref name="header"/> points at.</summary>
    /// <exception cref="AudioFormatException">The chunk is too small or its table does not fit it.</exception>
    public static WavDs64Chunk Parse(RiffChunkReader chunks, in RiffChunkHeader header)
    {
        if (header.Size < BaseSize)
        {
            WavThrowHelper.ThrowBadDs64(header.Offset, $"{header.Size} bytes, but it needs at least {BaseSize}");
        }

        Span<byte> fixedPart = stackalloc byte[BaseSize];
        if (chunks.ReadPayload(header, fixedPart) < BaseSize)
        {
            WavThrowHelper.ThrowChunkCutShort(header.Offset, header.Id, header.Size, 0);
        }

        var riffSize = BinaryPrimitives.ReadUInt64LittleEndian(fixedPart);
        var dataSize = BinaryPrimitives.ReadUInt64LittleEndian(fixedPart[8..]);
        var sampleCount = BinaryPrimitives.ReadUInt64LittleEndian(fixedPart[16..]);
        var tableLength = BinaryPrimitives.ReadUInt32LittleEndian(fixedPart[24..]);
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
            var bytes = new byte[BaseSize + (kept * WavConstants.Ds64TableEntrySize)];
            if (chunks.ReadPayload(header, bytes) < bytes.Length)
            {
                WavThrowHelper.ThrowChunkCutShort(header.Offset, header.Id, header.Size, 0);
            }

            for (var i = 0; i < kept; i++)
            {
                var entry = bytes.AsSpan(BaseSize + (i * WavConstants.Ds64TableEntrySize));
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
