using System.Buffers.Binary;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.IO;

namespace AudioPost.Sdk.Formats.Wav;

/// <summary>The parts of a validated <c>fmt </c> chunk the decoder needs. Immutable.</summary>
/// <param name="SampleFormat">The sample encoding (the container size for EXTENSIBLE).</param>
/// <param name="SampleRate">Frames per second, 1 to <see cref="WavConstants.MaxSampleRate"/>.</param>
/// <param name="Layout">The channels, from the EXTENSIBLE mask or guessed from the count.</param>
/// <param name="BlockAlign">Bytes per frame, equal to channels × bytes per sample.</param>
internal readonly record struct WavFormatChunk(SampleFormat SampleFormat, int SampleRate, ChannelLayout Layout, int BlockAlign)
{
    /// <summary>
    /// Reads and validates a <c>fmt </c> chunk (REFERENCE.md §5.3). Reads at most 40 bytes whatever the chunk claims,
    /// so nothing is sized by a header field.
    /// </summary>
    /// <exception cref="AudioFormatException">A field is invalid or unsupported; the offset is the field's.</exception>
    public static WavFormatChunk Parse(RiffChunkReader chunks, in RiffChunkHeader header)
    {
        if (header.Size < WavConstants.FmtBaseSize)
        {
            WavThrowHelper.ThrowFmtTooSmall(header.Offset, header.Size, WavConstants.FmtBaseSize);
        }

        Span<byte> fmt = stackalloc byte[WavConstants.FmtExtensibleSize];
        var wanted = (int)Math.Min(header.Size, fmt.Length);
        var read = chunks.ReadPayload(header, fmt);
        if (read < wanted)
        {
            ContainerThrowHelper.ThrowChunkCutShort(header.Offset, header.Id, header.Size, read);
        }

        return Parse(fmt[..read], header);
    }

    /// <summary>
    /// Validates a <c>fmt </c> chunk from its first bytes: the seekable walk and the pipe reader share this, so both
    /// report the same errors at the same offsets.
    /// </summary>
    /// <param name="fmt">The first min(size, 40) payload bytes; bytes past 40 are never needed.</param>
    /// <param name="header">The chunk's header: its stated size and where it sits, for the offsets in errors.</param>
    /// <exception cref="AudioFormatException">A field is invalid or unsupported; the offset is the field's.</exception>
    public static WavFormatChunk Parse(ReadOnlySpan<byte> fmt, in RiffChunkHeader header)
    {
        if (header.Size < WavConstants.FmtBaseSize)
        {
            WavThrowHelper.ThrowFmtTooSmall(header.Offset, header.Size, WavConstants.FmtBaseSize);
        }

        var wanted = (int)Math.Min(header.Size, WavConstants.FmtExtensibleSize);
        if (fmt.Length < wanted)
        {
            ContainerThrowHelper.ThrowChunkCutShort(header.Offset, header.Id, header.Size, fmt.Length);
        }

        var at = header.PayloadOffset;
        var tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        var sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);

        if (channels is 0 or > WavConstants.MaxDeclaredChannels)
        {
            ContainerThrowHelper.ThrowBadChannelCount(at + 2, channels, WavConstants.MaxDeclaredChannels);
        }

        if (channels > ChannelLayout.MaxChannels)
        {
            WavThrowHelper.ThrowTooManyChannelsForLayout(at + 2, channels);
        }

        if (sampleRate is 0 or > WavConstants.MaxSampleRate)
        {
            WavThrowHelper.ThrowBadSampleRate(at + 4, sampleRate);
        }

        var encoding = tag;
        var tagOffset = at;
        var mask = 0u;
        var extensible = tag == WavConstants.FormatExtensible;
        if (extensible)
        {
            if (header.Size < WavConstants.FmtExtensibleSize)
            {
                WavThrowHelper.ThrowFmtTooSmall(header.Offset, header.Size, WavConstants.FmtExtensibleSize);
            }

            int extraSize = BinaryPrimitives.ReadUInt16LittleEndian(fmt[16..]);
            if (extraSize < WavConstants.ExtensibleExtraSize)
            {
                WavThrowHelper.ThrowBadExtensibleSize(at + 16, extraSize);
            }

            int validBits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[18..]);
            mask = BinaryPrimitives.ReadUInt32LittleEndian(fmt[20..]);
            var guid = fmt[24..40];
            if (!guid[2..].SequenceEqual(WavConstants.SubFormatGuidTail))
            {
                WavThrowHelper.ThrowUnsupportedSubFormat(at + 24, guid);
            }

            // 0 is what some writers put when every bit is valid.
            if (validBits > bits)
            {
                WavThrowHelper.ThrowBadValidBits(at + 18, validBits, bits);
            }

            encoding = BinaryPrimitives.ReadUInt16LittleEndian(guid);
            tagOffset = at + 24;
        }

        var sampleFormat = ResolveSampleFormat(encoding, bits, tagOffset, at + 14);
        var bytesPerSample = sampleFormat.GetBytesPerSample();
        if (blockAlign != channels * bytesPerSample)
        {
            WavThrowHelper.ThrowBadBlockAlign(at + 12, blockAlign, channels, bytesPerSample);
        }

        // A plain header carries no positions; the conventional layout for the count is the usual reading of it.
        var layout = extensible
            ? ChannelLayout.FromWaveChannelMask(mask, channels)
            : ChannelLayout.FromChannelCount(channels);
        return new WavFormatChunk(sampleFormat, (int)sampleRate, layout, blockAlign);
    }

    private static SampleFormat ResolveSampleFormat(ushort encoding, int bits, long tagOffset, long bitsOffset)
    {
        switch (encoding)
        {
            case WavConstants.FormatPcm:
                switch (bits)
                {
                    case 8: return SampleFormat.Pcm8;
                    case 16: return SampleFormat.Pcm16;
                    case 24: return SampleFormat.Pcm24;
                    case 32: return SampleFormat.Pcm32;
                }

                break;
            case WavConstants.FormatIeeeFloat:
                switch (bits)
                {
                    case 32: return SampleFormat.Float32;
                    case 64: return SampleFormat.Float64;
                }

                break;
            default:
                WavThrowHelper.ThrowUnsupportedFormatTag(tagOffset, encoding);
                break;
        }

        WavThrowHelper.ThrowUnsupportedBits(bitsOffset, encoding, bits);
        return default;
    }
}
