using System.Buffers.Binary;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.Formats.Metadata;
using AudioPost.Sdk.IO;

namespace AudioPost.Sdk.Formats.Wav;

/// <summary>
/// Writes a WAV file: the header at creation, frames through a fixed buffer, sizes patched on refresh and on
/// completion. The writer behind <see cref="WavEncoder"/>.
/// </summary>
/// <remarks>
/// <para>Layout: <c>RIFF</c> header, <c>JUNK</c> (28 bytes, reserved for an RF64 <c>ds64</c>), <c>fmt </c> (16, 18
/// or 40 bytes), <c>fact</c> (float only), <c>bext</c> and <c>iXML</c> (when given), <c>data</c>, then <c>cue </c>
/// and <c>LIST/adtl</c> (when there are markers) written on completion. Offsets are relative to where the stream was
/// when the writer was created.</para>
/// <para>Frames are converted by <see cref="SampleConversion.InterleaveFromFloat"/> into one byte buffer allocated
/// at creation, so <see cref="BufferedEncoderCore.Write"/> never allocates. Not thread-safe (see <see cref="IAudioFileWriter"/>).</para>
/// </remarks>
internal sealed class WavEncoderCore : BufferedEncoderCore
{
    private readonly int _headerSize;
    private readonly long _dataSizeOffset;
    private readonly long _factOffset;
    private readonly long _ds64Offset;
    private readonly long _rf64Threshold;
    private readonly IReadOnlyList<AudioMarker> _markers;
    private bool _isRf64;

    public WavEncoderCore(Stream stream, AudioSpec spec, SampleFormat sampleFormat, EncoderOptions options, WavEncoderOptions wavOptions)
        : base(stream, spec, sampleFormat, options, wavOptions.HeaderRefreshInterval)
    {
        _rf64Threshold = wavOptions.LargeFileThreshold;

        var metadata = options.Metadata;
        // A copy: the caller's list could change between now and the completion that writes it.
        _markers = CheckMarkers([.. metadata.Markers]);
        var header = WavHeaderWriter.Build(spec, sampleFormat, metadata, out var layout);
        _dataSizeOffset = Start + layout.DataSizeOffset;
        _factOffset = layout.FactOffset < 0 ? -1 : Start + layout.FactOffset;
        _ds64Offset = Start + layout.Ds64Offset;
        _headerSize = header.Length;

        // A valid, empty file from the start: a process killed before the first refresh still leaves a readable file.
        Stream.Write(header);
    }

    /// <summary>Gets whether the file has been promoted to RF64 (its data passed the 4 GiB a RIFF size can hold).</summary>
    public bool IsRf64 => _isRf64;

    private static IReadOnlyList<AudioMarker> CheckMarkers(IReadOnlyList<AudioMarker> markers)
    {
        foreach (var marker in markers)
        {
            if (marker.Position > uint.MaxValue || marker.Length > uint.MaxValue - marker.Position)
            {
                throw new NotSupportedException(
                    $"A WAV cue point addresses at most frame {uint.MaxValue}; the marker at {marker.Position} (length {marker.Length}) lies beyond it.");
            }
        }

        return markers;
    }

    /// <summary>
    /// Patches the sizes for everything written so far and flushes the stream, leaving it at the end of the data. The
    /// final refresh also writes the pad byte that RIFF requires after an odd-sized chunk and the marker chunks that
    /// follow the audio; intermediate ones leave them out so the next frames can follow directly.
    /// </summary>
    /// <remarks>
    /// Every write below leaves a file a reader opens (each is what a killed process could leave): the sizes are made
    /// to cover the audio before anything is appended after it, so recovery never mistakes the marker chunks for
    /// samples, and the RIFF size follows once the trailer is complete.
    /// </remarks>
    protected override void PatchHeader(bool isFinal)
    {
        var dataBytes = FramesWritten * BlockAlign;
        var end = Start + _headerSize + dataBytes;
        var pad = isFinal ? dataBytes & 1 : 0;
        Stream.Position = end;
        if (pad != 0)
        {
            Stream.WriteByte(0);
        }

        var riffSize = _headerSize - 8 + dataBytes + pad;
        PatchSizes(dataBytes, riffSize);
        var trailer = 0L;
        if (isFinal)
        {
            Stream.Position = end + pad;
            trailer = WriteMarkerChunks();
            if (trailer > 0)
            {
                PatchSizes(dataBytes, riffSize + trailer);
            }
        }

        Stream.Position = end + pad + trailer;
        Stream.Flush();
    }

    /// <summary>
    /// Writes the data, fact and container sizes, promoting the file to RF64 once they pass 32 bits. Promotion writes
    /// in an order where each step is readable: the ds64 payload (still named JUNK, which readers skip), its id, the
    /// data size 0xFFFFFFFF (which a RIFF reader takes as "to the end"), and "RF64" last.
    /// </summary>
    private void PatchSizes(long dataBytes, long riffSize)
    {
        Span<byte> field = stackalloc byte[WavConstants.Ds64ReserveSize];
        var promote = !_isRf64 && (riffSize > _rf64Threshold || dataBytes > _rf64Threshold);
        if (_isRf64 || promote)
        {
            WavDs64Chunk.Write(field, (ulong)riffSize, (ulong)dataBytes, (ulong)FramesWritten);
            Patch(_ds64Offset, field);
            if (promote)
            {
                FourCC.Write(field, WavConstants.Ds64Id);
                Patch(_ds64Offset - RiffChunkHeader.HeaderSize, field[..4]);
                PatchUInt32(_dataSizeOffset, WavConstants.SizeFromDs64, field);
            }
        }
        else
        {
            // The data size first: a larger data chunk inside a smaller container still reads whole.
            PatchUInt32(_dataSizeOffset, (uint)dataBytes, field);
        }

        if (_factOffset >= 0)
        {
            PatchUInt32(_factOffset, FramesWritten > uint.MaxValue ? WavConstants.SizeFromDs64 : (uint)FramesWritten, field);
        }

        if (promote)
        {
            FourCC.Write(field, WavConstants.Rf64Id);
            BinaryPrimitives.WriteUInt32LittleEndian(field[4..], WavConstants.SizeFromDs64);
            Patch(Start, field[..8]);
            _isRf64 = true;
        }
        else if (!_isRf64)
        {
            PatchUInt32(Start + 4, (uint)riffSize, field);
        }
    }

    /// <summary>Writes <c>cue </c> and <c>LIST/adtl</c> at the stream's position; returns the bytes written.</summary>
    private long WriteMarkerChunks()
    {
        if (_markers.Count == 0)
        {
            return 0;
        }

        var written = WavHeaderWriter.WriteChunk(Stream, WavConstants.CueId, WavMarkerChunks.SerializeCue(_markers));
        if (WavMarkerChunks.SerializeAssociatedData(_markers) is { } adtl)
        {
            written += WavHeaderWriter.WriteChunk(Stream, WavConstants.ListId, adtl);
        }

        return written;
    }

    private void Patch(long offset, ReadOnlySpan<byte> bytes)
    {
        Stream.Position = offset;
        Stream.Write(bytes);
    }

    private void PatchUInt32(long offset, uint value, Span<byte> scratch)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(scratch, value);
        Patch(offset, scratch[..4]);
    }
}
