using System.Buffers.Binary;
using System.Text;
using AudioPost.Sdk.Formats.Metadata;
using AudioPost.Sdk.IO;

namespace AudioPost.Sdk.Formats.Aiff;

/// <summary>
/// Reads and writes the <c>MARK</c> chunk: a 16-bit marker count, then per marker a 16-bit id, a 32-bit sample-frame
/// position and a Pascal-string name padded to an even length (AIFF 1.3 §"Marker Chunk").
/// </summary>
/// <remarks>
/// AIFF markers are points only. A region (<see cref="AudioMarker.IsRegion"/>) is written as two markers, its start
/// named by its label and its end named "<c>label end</c>", so other programs see both ends; they are read back as two
/// markers, not paired into a region again (nothing in the file says they belong together). Notes are not stored.
/// Names are written as UTF-8 cut to 255 bytes on a character boundary (plain ASCII, the common case, is the same
/// either way) and read as UTF-8, falling back to Latin-1 for the Mac Roman names of older writers.
/// </remarks>
internal static class AiffMarkChunk
{
    /// <summary>The fixed fields of one marker: id (2) and position (4).</summary>
    private const int MarkerFixedSize = 6;

    /// <summary>The smallest marker: the fixed fields and an empty name (count byte and pad byte).</summary>
    private const int MinMarkerSize = MarkerFixedSize + 2;

    /// <summary>The most bytes of a name a Pascal string holds.</summary>
    private const int MaxNameBytes = 255;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Parses a <c>MARK</c> payload into markers in file order, positions as stored (the caller clips them to the
    /// frame count).
    /// </summary>
    /// <param name="payload">The chunk's payload.</param>
    /// <param name="chunkOffset">The stream offset of the chunk header, for errors about the chunk as a whole.</param>
    /// <param name="payloadOffset">The stream offset of the payload, for errors about one marker.</param>
    /// <exception cref="AudioFormatException">The count does not fit the payload, or a marker runs past its end.</exception>
    public static List<AudioMarker> Parse(ReadOnlySpan<byte> payload, long chunkOffset, long payloadOffset)
    {
        if (payload.Length < 2)
        {
            ContainerThrowHelper.ThrowBadMetadata(chunkOffset, AiffConstants.MarkId, $"{payload.Length} bytes, too few for its marker count");
        }

        int count = BinaryPrimitives.ReadUInt16BigEndian(payload);

        // Checked before anything is allocated, so the count cannot size the list beyond what the bytes can hold.
        var room = (payload.Length - 2) / MinMarkerSize;
        if (count > room)
        {
            ContainerThrowHelper.ThrowBadMetadata(chunkOffset, AiffConstants.MarkId, $"it claims {count} markers but {payload.Length} bytes hold at most {room}");
        }

        var markers = new List<AudioMarker>(count);
        var at = 2;
        for (var i = 0; i < count; i++)
        {
            if (payload.Length - at < MarkerFixedSize + 1)
            {
                ContainerThrowHelper.ThrowBadMetadata(payloadOffset + at, AiffConstants.MarkId, $"marker {i + 1} of {count} runs past the end of the chunk");
            }

            // The id only matters to INST loops, which are not read; duplicates are harmless here.
            var position = BinaryPrimitives.ReadUInt32BigEndian(payload[(at + 2)..]);
            int nameLength = payload[at + MarkerFixedSize];
            var nameStart = at + MarkerFixedSize + 1;
            if (nameLength > payload.Length - nameStart)
            {
                ContainerThrowHelper.ThrowBadMetadata(
                    payloadOffset + at + MarkerFixedSize, AiffConstants.MarkId, $"the name of marker {i + 1} claims {nameLength} bytes but only {payload.Length - nameStart} remain");
            }

            var name = ReadName(payload.Slice(nameStart, nameLength));
            markers.Add(new AudioMarker(position, name));

            // The count byte and the text together are padded to an even length. A missing pad after the last name
            // only moves 'at' past the end, which the loop never reads again.
            at = nameStart + nameLength + ((1 + nameLength) & 1);
        }

        return markers;
    }

    /// <summary>
    /// Validates <paramref name="markers"/> for AIFF and serializes the whole <c>MARK</c> chunk (header, payload and
    /// pad), or returns an empty array when there are none. The result is a copy: the caller's list may change
    /// afterwards without affecting the file.
    /// </summary>
    /// <exception cref="NotSupportedException">A marker or region end lies beyond frame <see cref="uint.MaxValue"/>, or
    /// there are more than <see cref="short.MaxValue"/> AIFF markers (regions count twice).</exception>
    public static byte[] Build(IReadOnlyList<AudioMarker> markers)
    {
        // Snapshot first: everything below works on this copy, so a list changed by another thread cannot slip an
        // unchecked entry in between validation and serialization.
        var copy = markers.ToArray();
        if (copy.Length == 0)
        {
            return [];
        }

        var points = new List<(uint Position, byte[] Name)>(copy.Length);
        foreach (var marker in copy)
        {
            if (marker.Position + marker.Length > uint.MaxValue)
            {
                throw new NotSupportedException(
                    $"An AIFF marker addresses at most frame {uint.MaxValue}; the marker at {marker.Position} (length {marker.Length}) lies beyond it.");
            }

            points.Add(((uint)marker.Position, EncodeName(marker.Label)));
            if (marker.IsRegion)
            {
                var end = marker.Label is null ? "end" : marker.Label + " end";
                points.Add(((uint)(marker.Position + marker.Length), EncodeName(end)));
            }
        }

        // Marker ids are positive 16-bit numbers.
        if (points.Count > short.MaxValue)
        {
            throw new NotSupportedException($"AIFF holds at most {short.MaxValue} markers; {points.Count} were given (a region takes two).");
        }

        var size = 2;
        foreach (var (_, name) in points)
        {
            size += MarkerFixedSize + 1 + name.Length + ((1 + name.Length) & 1);
        }

        // Every marker's size is even, so the chunk needs no pad byte.
        var chunk = new byte[RiffChunkHeader.HeaderSize + size];
        FourCC.Write(chunk, AiffConstants.MarkId);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(4), (uint)size);
        var payload = chunk.AsSpan(RiffChunkHeader.HeaderSize);
        BinaryPrimitives.WriteUInt16BigEndian(payload, (ushort)points.Count);
        var at = 2;
        for (var i = 0; i < points.Count; i++)
        {
            var (position, name) = points[i];
            BinaryPrimitives.WriteInt16BigEndian(payload[at..], (short)(i + 1));
            BinaryPrimitives.WriteUInt32BigEndian(payload[(at + 2)..], position);
            payload[at + MarkerFixedSize] = (byte)name.Length;
            name.CopyTo(payload[(at + MarkerFixedSize + 1)..]);
            at += MarkerFixedSize + 1 + name.Length + ((1 + name.Length) & 1);
        }

        return chunk;
    }

    private static string? ReadName(ReadOnlySpan<byte> bytes)
    {
        // Some writers count a terminating NUL in the string.
        var end = bytes.IndexOf((byte)0);
        var text = end < 0 ? bytes : bytes[..end];
        if (text.IsEmpty)
        {
            return null;
        }

        try
        {
            return StrictUtf8.GetString(text);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(text);
        }
    }

    private static byte[] EncodeName(string? label)
    {
        if (string.IsNullOrEmpty(label))
        {
            return [];
        }

        var bytes = Encoding.UTF8.GetBytes(label);
        if (bytes.Length <= MaxNameBytes)
        {
            return bytes;
        }

        // Back up to the start of a UTF-8 sequence (continuation bytes are 10xxxxxx) so no character is cut in half.
        var cut = MaxNameBytes;
        while (cut > 0 && (bytes[cut] & 0xC0) == 0x80)
        {
            cut--;
        }

        return bytes[..cut];
    }
}
