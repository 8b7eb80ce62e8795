using System.Buffers.Binary;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats.Metadata;
using AudioPost.Sdk.IO;

namespace AudioPost.Sdk.Formats.Wav;

/// <summary>
/// Lays out the bytes a WAV file starts with, up to the <c>data</c> chunk header, and writes single chunks.
/// Stateless and thread-safe.
/// </summary>
internal static class WavHeaderWriter
{
    /// <summary>Builds the header of an empty file: sizes describe zero frames, so it is a valid file on its own.</summary>
    /// <param name="spec">The rate and layout.</param>
    /// <param name="sampleFormat">The sample encoding.</param>
    /// <param name="metadata">The bext and iXML to place before the audio (markers follow it, on completion).</param>
    /// <param name="layout">Where the fields patched later sit, relative to the header's start.</param>
    /// <returns>The header bytes.</returns>
    public static byte[] Build(AudioSpec spec, SampleFormat sampleFormat, AudioMetadata metadata, out WavHeaderLayout layout)
    {
        var header = new MemoryStream();
        Span<byte> scratch = stackalloc byte[WavConstants.FmtExtensibleSize];
        WriteChunkHeader(header, WavConstants.RiffId, 0, scratch);
        FourCC.Write(scratch, WavConstants.WaveId);
        header.Write(scratch[..4]);

        // Reserved for ds64: the first chunk, as EBU Tech 3306 requires, so promotion to RF64 rewrites it in place.
        const long Ds64Offset = WavConstants.RiffHeaderSize + RiffChunkHeader.HeaderSize;
        WriteChunk(header, WavConstants.JunkId, new byte[WavConstants.Ds64ReserveSize]);

        var fmt = BuildFmt(spec, sampleFormat, scratch);
        WriteChunk(header, WavConstants.FmtId, fmt);

        long factOffset = -1;
        if (sampleFormat.IsFloatingPoint())
        {
            factOffset = header.Position + RiffChunkHeader.HeaderSize;
            WriteChunk(header, WavConstants.FactId, new byte[4]);
        }

        if (metadata.Broadcast is { } bext)
        {
            WriteChunk(header, WavConstants.BextId, WavBextChunk.Serialize(bext));
        }

        if (metadata.IXml is { } ixml)
        {
            WriteChunk(header, WavConstants.IXmlId, ixml.ToBytes());
        }

        WriteChunkHeader(header, WavConstants.DataId, 0, scratch);
        var bytes = header.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(bytes.Length - 8));
        layout = new WavHeaderLayout(bytes.Length - 4, factOffset, Ds64Offset);
        return bytes;
    }

    /// <summary>Writes a chunk (header, payload and the pad byte an odd payload needs) at the stream's position.</summary>
    /// <returns>The bytes written.</returns>
    public static long WriteChunk(Stream stream, uint id, ReadOnlySpan<byte> payload)
    {
        Span<byte> scratch = stackalloc byte[RiffChunkHeader.HeaderSize];
        WriteChunkHeader(stream, id, (uint)payload.Length, scratch);
        stream.Write(payload);
        var pad = payload.Length & 1;
        if (pad != 0)
        {
            stream.WriteByte(0);
        }

        return RiffChunkHeader.HeaderSize + payload.Length + pad;
    }

    private static void WriteChunkHeader(Stream stream, uint id, uint size, Span<byte> scratch)
    {
        FourCC.Write(scratch, id);
        BinaryPrimitives.WriteUInt32LittleEndian(scratch[4..], size);
        stream.Write(scratch[..RiffChunkHeader.HeaderSize]);
    }

    // Plain PCM/float for mono and stereo, which every reader understands; EXTENSIBLE with the channel mask otherwise.
    private static ReadOnlySpan<byte> BuildFmt(AudioSpec spec, SampleFormat sampleFormat, Span<byte> fmt)
    {
        var layout = spec.Layout;
        var channels = spec.ChannelCount;
        var bytesPerSample = sampleFormat.GetBytesPerSample();
        var blockAlign = channels * bytesPerSample;
        var extensible = layout != ChannelLayout.Mono && layout != ChannelLayout.Stereo;
        var isFloat = sampleFormat.IsFloatingPoint();
        var size = extensible ? WavConstants.FmtExtensibleSize : isFloat ? WavConstants.FmtExSize : WavConstants.FmtBaseSize;
        fmt = fmt[..size];
        fmt.Clear();
        var encoding = isFloat ? WavConstants.FormatIeeeFloat : WavConstants.FormatPcm;
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, extensible ? WavConstants.FormatExtensible : encoding);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt[2..], (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt[4..], (uint)spec.SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt[8..], (uint)(spec.SampleRate * blockAlign));
        BinaryPrimitives.WriteUInt16LittleEndian(fmt[12..], (ushort)blockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt[14..], (ushort)(bytesPerSample * 8));
        if (extensible)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(fmt[16..], WavConstants.ExtensibleExtraSize);
            BinaryPrimitives.WriteUInt16LittleEndian(fmt[18..], (ushort)(bytesPerSample * 8));
            BinaryPrimitives.WriteUInt32LittleEndian(fmt[20..], layout.ToWaveChannelMask());
            BinaryPrimitives.WriteUInt16LittleEndian(fmt[24..], encoding);
            WavConstants.SubFormatGuidTail.CopyTo(fmt[26..]);
        }

        return fmt;
    }
}

/// <summary>Offsets, from the start of a WAV header built by <see cref="WavHeaderWriter.Build"/>, of the fields the
/// writer patches.</summary>
/// <param name="DataSizeOffset">The 32-bit size of <c>data</c>.</param>
/// <param name="FactOffset">The frame count in <c>fact</c>, or −1 when there is no <c>fact</c>.</param>
/// <param name="Ds64Offset">The payload of the reserved <c>JUNK</c> chunk that becomes <c>ds64</c>.</param>
internal readonly record struct WavHeaderLayout(long DataSizeOffset, long FactOffset, long Ds64Offset);
