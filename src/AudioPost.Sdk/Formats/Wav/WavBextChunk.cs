using System.Buffers.Binary;
using System.Text;
using AudioPost.Sdk.Formats.Metadata;

namespace AudioPost.Sdk.Formats.Wav;

/// <summary>
/// Reads and writes the <c>bext</c> chunk (EBU Tech 3285 v2, REFERENCE.md §5.1). Stateless and thread-safe.
/// </summary>
internal static class WavBextChunk
{
    private const int DescriptionOffset = 0;
    private const int OriginatorOffset = 256;
    private const int OriginatorReferenceOffset = 288;
    private const int OriginationDateOffset = 320;
    private const int OriginationTimeOffset = 330;
    private const int TimeReferenceOffset = 338;
    private const int VersionOffset = 346;
    private const int UmidOffset = 348;
    private const int LoudnessOffset = 412;
    private const int LoudnessEnd = 422;
    private const short UnknownLoudness = 0x7FFF;

    /// <summary>Parses a <c>bext</c> payload.</summary>
    /// <param name="payload">The payload (possibly capped at <see cref="WavConstants.MaxMetadataChunkSize"/>).</param>
    /// <param name="offset">The chunk's offset, for errors.</param>
    /// <exception cref="AudioFormatException">The payload is shorter than the fields up to Version.</exception>
    public static BroadcastExtension Parse(ReadOnlySpan<byte> payload, long offset)
    {
        if (payload.Length < WavConstants.BextMinimumSize)
        {
            ContainerThrowHelper.ThrowBadMetadata(offset, WavConstants.BextId, $"{payload.Length} bytes, fewer than the {WavConstants.BextMinimumSize} that reach its Version field");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(payload[VersionOffset..]);
        var timeReference = BinaryPrimitives.ReadUInt64LittleEndian(payload[TimeReferenceOffset..]);
        var bext = new BroadcastExtension
        {
            Description = ReadText(payload.Slice(DescriptionOffset, BroadcastExtension.DescriptionSize)),
            Originator = ReadText(payload.Slice(OriginatorOffset, BroadcastExtension.OriginatorSize)),
            OriginatorReference = ReadText(payload.Slice(OriginatorReferenceOffset, BroadcastExtension.OriginatorSize)),
            OriginationDate = ReadText(payload.Slice(OriginationDateOffset, BroadcastExtension.OriginationDateSize)),
            OriginationTime = ReadText(payload.Slice(OriginationTimeOffset, BroadcastExtension.OriginationTimeSize)),
            TimeReference = timeReference,
            Version = version,
        };

        // Version decides what the bytes after it mean: in v0 they are reserved, in v1 the UMID, in v2 also loudness.
        if (version >= 1 && payload.Length >= UmidOffset + BroadcastExtension.UmidSize)
        {
            var umid = payload.Slice(UmidOffset, BroadcastExtension.UmidSize);
            var used = umid.ContainsAnyExcept((byte)0) ? (umid[32..].ContainsAnyExcept((byte)0) ? 64 : 32) : 0;
            bext = bext with { Umid = umid[..used].ToArray() };
        }

        if (version >= 2 && payload.Length >= LoudnessEnd)
        {
            bext = bext with
            {
                LoudnessValue = ReadLoudness(payload, LoudnessOffset),
                LoudnessRange = ReadLoudness(payload, LoudnessOffset + 2),
                MaxTruePeakLevel = ReadLoudness(payload, LoudnessOffset + 4),
                MaxMomentaryLoudness = ReadLoudness(payload, LoudnessOffset + 6),
                MaxShortTermLoudness = ReadLoudness(payload, LoudnessOffset + 8),
            };
        }

        if (payload.Length > WavConstants.BextFixedSize)
        {
            bext = bext with { CodingHistory = ReadText(payload[WavConstants.BextFixedSize..]) };
        }

        return bext;
    }

    /// <summary>Serializes <paramref name="bext"/> as a <c>bext</c> payload: the 602 fixed bytes and the coding history.</summary>
    public static byte[] Serialize(BroadcastExtension bext)
    {
        var history = Encoding.Latin1.GetBytes(bext.CodingHistory);
        var payload = new byte[WavConstants.BextFixedSize + history.Length];
        var span = payload.AsSpan();
        WriteText(span.Slice(DescriptionOffset, BroadcastExtension.DescriptionSize), bext.Description);
        WriteText(span.Slice(OriginatorOffset, BroadcastExtension.OriginatorSize), bext.Originator);
        WriteText(span.Slice(OriginatorReferenceOffset, BroadcastExtension.OriginatorSize), bext.OriginatorReference);
        WriteText(span.Slice(OriginationDateOffset, BroadcastExtension.OriginationDateSize), bext.OriginationDate);
        WriteText(span.Slice(OriginationTimeOffset, BroadcastExtension.OriginationTimeSize), bext.OriginationTime);

        // Both 32-bit halves, always: a writer of the low word only breaks after ~12.4 h at 96 kHz.
        BinaryPrimitives.WriteUInt64LittleEndian(span[TimeReferenceOffset..], bext.TimeReference);
        var version = bext.EffectiveVersion;
        BinaryPrimitives.WriteUInt16LittleEndian(span[VersionOffset..], version);
        if (version >= 1)
        {
            bext.Umid.Span.CopyTo(span[UmidOffset..]);
        }

        if (version >= 2)
        {
            WriteLoudness(span, LoudnessOffset, bext.LoudnessValue);
            WriteLoudness(span, LoudnessOffset + 2, bext.LoudnessRange);
            WriteLoudness(span, LoudnessOffset + 4, bext.MaxTruePeakLevel);
            WriteLoudness(span, LoudnessOffset + 6, bext.MaxMomentaryLoudness);
            WriteLoudness(span, LoudnessOffset + 8, bext.MaxShortTermLoudness);
        }

        history.CopyTo(span[WavConstants.BextFixedSize..]);
        return payload;
    }

    private static string ReadText(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        return Encoding.Latin1.GetString(end < 0 ? field : field[..end]);
    }

    // The property setters have already checked length and range, so these cannot overflow their fields.
    private static void WriteText(Span<byte> field, string text) => Encoding.Latin1.GetBytes(text, field);

    private static double? ReadLoudness(ReadOnlySpan<byte> payload, int offset)
    {
        var stored = BinaryPrimitives.ReadInt16LittleEndian(payload[offset..]);
        return stored is UnknownLoudness or short.MinValue ? null : stored / 100.0;
    }

    private static void WriteLoudness(Span<byte> payload, int offset, double? value)
    {
        var stored = value is { } v ? (short)Math.Round(v * 100, MidpointRounding.AwayFromZero) : UnknownLoudness;
        BinaryPrimitives.WriteInt16LittleEndian(payload[offset..], stored);
    }
}
