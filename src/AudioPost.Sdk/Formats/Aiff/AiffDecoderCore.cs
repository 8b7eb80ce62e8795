using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.Formats.Metadata;
using AudioPost.Sdk.IO;

namespace AudioPost.Sdk.Formats.Aiff;

/// <summary>
/// Parses an AIFF header and then reads its <c>SSND</c> samples: the reader behind <see cref="AiffDecoder"/>.
/// </summary>
/// <remarks>
/// Reads go through one byte buffer allocated at open. Big-endian and signed 8-bit samples are rewritten in place in
/// that buffer into the little-endian encoding of <see cref="AudioFileInfo.SampleFormat"/>, then converted by
/// <see cref="SampleConversion.DeinterleaveToFloat"/> straight into the caller's block, so
/// <see cref="BufferedDecoderCore.Read"/> and <see cref="BufferedDecoderCore.Seek"/> never allocate. Not thread-safe (see <see cref="IAudioFileReader"/>).
/// </remarks>
internal sealed class AiffDecoderCore : BufferedDecoderCore
{
    private readonly int _bytesPerSample;
    private readonly bool _swapBytes;
    private readonly bool _flipSign8;

    private AiffDecoderCore(Stream stream, DecoderOptions options, in AiffCommonChunk comm, in SoundData sound, long frames, AudioMetadata metadata)
        : base(
            stream,
            options,
            new AudioFileInfo(AiffFormat.Instance, comm.SampleFormat, comm.SampleRate, comm.Layout, frames) { Metadata = metadata },
            sound.Offset,
            comm.BlockAlign)
    {
        _bytesPerSample = comm.SampleFormat.GetBytesPerSample();
        _swapBytes = comm.SwapBytes;
        _flipSign8 = comm.FlipSign8;
    }

    /// <summary>Validates the header of the AIFF file at the stream's position and returns a reader at frame 0.</summary>
    /// <exception cref="AudioFormatException">The header is malformed or unsupported.</exception>
    public static AiffDecoderCore Open(Stream stream, DecoderOptions options)
    {
        var start = stream.Position;
        var length = stream.Length;
        Span<byte> form = stackalloc byte[AiffConstants.FormHeaderSize];
        if (stream.ReadAtLeast(form, form.Length, throwOnEndOfStream: false) < form.Length)
        {
            ContainerThrowHelper.ThrowFileTooShort(start, length - start, AiffConstants.FormHeaderSize, "FORM");
        }

        var id = FourCC.Read(form);
        if (id != AiffConstants.FormId)
        {
            AiffThrowHelper.ThrowNotForm(start, id);
        }

        var formType = FourCC.Read(form[8..]);
        if (formType is not (AiffConstants.AiffId or AiffConstants.AifcId))
        {
            AiffThrowHelper.ThrowNotAiff(start + 8, formType);
        }

        // As for RIFF, 0 and 0xFFFFFFFF are what streaming writers leave when they never patched the size. Recovery
        // ignores the FORM size altogether: a stale (too small) one would hide chunks or frames a killed writer left.
        var recovery = options.RecoveryMode;
        var formSize = BinaryPrimitives.ReadUInt32BigEndian(form[4..]);
        var containerEnd = recovery || formSize is 0 or uint.MaxValue ? length : start + 8 + formSize;
        var chunks = new IffChunkReader(stream, start + AiffConstants.FormHeaderSize, containerEnd, length);
        var isAifc = formType == AiffConstants.AifcId;

        // IFF fixes no chunk order: SSND may precede COMM, and MARK may come before or after both, so the walk goes
        // on to the end of the FORM.
        AiffCommonChunk? comm = null;
        SoundData? sound = null;
        var soundRecovered = false;
        List<AudioMarker>? markers = null;
        for (var count = 0; ; count++)
        {
            if (count >= AiffConstants.MaxChunks)
            {
                if (comm.HasValue && sound.HasValue)
                {
                    break;
                }

                ContainerThrowHelper.ThrowTooManyChunks(chunks.NextOffset, AiffConstants.MaxChunks, " without both 'COMM' and 'SSND'");
            }

            var status = chunks.ReadNext(out var chunk);
            if (status == RiffChunkStatus.PayloadPastEnd && chunk.Id == AiffConstants.SsndId && !sound.HasValue
                && (recovery || chunk.Size == uint.MaxValue))
            {
                // A writer killed before it patched the size, or (0xFFFFFFFF) one that streamed and never could: the
                // samples run to the end of the file. Nothing can follow them.
                sound = SoundData.Parse(chunks, chunk with { Size = length - chunk.PayloadOffset });
                soundRecovered = true;
                break;
            }

            if (recovery && sound is { } audio && chunk.Offset == audio.ChunkEnd && status != RiffChunkStatus.End
                && (status == RiffChunkStatus.TruncatedHeader || !FourCC.IsPrintable(chunk.Id)))
            {
                // Not a chunk right behind the samples: frames written after the last header refresh. They belong to
                // SSND.
                sound = audio with { Size = length - audio.Offset };
                soundRecovered = true;
                break;
            }

            if (status != RiffChunkStatus.Chunk)
            {
                if (comm.HasValue && sound.HasValue)
                {
                    // Whatever follows the samples (a cut-off trailer, leftovers of a killed writer) cannot hide them.
                    break;
                }

                if (status == RiffChunkStatus.End && comm is { DeclaredFrames: 0 } && !sound.HasValue)
                {
                    // AIFF allows an empty file to leave SSND out.
                    sound = new SoundData(chunk.Offset, 0, chunk.Offset);
                    break;
                }

                ThrowForStatus(status, chunk, comm, length);
            }

            switch (chunk.Id)
            {
                case AiffConstants.CommId:
                    if (comm.HasValue)
                    {
                        AiffThrowHelper.ThrowDuplicate(chunk.Offset, chunk.Id);
                    }

                    comm = AiffCommonChunk.Parse(chunks, chunk, isAifc);
                    break;

                case AiffConstants.SsndId:
                    if (sound.HasValue)
                    {
                        AiffThrowHelper.ThrowDuplicate(chunk.Offset, chunk.Id);
                    }

                    if (recovery && chunk.Size < AiffConstants.SsndHeaderSize)
                    {
                        // A size of 0, left by a writer killed before its first refresh: the samples run to the end.
                        sound = SoundData.Parse(chunks, chunk with { Size = length - chunk.PayloadOffset });
                        soundRecovered = true;
                    }
                    else
                    {
                        sound = SoundData.Parse(chunks, chunk);
                    }

                    break;

                case AiffConstants.MarkId when markers is null:
                    markers = ReadMarkers(chunks, chunk, recovery);
                    break;

                default:
                    // FVER (whose value no reader acts on), a second MARK, INST, COMT, NAME, AUTH, '(c) ', ANNO, APPL,
                    // ID3 and anything unknown are skipped.
                    break;
            }

            if (soundRecovered)
            {
                break;
            }
        }

        if (!comm.HasValue)
        {
            AiffThrowHelper.ThrowMissingComm(chunks.NextOffset);
        }

        var common = comm.Value;
        var samples = sound!.Value;

        // COMM's count is trusted only as far as the SSND payload backs it: a writer killed between refreshes, or one
        // that never patched the count, leaves more (or fewer) frames than it declared. A trailing partial frame is
        // ignored. Recovery takes the count from the samples when COMM's is plainly stale: 0, or written before the
        // frames recovered past SSND's stated size.
        var available = samples.Size / common.BlockAlign;
        var frames = recovery && (common.DeclaredFrames == 0 || soundRecovered) ? available : Math.Min(common.DeclaredFrames, available);
        var metadata = markers is { Count: > 0 } ? new AudioMetadata { Markers = ClipMarkers(markers, frames) } : AudioMetadata.Empty;
        return new AiffDecoderCore(stream, options, common, samples, frames, metadata);
    }

    [DoesNotReturn]
    private static void ThrowForStatus(RiffChunkStatus status, in RiffChunkHeader chunk, AiffCommonChunk? comm, long length)
    {
        ContainerThrowHelper.ThrowIfChunkDamaged(status, chunk, length);
        if (comm is { } found)
        {
            AiffThrowHelper.ThrowMissingSsnd(chunk.Offset, found.DeclaredFrames);
        }

        AiffThrowHelper.ThrowMissingComm(chunk.Offset);
    }

    /// <summary>Rewrites stored samples in place into the little-endian, offset-binary-8-bit form the kernels read.</summary>
    protected override void DecodeInPlace(Span<byte> samples)
    {
        if (_flipSign8)
        {
            SampleConversion.FlipSignBits8(samples);
        }
        else if (_swapBytes)
        {
            SampleConversion.ReverseSampleBytes(samples, _bytesPerSample);
        }
    }

    /// <summary>Reads a <c>MARK</c> chunk; in recovery mode a damaged one is dropped rather than failing the open.</summary>
    /// <exception cref="AudioFormatException">The chunk is damaged and <paramref name="recovery"/> is off.</exception>
    private static List<AudioMarker>? ReadMarkers(IffChunkReader chunks, in RiffChunkHeader chunk, bool recovery)
    {
        // The walk checked the size against the stream's length, and nothing past MaxMarkChunkSize can belong to a
        // marker, so this allocation is bounded by the file and by the format.
        var payload = new byte[Math.Min(chunk.Size, AiffConstants.MaxMarkChunkSize)];
        var read = chunks.ReadPayload(chunk, payload);
        try
        {
            if (read < payload.Length)
            {
                ContainerThrowHelper.ThrowChunkCutShort(chunk.Offset, chunk.Id, chunk.Size, read);
            }

            return AiffMarkChunk.Parse(payload, chunk.Offset, chunk.PayloadOffset);
        }
        catch (AudioFormatException) when (recovery)
        {
            // Recovery mode is about getting the audio back: damaged metadata is dropped, not fatal.
            return null;
        }
    }

    /// <summary>Clips positions to the file's <paramref name="frames"/> and orders the markers by position, keeping
    /// file order among equal positions.</summary>
    private static AudioMarker[] ClipMarkers(List<AudioMarker> markers, long frames) =>
        [.. markers.Select(marker => marker.Position <= frames ? marker : marker with { Position = frames }).OrderBy(static marker => marker.Position)];

    /// <summary>Where the samples of a validated <c>SSND</c> chunk lie.</summary>
    /// <param name="Offset">The stream offset of the first sample.</param>
    /// <param name="Size">The bytes from there to the end of the chunk.</param>
    /// <param name="ChunkEnd">The stream offset just past the chunk and its pad byte, where the next chunk starts.</param>
    private readonly record struct SoundData(long Offset, long Size, long ChunkEnd)
    {
        /// <summary>Reads the SSND offset and block size and applies the offset.</summary>
        /// <exception cref="AudioFormatException">The chunk is too small, or its offset points past its end.</exception>
        public static SoundData Parse(IffChunkReader chunks, in RiffChunkHeader header)
        {
            if (header.Size < AiffConstants.SsndHeaderSize)
            {
                AiffThrowHelper.ThrowChunkTooSmall(header.Offset, header.Id, header.Size, AiffConstants.SsndHeaderSize);
            }

            Span<byte> fields = stackalloc byte[AiffConstants.SsndHeaderSize];
            var read = chunks.ReadPayload(header, fields);
            if (read < fields.Length)
            {
                ContainerThrowHelper.ThrowChunkCutShort(header.Offset, header.Id, header.Size, read);
            }

            var dataOffset = BinaryPrimitives.ReadUInt32BigEndian(fields);
            var available = header.Size - AiffConstants.SsndHeaderSize;
            if (dataOffset > available)
            {
                AiffThrowHelper.ThrowBadSoundDataOffset(header.PayloadOffset, dataOffset, available);
            }

            return new SoundData(header.PayloadOffset + AiffConstants.SsndHeaderSize + dataOffset, available - dataOffset, header.PaddedEnd);
        }
    }
}
