using System.Buffers.Binary;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.IO;

namespace AudioPost.Sdk.Formats.Aiff;

/// <summary>The parts of a validated <c>COMM</c> chunk the decoder needs. Immutable.</summary>
/// <param name="SampleFormat">The little-endian encoding the samples become after the in-place fix-ups below (the
/// container: ceil(bits / 8) bytes).</param>
/// <param name="SampleRate">Frames per second, 1 to <see cref="AiffConstants.MaxSampleRate"/>.</param>
/// <param name="Layout">The channels, guessed from the count (AIFF stores no positions).</param>
/// <param name="DeclaredFrames">numSampleFrames as stored; the decoder clamps it to the sound data present.</param>
/// <param name="SwapBytes">Whether each sample is big-endian and must be byte-reversed before decoding.</param>
/// <param name="FlipSign8">Whether 8-bit samples are signed and must become offset binary before decoding.</param>
internal readonly record struct AiffCommonChunk(
    SampleFormat SampleFormat, int SampleRate, ChannelLayout Layout, long DeclaredFrames, bool SwapBytes, bool FlipSign8)
{
    /// <summary>Gets the bytes per frame: channels × container bytes.</summary>
    public int BlockAlign => Layout.Count * SampleFormat.GetBytesPerSample();

    /// <summary>
    /// Reads and validates a <c>COMM</c> chunk (REFERENCE.md §5.5). Reads at most 22 bytes whatever the chunk claims,
    /// so nothing is sized by a header field.
    /// </summary>
    /// <param name="chunks">The walk that found the chunk.</param>
    /// <param name="header">The chunk.</param>
    /// <param name="isAifc">Whether the form type is AIFC, whose COMM adds a compression type.</param>
    /// <exception cref="AudioFormatException">A field is invalid or unsupported; the offset is the field's.</exception>
    public static AiffCommonChunk Parse(IffChunkReader chunks, in RiffChunkHeader header, bool isAifc)
    {
        var needed = isAifc ? AiffConstants.CommAifcMinSize : AiffConstants.CommAiffSize;
        if (header.Size < needed)
        {
            AiffThrowHelper.ThrowChunkTooSmall(header.Offset, header.Id, header.Size, needed);
        }

        Span<byte> comm = stackalloc byte[AiffConstants.CommReadSize];
        var read = chunks.ReadPayload(header, comm[..needed]);
        if (read < needed)
        {
            ContainerThrowHelper.ThrowChunkCutShort(header.Offset, header.Id, header.Size, read);
        }

        var at = header.PayloadOffset;
        int channels = BinaryPrimitives.ReadInt16BigEndian(comm);
        var frames = BinaryPrimitives.ReadUInt32BigEndian(comm[2..]);
        int bits = BinaryPrimitives.ReadInt16BigEndian(comm[6..]);
        if (channels is <= 0 or > ChannelLayout.MaxChannels)
        {
            ContainerThrowHelper.ThrowBadChannelCount(at, channels, ChannelLayout.MaxChannels);
        }

        var status = AiffExtended.TryReadRate(comm.Slice(8, AiffConstants.ExtendedSize), AiffConstants.MaxSampleRate, out var rate, out var approximate);
        if (status != AiffExtended.RateStatus.Ok)
        {
            AiffThrowHelper.ThrowBadSampleRate(at + 8, status, approximate);
        }

        // Plain AIFF is always big-endian signed PCM.
        var compression = isAifc ? FourCC.Read(comm[18..]) : AiffConstants.CompressionNone;
        var (format, swap, flip) = ResolveEncoding(compression, bits, at + 18, at + 6);
        return new AiffCommonChunk(format, rate, ChannelLayout.FromChannelCount(channels), frames, swap, flip);
    }

    private static (SampleFormat Format, bool SwapBytes, bool FlipSign8) ResolveEncoding(
        uint compression, int bits, long compressionOffset, long bitsOffset)
    {
        switch (compression)
        {
            case AiffConstants.CompressionNone:
            case AiffConstants.CompressionTwos:
            {
                var format = PcmContainer(bits, AiffConstants.MaxPcmBits, compression, bitsOffset);
                return (format, format != SampleFormat.Pcm8, format == SampleFormat.Pcm8);
            }

            case AiffConstants.CompressionSowt:
            {
                // Already little-endian; 8-bit samples are still signed.
                var format = PcmContainer(bits, AiffConstants.MaxPcmBits, compression, bitsOffset);
                return (format, false, format == SampleFormat.Pcm8);
            }

            case AiffConstants.CompressionRaw:
                // QuickTime's unsigned 8-bit: exactly WAV's offset binary.
                return (PcmContainer(bits, 8, compression, bitsOffset), false, false);

            // The remaining types fix the container themselves, so sampleSize is not consulted: writers disagree on
            // what to put there (some write 0 for the float types).
            case AiffConstants.CompressionIn24:
                return (SampleFormat.Pcm24, true, false);
            case AiffConstants.CompressionIn32:
                return (SampleFormat.Pcm32, true, false);
            case AiffConstants.CompressionFl32:
            case AiffConstants.CompressionFl32Upper:
                return (SampleFormat.Float32, true, false);
            case AiffConstants.CompressionFl64:
            case AiffConstants.CompressionFl64Upper:
                return (SampleFormat.Float64, true, false);
            default:
                AiffThrowHelper.ThrowUnsupportedCompression(compressionOffset, compression);
                return default;
        }
    }

    /// <summary>
    /// The container of <paramref name="bits"/>-bit samples: ceil(bits / 8) bytes. The samples are left-justified (the
    /// unused low bits are zero), so decoding the whole container as full-width PCM gives the right value.
    /// </summary>
    private static SampleFormat PcmContainer(int bits, int maxBits, uint compression, long bitsOffset)
    {
        if (bits < 1 || bits > maxBits)
        {
            AiffThrowHelper.ThrowBadSampleSize(bitsOffset, bits, compression);
        }

        return ((bits + 7) / 8) switch
        {
            1 => SampleFormat.Pcm8,
            2 => SampleFormat.Pcm16,
            3 => SampleFormat.Pcm24,
            _ => SampleFormat.Pcm32,
        };
    }
}
