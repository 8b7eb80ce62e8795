using System.Diagnostics.CodeAnalysis;

namespace AudioPost.Sdk.Formats.SndFile;

/// <summary>
/// Recognises one <see cref="SndFileFormat"/> by its first bytes: FLAC by "fLaC"; Ogg by "OggS" with the codec
/// told apart by the first packet ("\x01vorbis" for <see cref="SndFileFormat.OggVorbis"/>, "OpusHead" for
/// <see cref="SndFileFormat.Opus"/>); MP3 by an "ID3" tag or an MPEG audio frame header (sync 0xFFE plus valid
/// version, layer, bitrate and rate fields). Stateless, thread-safe, allocation-free; never throws.
/// </summary>
/// <remarks>
/// An ID3 tag can precede any stream, so an ID3-tagged FLAC file is detected as MP3; libsndfile still opens it as
/// FLAC and the reader's <see cref="AudioFileInfo.Format"/> says so.
/// </remarks>
public sealed class SndFileFormatDetector : IAudioFormatDetector
{
    private const int OggPageHeaderSize = 27;
    private const int OggSegmentCountOffset = 26;

    /// <summary>Creates a detector that claims only <paramref name="format"/>.</summary>
    /// <param name="format">The format to recognise.</param>
    /// <exception cref="ArgumentNullException"><paramref name="format"/> is null.</exception>
    public SndFileFormatDetector(SndFileFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        Format = format;
    }

    /// <summary>Gets the format this detector claims.</summary>
    public SndFileFormat Format { get; }

    /// <summary>Gets 64: an Ogg page header with a short segment table and the start of the first packet.</summary>
    public int HeaderSize => 64;

    /// <inheritdoc/>
    public bool TryDetectFormat(ReadOnlySpan<byte> header, [NotNullWhen(true)] out IAudioFileFormat? format)
    {
        format = Identify(header) == Format ? Format : null;
        return format is not null;
    }

    /// <summary>Identifies any of the four formats from a file's first bytes, or returns null.</summary>
    internal static SndFileFormat? Identify(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith("fLaC"u8))
        {
            return SndFileFormat.Flac;
        }

        if (header.StartsWith("OggS"u8))
        {
            return IdentifyOggCodec(header);
        }

        return header.StartsWith("ID3"u8) || IsMpegFrameHeader(header) ? SndFileFormat.Mp3 : null;
    }

    private static SndFileFormat? IdentifyOggCodec(ReadOnlySpan<byte> header)
    {
        if (header.Length <= OggSegmentCountOffset)
        {
            return null;
        }

        // The first packet follows the page header and its segment table.
        var packetStart = OggPageHeaderSize + header[OggSegmentCountOffset];
        if (packetStart >= header.Length)
        {
            return null;
        }

        var packet = header[packetStart..];
        return packet.StartsWith("\u0001vorbis"u8) ? SndFileFormat.OggVorbis
            : packet.StartsWith("OpusHead"u8) ? SndFileFormat.Opus
            : null;
    }

    private static bool IsMpegFrameHeader(ReadOnlySpan<byte> header)
    {
        if (header.Length < 4 || header[0] != 0xFF || (header[1] & 0xE0) != 0xE0)
        {
            return false;
        }

        var version = (header[1] >> 3) & 0x3;
        var layer = (header[1] >> 1) & 0x3;
        var bitrateIndex = header[2] >> 4;
        var rateIndex = (header[2] >> 2) & 0x3;

        // Version 01 and layer 00 are reserved (layer 00 is also what AAC's ADTS sync looks like); bitrate 1111 and
        // rate 11 are invalid.
        return version != 1 && layer != 0 && bitrateIndex != 0xF && rateIndex != 0x3;
    }
}
