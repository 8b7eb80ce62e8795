using System.Buffers.Binary;
using System.Text;
using AudioPost.Sdk.Formats.Metadata;
using AudioPost.Sdk.IO;

namespace AudioPost.Sdk.Formats.Wav;

/// <summary>
/// Reads and writes markers and regions: the <c>cue </c> chunk and the <c>LIST/adtl</c> chunk whose <c>labl</c>,
/// <c>note</c> and <c>ltxt</c> entries name them and give regions their length. Not thread-safe while collecting.
/// </summary>
internal sealed class WavMarkerChunks
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly List<(uint Id, long Position)> _cues = [];
    private readonly Dictionary<uint, (string? Label, string? Note, long Length)> _associated = [];

    /// <summary>Collects the cue points of a <c>cue </c> payload.</summary>
    /// <exception cref="AudioFormatException">The count does not fit the payload.</exception>
    public void AddCuePoints(ReadOnlySpan<byte> payload, long offset)
    {
        if (payload.Length < 4)
        {
            ContainerThrowHelper.ThrowBadMetadata(offset, WavConstants.CueId, $"{payload.Length} bytes, too few for its point count");
        }

        var count = BinaryPrimitives.ReadUInt32LittleEndian(payload);
        var room = (payload.Length - 4) / WavConstants.CuePointSize;
        if (count > room)
        {
            ContainerThrowHelper.ThrowBadMetadata(offset, WavConstants.CueId, $"it claims {count} cue points but holds {room}");
        }

        var kept = (int)Math.Min(count, WavConstants.MaxCuePoints - _cues.Count);
        for (var i = 0; i < kept; i++)
        {
            var point = payload.Slice(4 + (i * WavConstants.CuePointSize), WavConstants.CuePointSize);

            // dwSampleOffset (the last field) is the frame within 'data'; dwPosition is a play-order position that
            // most writers set to the same value but some leave 0.
            _cues.Add((BinaryPrimitives.ReadUInt32LittleEndian(point), BinaryPrimitives.ReadUInt32LittleEndian(point[20..])));
        }
    }

    /// <summary>Collects the labels, notes and region lengths of a <c>LIST</c> payload of type <c>adtl</c>; other list
    /// types are ignored.</summary>
    /// <exception cref="AudioFormatException">An entry runs past the end of the list.</exception>
    public void AddAssociatedData(ReadOnlySpan<byte> payload, long offset)
    {
        if (payload.Length < 4 || FourCC.Read(payload) != WavConstants.AdtlId)
        {
            return;
        }

        var at = 4;
        while (payload.Length - at >= RiffChunkHeader.HeaderSize)
        {
            var id = FourCC.Read(payload[at..]);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(payload[(at + 4)..]);
            var start = at + RiffChunkHeader.HeaderSize;
            if (size > (uint)(payload.Length - start))
            {
                ContainerThrowHelper.ThrowBadMetadata(
                    offset + RiffChunkHeader.HeaderSize + at, WavConstants.ListId, $"entry {FourCC.ToDisplayString(id)} claims {size} bytes but only {payload.Length - start} remain in the list");
            }

            var entry = payload.Slice(start, (int)size);
            if (entry.Length >= 4)
            {
                var cueId = BinaryPrimitives.ReadUInt32LittleEndian(entry);
                _associated.TryGetValue(cueId, out var data);
                switch (id)
                {
                    case WavConstants.LablId:
                        data.Label = ReadText(entry[4..]);
                        break;
                    case WavConstants.NoteId:
                        data.Note = ReadText(entry[4..]);
                        break;
                    case WavConstants.LtxtId when entry.Length >= WavConstants.LtxtFixedSize:
                        data.Length = BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]);
                        if (data.Label is null && entry.Length > WavConstants.LtxtFixedSize)
                        {
                            data.Label = ReadText(entry[WavConstants.LtxtFixedSize..]);
                        }

                        break;
                }

                _associated[cueId] = data;
            }

            at = start + (int)size + (int)(size & 1);
            if ((size & 1) != 0 && !IsAdtlEntryAt(payload, at) && IsAdtlEntryAt(payload, start + (int)size))
            {
                // Several tools write odd-sized labels without their pad byte; the next entry then starts a byte early.
                at = start + (int)size;
            }
        }
    }

    private static bool IsAdtlEntryAt(ReadOnlySpan<byte> payload, int at) =>
        payload.Length - at >= 4 && FourCC.Read(payload[at..]) is WavConstants.LablId or WavConstants.NoteId or WavConstants.LtxtId;

    /// <summary>Gets the markers collected so far, ordered by position then length, clipped to the file's
    /// <paramref name="frames"/>.</summary>
    public List<AudioMarker> ToMarkers(long frames)
    {
        var markers = new List<AudioMarker>(_cues.Count);
        foreach (var (id, position) in _cues)
        {
            _associated.TryGetValue(id, out var data);
            var start = Math.Min(position, frames);
            markers.Add(new AudioMarker(start, data.Label, Math.Min(data.Length, frames - start)) { Note = data.Note });
        }

        markers.Sort(static (a, b) => a.Position != b.Position ? a.Position.CompareTo(b.Position) : a.Length.CompareTo(b.Length));
        return markers;
    }

    /// <summary>Serializes the <c>cue </c> payload for <paramref name="markers"/>, numbering them from 1.</summary>
    public static byte[] SerializeCue(IReadOnlyList<AudioMarker> markers)
    {
        var payload = new byte[4 + (markers.Count * WavConstants.CuePointSize)];
        BinaryPrimitives.WriteUInt32LittleEndian(payload, (uint)markers.Count);
        for (var i = 0; i < markers.Count; i++)
        {
            var point = payload.AsSpan(4 + (i * WavConstants.CuePointSize));
            var position = (uint)markers[i].Position;
            BinaryPrimitives.WriteUInt32LittleEndian(point, (uint)(i + 1));
            BinaryPrimitives.WriteUInt32LittleEndian(point[4..], position);
            FourCC.Write(point[8..], WavConstants.DataId);
            BinaryPrimitives.WriteUInt32LittleEndian(point[20..], position);
        }

        return payload;
    }

    /// <summary>Serializes the <c>LIST</c> payload (type <c>adtl</c>) naming <paramref name="markers"/>, or returns
    /// <see langword="null"/> when no marker has a label, a note or a length.</summary>
    public static byte[]? SerializeAssociatedData(IReadOnlyList<AudioMarker> markers)
    {
        using var payload = new MemoryStream();
        Span<byte> scratch = stackalloc byte[WavConstants.LtxtFixedSize + RiffChunkHeader.HeaderSize];
        FourCC.Write(scratch, WavConstants.AdtlId);
        payload.Write(scratch[..4]);
        var any = false;
        for (var i = 0; i < markers.Count; i++)
        {
            var marker = markers[i];
            var cueId = (uint)(i + 1);
            if (marker.IsRegion)
            {
                var text = marker.Label is null ? [] : Encoding.UTF8.GetBytes(marker.Label + "\0");
                FourCC.Write(scratch, WavConstants.LtxtId);
                BinaryPrimitives.WriteUInt32LittleEndian(scratch[4..], (uint)(WavConstants.LtxtFixedSize + text.Length));
                var fixedPart = scratch.Slice(RiffChunkHeader.HeaderSize, WavConstants.LtxtFixedSize);
                fixedPart.Clear();
                BinaryPrimitives.WriteUInt32LittleEndian(fixedPart, cueId);
                BinaryPrimitives.WriteUInt32LittleEndian(fixedPart[4..], (uint)marker.Length);
                FourCC.Write(fixedPart[8..], WavConstants.RgnId);
                payload.Write(scratch);
                WritePadded(payload, text);
                any = true;
            }

            if (marker.Label is not null)
            {
                WriteTextEntry(payload, WavConstants.LablId, cueId, marker.Label);
                any = true;
            }

            if (marker.Note is not null)
            {
                WriteTextEntry(payload, WavConstants.NoteId, cueId, marker.Note);
                any = true;
            }
        }

        return any ? payload.ToArray() : null;
    }

    private static void WriteTextEntry(MemoryStream payload, uint id, uint cueId, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text + "\0");
        Span<byte> header = stackalloc byte[RiffChunkHeader.HeaderSize + 4];
        FourCC.Write(header, id);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)(4 + bytes.Length));
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], cueId);
        payload.Write(header);
        WritePadded(payload, bytes);
    }

    private static void WritePadded(MemoryStream payload, byte[] bytes)
    {
        payload.Write(bytes);
        if ((bytes.Length & 1) != 0)
        {
            payload.WriteByte(0);
        }
    }

    // Labels are ASCII by the letter of the spec, UTF-8 from most modern editors and Latin-1 from some old ones.
    private static string ReadText(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOf((byte)0);
        var text = end < 0 ? bytes : bytes[..end];
        try
        {
            return StrictUtf8.GetString(text);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(text);
        }
    }
}
