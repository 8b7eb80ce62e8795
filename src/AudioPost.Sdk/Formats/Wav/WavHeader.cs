using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using AudioPost.Sdk.Formats.Metadata;
using AudioPost.Sdk.IO;

namespace AudioPost.Sdk.Formats.Wav;

/// <summary>
/// Everything a WAV reader needs from the chunks around the samples: the validated <c>fmt </c>, where the sample
/// bytes are and how many, and the metadata. Produced by <see cref="Read"/>, which walks RIFF, RF64 and BW64 files.
/// </summary>
/// <param name="Format">The validated format.</param>
/// <param name="DataOffset">The stream offset of the first sample byte.</param>
/// <param name="DataSize">The sample bytes to read (whole or partial frames; the reader ignores a partial one).</param>
/// <param name="FormId">The container id: RIFF, RF64 or BW64.</param>
/// <param name="Metadata">The bext, iXML and markers found.</param>
internal sealed record WavHeader(WavFormatChunk Format, long DataOffset, long DataSize, uint FormId, AudioMetadata Metadata)
{
    /// <summary>Walks the file at the stream's position and validates everything before the first sample is read.</summary>
    /// <exception cref="AudioFormatException">The header is malformed or unsupported.</exception>
    public static WavHeader Read(Stream stream, DecoderOptions options)
    {
        var start = stream.Position;
        var length = stream.Length;
        Span<byte> riff = stackalloc byte[WavConstants.RiffHeaderSize];
        if (stream.ReadAtLeast(riff, riff.Length, throwOnEndOfStream: false) < riff.Length)
        {
            ContainerThrowHelper.ThrowFileTooShort(start, length - start, WavConstants.RiffHeaderSize, "RIFF");
        }

        var formId = ReadFormId(riff, start);
        var firstChunk = start + WavConstants.RiffHeaderSize;
        var riffSize = BinaryPrimitives.ReadUInt32LittleEndian(riff[4..]);
        WavDs64Chunk? ds64 = null;
        if (formId != WavConstants.RiffId)
        {
            // RF64 and BW64 put their 64-bit sizes in a ds64 chunk that must come first (EBU Tech 3306).
            var probe = new RiffChunkReader(stream, firstChunk, length, length);
            var status = probe.ReadNext(out var first);
            if (status != RiffChunkStatus.Chunk || first.Id != WavConstants.Ds64Id)
            {
                WavThrowHelper.ThrowMissingDs64(first.Offset, formId, status == RiffChunkStatus.Chunk ? first.Id : 0);
            }

            ds64 = WavDs64Chunk.Parse(probe, first);
        }

        // Streaming writers leave 0 or 0xFFFFFFFF when they never came back to patch the size; both mean "to the end".
        // Recovery ignores the container size altogether: what a killed writer left behind lies past it.
        var containerEnd = riffSize switch
        {
            _ when options.RecoveryMode => length,
            WavConstants.SizeFromDs64 when ds64 is { RiffSize: not 0 } sizes => sizes.RiffSize > (ulong)(length - start - 8) ? length : start + 8 + (long)sizes.RiffSize,
            0 or uint.MaxValue => length,
            _ => start + 8 + riffSize,
        };

        var lookup = ds64 is { } table ? id => LookupLargeSize(table, id) : (Func<uint, long>?)null;
        var chunks = new RiffChunkReader(stream, firstChunk, containerEnd, length, lookup);
        return Walk(stream, chunks, options, formId, length);
    }

    /// <summary>Checks the 12-byte RIFF header at <paramref name="start"/> and returns its form id: RIFF, RF64 or BW64.</summary>
    /// <exception cref="AudioFormatException">It is not a RIFF/RF64/BW64 header or not of form WAVE.</exception>
    internal static uint ReadFormId(ReadOnlySpan<byte> riff, long start)
    {
        var formId = FourCC.Read(riff);
        if (formId is not (WavConstants.RiffId or WavConstants.Rf64Id or WavConstants.Bw64Id))
        {
            WavThrowHelper.ThrowNotRiff(start, formId);
        }

        var formType = FourCC.Read(riff[8..]);
        if (formType != WavConstants.WaveId)
        {
            WavThrowHelper.ThrowNotWave(start + 8, formType);
        }

        return formId;
    }

    /// <summary>The 64-bit size of a chunk whose 32-bit size is 0xFFFFFFFF, or −1 when <c>ds64</c> does not give one.</summary>
    internal static long LookupLargeSize(WavDs64Chunk ds64, uint id)
    {
        var size = id == WavConstants.DataId ? ds64.DataSize : ds64.TryGetSize(id, out var listed) ? listed : ulong.MaxValue;

        // 0 is what an RF64 writer that never came back leaves (the data then runs to the end, as 0xFFFFFFFF says in
        // plain RIFF); a size beyond what a long holds cannot be true of any stream. Either way the 32-bit value stands.
        return size is 0 or > long.MaxValue ? -1 : (long)size;
    }

    private static WavHeader Walk(Stream stream, RiffChunkReader chunks, DecoderOptions options, uint formId, long length)
    {
        WavFormatChunk? format = null;
        RiffChunkHeader? data = null;
        BroadcastExtension? bext = null;
        IXmlMetadata? ixml = null;
        var markers = new WavMarkerChunks();
        var recovery = options.RecoveryMode;
        for (var count = 0; ; count++)
        {
            if (count >= WavConstants.MaxChunks)
            {
                if (data.HasValue)
                {
                    break;
                }

                ContainerThrowHelper.ThrowTooManyChunks(chunks.NextOffset, WavConstants.MaxChunks, string.Empty);
            }

            var status = chunks.ReadNext(out var chunk);
            if (status == RiffChunkStatus.PayloadPastEnd && chunk.Id == WavConstants.DataId && format.HasValue && !data.HasValue)
            {
                data = ClampDataPastEnd(chunk, length, recovery);
                break;
            }

            if (data is { } audio && chunk.Offset == audio.PaddedEnd && status != RiffChunkStatus.End)
            {
                if ((audio.Size & 1) != 0 && !Plausible(status, chunk.Id) && IsKnownChunkAt(stream, audio.PayloadOffset + audio.Size, length))
                {
                    // An odd-sized data chunk whose writer forgot the pad byte: the next chunk starts one byte earlier.
                    chunks.MoveTo(audio.PayloadOffset + audio.Size);
                    continue;
                }

                if (recovery && !Trusted(status, chunk.Id))
                {
                    // Not a chunk right behind the audio: sample bytes written after the last header refresh (or with
                    // a size of 0 left by a writer killed before its first refresh). They belong to 'data'.
                    data = ExtendToEnd(audio, length);
                    break;
                }
            }

            if (status != RiffChunkStatus.Chunk)
            {
                if (data.HasValue)
                {
                    // Whatever follows the audio (leftovers of a killed writer, a cut-off trailer) cannot hide it.
                    break;
                }

                ThrowForStatus(status, chunk, format.HasValue, length);
            }

            switch (chunk.Id)
            {
                case WavConstants.FmtId:
                    if (format.HasValue)
                    {
                        WavThrowHelper.ThrowDuplicateFmt(chunk.Offset);
                    }

                    format = WavFormatChunk.Parse(chunks, chunk);
                    break;

                case WavConstants.DataId when !data.HasValue:
                    if (!format.HasValue)
                    {
                        WavThrowHelper.ThrowDataBeforeFmt(chunk.Offset);
                    }

                    data = chunk;
                    break;

                case WavConstants.BextId or WavConstants.IXmlId or WavConstants.CueId or WavConstants.ListId:
                    ReadMetadataChunk(chunks, chunk, recovery, ref bext, ref ixml, markers);
                    break;

                default:
                    // fmt-only chunks ('fact' repeats the frame count, which 'data' gives exactly), JUNK, PAD and
                    // anything unknown are skipped.
                    break;
            }
        }

        if (!data.HasValue)
        {
            WavThrowHelper.ThrowMissingData(chunks.NextOffset);
        }

        var header = data.Value;
        var metadata = BuildMetadata(bext, ixml, markers, header.Size / format!.Value.BlockAlign);
        return new WavHeader(format.Value, header.PayloadOffset, header.Size, formId, metadata);
    }

    // What follows the audio in recovery mode counts as a chunk when it is one the decoder knows (even cut short: a
    // trailer being written when the process died), or a complete chunk with a printable id. Anything else is taken
    // for samples written after the last refresh; loud samples look printable about 2 % of the time, but then their
    // "size" almost never fits the file.
    private static bool Trusted(RiffChunkStatus status, uint id) =>
        WavConstants.IsKnownChunk(id) || (status == RiffChunkStatus.Chunk && FourCC.IsPrintable(id));

    private static bool Plausible(RiffChunkStatus status, uint id) =>
        status == RiffChunkStatus.Chunk && FourCC.IsPrintable(id);

    private static bool IsKnownChunkAt(Stream stream, long offset, long length)
    {
        if (length - offset < RiffChunkHeader.HeaderSize)
        {
            return false;
        }

        Span<byte> id = stackalloc byte[4];
        stream.Position = offset;
        return stream.ReadAtLeast(id, 4, throwOnEndOfStream: false) == 4 && WavConstants.IsKnownChunk(FourCC.Read(id));
    }

    /// <summary>Assembles what the walk found; markers are clipped to <paramref name="frames"/>.</summary>
    internal static AudioMetadata BuildMetadata(BroadcastExtension? bext, IXmlMetadata? ixml, WavMarkerChunks markers, long frames)
    {
        var list = markers.ToMarkers(frames);
        return bext is null && ixml is null && list.Count == 0
            ? AudioMetadata.Empty
            : new AudioMetadata { Broadcast = bext, IXml = ixml, Markers = list };
    }

    private static RiffChunkHeader ClampDataPastEnd(in RiffChunkHeader chunk, long length, bool recovery)
    {
        // 0xFFFFFFFF in a plain RIFF file is the usual mark of a streamed file (ffmpeg writing to a pipe): read to the end.
        if (!recovery && chunk.Size != WavConstants.SizeFromDs64)
        {
            WavThrowHelper.ThrowDataPastEnd(chunk.Offset, chunk.Size, length - chunk.PayloadOffset);
        }

        return ExtendToEnd(chunk, length);
    }

    private static RiffChunkHeader ExtendToEnd(in RiffChunkHeader chunk, long length) =>
        chunk with { Size = Math.Max(0, length - chunk.PayloadOffset) };

    private static void ReadMetadataChunk(
        RiffChunkReader chunks, in RiffChunkHeader chunk, bool recovery, ref BroadcastExtension? bext, ref IXmlMetadata? ixml, WavMarkerChunks markers)
    {
        if (chunk.Size > WavConstants.MaxMetadataChunkSize)
        {
            return;
        }

        // The size was checked against the stream's length by the walk and is capped above, so this allocation is
        // bounded by the file itself.
        var payload = new byte[chunk.Size];
        var read = chunks.ReadPayload(chunk, payload);
        if (read < payload.Length && !recovery)
        {
            ContainerThrowHelper.ThrowChunkCutShort(chunk.Offset, chunk.Id, chunk.Size, read);
        }

        if (read == payload.Length)
        {
            ParseMetadataChunk(payload, chunk, recovery, ref bext, ref ixml, markers);
        }
    }

    /// <summary>Parses a whole <c>bext</c>, <c>iXML</c>, <c>cue </c> or <c>LIST</c> payload into what the walk collects;
    /// the first <c>bext</c> and <c>iXML</c> win.</summary>
    /// <exception cref="AudioFormatException">The chunk is damaged and <paramref name="recovery"/> is off.</exception>
    internal static void ParseMetadataChunk(
        ReadOnlySpan<byte> payload, in RiffChunkHeader chunk, bool recovery, ref BroadcastExtension? bext, ref IXmlMetadata? ixml, WavMarkerChunks markers)
    {
        try
        {
            switch (chunk.Id)
            {
                case WavConstants.BextId:
                    bext ??= WavBextChunk.Parse(payload, chunk.Offset);
                    break;
                case WavConstants.IXmlId:
                    ixml ??= IXmlMetadata.FromBytes(payload);
                    break;
                case WavConstants.CueId:
                    markers.AddCuePoints(payload, chunk.Offset);
                    break;
                default:
                    markers.AddAssociatedData(payload, chunk.Offset);
                    break;
            }
        }
        catch (AudioFormatException) when (recovery)
        {
            // Recovery mode is about getting the audio back: damaged metadata is dropped, not fatal.
        }
    }

    [DoesNotReturn]
    private static void ThrowForStatus(RiffChunkStatus status, in RiffChunkHeader chunk, bool haveFormat, long length)
    {
        ContainerThrowHelper.ThrowIfChunkDamaged(status, chunk, length);
        if (haveFormat)
        {
            WavThrowHelper.ThrowMissingData(chunk.Offset);
        }

        WavThrowHelper.ThrowMissingFmt(chunk.Offset);
    }
}
