using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.IO.Pipelines;
using AudioPost.Sdk.Formats.Metadata;
using AudioPost.Sdk.IO;

namespace AudioPost.Sdk.Formats.Wav;

/// <summary>
/// The chunk walk of <see cref="WavHeader"/> over a forward-only <see cref="PipeReader"/>: what comes before the
/// samples, consumed from the pipe up to the first sample byte. Produced by <see cref="ReadAsync"/>.
/// </summary>
/// <remarks>
/// <para>It shares the <c>fmt </c>, <c>ds64</c> and metadata parsers and the error messages with the seekable walk.
/// Where the seekable walk measures a chunk against the stream's length before reading it, this one finds out while
/// consuming it: it copies the few bytes it parses into a fixed scratch buffer and advances past the rest without
/// buffering it, and reports a pipe that completes inside a chunk with the same error and offset.</para>
/// <para>The walk ends at the <c>data</c> chunk: chunks after the samples are never seen. Offsets count from the
/// first byte the pipe delivered.</para>
/// </remarks>
/// <param name="Format">The validated format.</param>
/// <param name="Data">The <c>data</c> chunk header, its size resolved through <c>ds64</c>.</param>
/// <param name="FormId">The container id: RIFF, RF64 or BW64.</param>
/// <param name="Metadata">The bext, iXML and markers found before the samples.</param>
internal sealed record WavPipeHeader(WavFormatChunk Format, RiffChunkHeader Data, uint FormId, AudioMetadata Metadata)
{
    /// <summary>Gets whether the samples run until the pipe completes: a <c>data</c> size of 0xFFFFFFFF that no
    /// <c>ds64</c> resolves, the mark streaming writers (ffmpeg to a pipe) leave.</summary>
    public bool ReadsToEnd => Data.Size == WavConstants.SizeFromDs64;

    /// <summary>Walks the chunks at the pipe's position and consumes them up to the first sample byte.</summary>
    /// <exception cref="AudioFormatException">The header is malformed or unsupported.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled or the pending read was cancelled.</exception>
    public static async ValueTask<WavPipeHeader> ReadAsync(PipeReader source, DecoderOptions options, CancellationToken cancellationToken)
    {
        var walk = new Walker(source, cancellationToken);
        var scratch = walk.Scratch;
        var read = await walk.ConsumeAsync(WavConstants.RiffHeaderSize, WavConstants.RiffHeaderSize).ConfigureAwait(false);
        if (read < WavConstants.RiffHeaderSize)
        {
            ContainerThrowHelper.ThrowFileTooShort(0, read, WavConstants.RiffHeaderSize, "RIFF");
        }

        var formId = WavHeader.ReadFormId(scratch.AsSpan(0, WavConstants.RiffHeaderSize), 0);
        var riffSize = BinaryPrimitives.ReadUInt32LittleEndian(scratch.AsSpan(4));
        WavDs64Chunk? ds64 = null;
        var count = 0;
        if (formId != WavConstants.RiffId)
        {
            // RF64 and BW64 put their 64-bit sizes in a ds64 chunk that must come first (EBU Tech 3306). The first
            // chunk's id is reported at once, without consuming the chunk to see whether it is complete.
            var (status, first) = await walk.ReadChunkHeaderAsync(long.MaxValue, null).ConfigureAwait(false);
            if (status != RiffChunkStatus.Chunk || first.Id != WavConstants.Ds64Id)
            {
                WavThrowHelper.ThrowMissingDs64(first.Offset, formId, status == RiffChunkStatus.Chunk ? first.Id : 0);
            }

            var (copied, complete) = await walk.ConsumePayloadAsync(first, WavDs64Chunk.MaxReadSize).ConfigureAwait(false);
            if (!complete)
            {
                // What the seekable walk reports for a ds64 chunk past the end of the file.
                WavThrowHelper.ThrowMissingDs64(first.Offset, formId, 0);
            }

            ds64 = WavDs64Chunk.Parse(scratch.AsSpan(0, copied), first);
            count = 1;
        }

        // As in the seekable walk: 0 and 0xFFFFFFFF mean "to the end", and recovery ignores the container size.
        var containerEnd = riffSize switch
        {
            _ when options.RecoveryMode => long.MaxValue,
            WavConstants.SizeFromDs64 when ds64 is { } sizes => sizes.RiffSize > long.MaxValue - 8 ? long.MaxValue : 8 + (long)sizes.RiffSize,
            0 or uint.MaxValue => long.MaxValue,
            _ => 8 + (long)riffSize,
        };

        return await WalkAsync(walk, options.RecoveryMode, formId, containerEnd, ds64, count).ConfigureAwait(false);
    }

    private static async ValueTask<WavPipeHeader> WalkAsync(Walker walk, bool recovery, uint formId, long containerEnd, WavDs64Chunk? ds64, int count)
    {
        WavFormatChunk? format = null;
        BroadcastExtension? bext = null;
        IXmlMetadata? ixml = null;
        var markers = new WavMarkerChunks();
        for (; ; count++)
        {
            if (count >= WavConstants.MaxChunks)
            {
                ContainerThrowHelper.ThrowTooManyChunks(walk.Offset, WavConstants.MaxChunks, string.Empty);
            }

            var (status, chunk) = await walk.ReadChunkHeaderAsync(containerEnd, ds64).ConfigureAwait(false);
            if (status != RiffChunkStatus.Chunk)
            {
                ThrowForStatus(status, chunk, format.HasValue);
            }

            switch (chunk.Id)
            {
                case WavConstants.FmtId:
                    // Consumed whole before it is judged, so a chunk cut off by the end of the pipe is reported as
                    // such first, as the seekable walk does.
                    var (copied, complete) = await walk.ConsumePayloadAsync(chunk, WavConstants.FmtExtensibleSize).ConfigureAwait(false);
                    ThrowIfIncomplete(complete, chunk, walk);
                    if (format.HasValue)
                    {
                        WavThrowHelper.ThrowDuplicateFmt(chunk.Offset);
                    }

                    format = WavFormatChunk.Parse(walk.Scratch.AsSpan(0, copied), chunk);
                    break;

                case WavConstants.DataId:
                    // Reported at once: a forward-only reader cannot look past the samples for the fmt they need, and
                    // reading them all only to say so would be pointless.
                    if (!format.HasValue)
                    {
                        WavThrowHelper.ThrowDataBeforeFmt(chunk.Offset);
                    }

                    var frames = chunk.Size == WavConstants.SizeFromDs64 ? long.MaxValue : chunk.Size / format.Value.BlockAlign;
                    return new WavPipeHeader(format.Value, chunk, formId, WavHeader.BuildMetadata(bext, ixml, markers, frames));

                case WavConstants.BextId or WavConstants.IXmlId or WavConstants.CueId or WavConstants.ListId
                    when chunk.Size <= WavConstants.MaxMetadataChunkSize:
                    var payload = await walk.ReadWholePayloadAsync(chunk).ConfigureAwait(false);
                    WavHeader.ParseMetadataChunk(payload, chunk, recovery, ref bext, ref ixml, markers);
                    break;

                default:
                    // fact, JUNK, PAD, metadata past the size cap and anything unknown: advanced over, not buffered.
                    var (_, whole) = await walk.ConsumePayloadAsync(chunk, 0).ConfigureAwait(false);
                    ThrowIfIncomplete(whole, chunk, walk);
                    break;
            }
        }
    }

    private static void ThrowIfIncomplete(bool complete, in RiffChunkHeader chunk, Walker walk)
    {
        if (!complete)
        {
            ContainerThrowHelper.ThrowChunkPastEnd(chunk.Offset, chunk.Id, chunk.Size, walk.Offset - chunk.PayloadOffset);
        }
    }

    [DoesNotReturn]
    private static void ThrowForStatus(RiffChunkStatus status, in RiffChunkHeader chunk, bool haveFormat)
    {
        if (status == RiffChunkStatus.TruncatedHeader)
        {
            ContainerThrowHelper.ThrowTruncatedChunkHeader(chunk.Offset, chunk.Size);
        }

        if (haveFormat)
        {
            WavThrowHelper.ThrowMissingData(chunk.Offset);
        }

        WavThrowHelper.ThrowMissingFmt(chunk.Offset);
        throw new UnreachableException();
    }

    /// <summary>Consumes the pipe and counts the offset; allocates only its scratch buffer and metadata payloads.</summary>
    private sealed class Walker(PipeReader source, CancellationToken cancellationToken)
    {
        // The few bytes ever parsed from a chunk other than metadata: a chunk header, fmt (40), ds64 with its capped table.
        public byte[] Scratch { get; } = new byte[WavDs64Chunk.MaxReadSize];

        /// <summary>Gets the offset of the next byte the pipe will deliver, counted from the first.</summary>
        public long Offset { get; private set; }

        /// <summary>Reads the next chunk header, like <see cref="RiffChunkReader.ReadNext"/> but without knowing the
        /// length: a pipe that completes at the header is the end, one that completes inside it a truncated header.</summary>
        public async ValueTask<(RiffChunkStatus Status, RiffChunkHeader Header)> ReadChunkHeaderAsync(long containerEnd, WavDs64Chunk? ds64)
        {
            var offset = Offset;
            var remaining = containerEnd - offset;
            if (remaining <= 0)
            {
                return (RiffChunkStatus.End, new RiffChunkHeader(0, 0, Math.Min(offset, containerEnd)));
            }

            var read = (int)await ConsumeAsync(RiffChunkHeader.HeaderSize, RiffChunkHeader.HeaderSize).ConfigureAwait(false);
            if (read == 0)
            {
                return (RiffChunkStatus.End, new RiffChunkHeader(0, 0, offset));
            }

            if (remaining < RiffChunkHeader.HeaderSize || read < RiffChunkHeader.HeaderSize)
            {
                return (RiffChunkStatus.TruncatedHeader, new RiffChunkHeader(0, Math.Min(remaining, read), offset));
            }

            var id = FourCC.Read(Scratch);
            long size = BinaryPrimitives.ReadUInt32LittleEndian(Scratch.AsSpan(4));
            if (size == uint.MaxValue && ds64 is { } sizes && WavHeader.LookupLargeSize(sizes, id) is >= 0 and var large)
            {
                size = large;
            }

            return (RiffChunkStatus.Chunk, new RiffChunkHeader(id, size, offset));
        }

        /// <summary>Consumes a chunk's payload and pad byte, copying its first <paramref name="copyLimit"/> bytes into
        /// <see cref="Scratch"/>.</summary>
        /// <returns>The bytes copied, and whether the whole payload was there (the pad byte may be missing).</returns>
        public async ValueTask<(int Copied, bool Complete)> ConsumePayloadAsync(RiffChunkHeader chunk, int copyLimit)
        {
            var consumed = await ConsumeAsync(chunk.Size, copyLimit).ConfigureAwait(false);
            if (consumed < chunk.Size)
            {
                return ((int)Math.Min(consumed, copyLimit), false);
            }

            await SkipPadAsync(chunk).ConfigureAwait(false);
            return ((int)Math.Min(consumed, copyLimit), true);
        }

        /// <summary>Reads a whole metadata payload (at most <see cref="WavConstants.MaxMetadataChunkSize"/>).</summary>
        /// <exception cref="AudioFormatException">The pipe completed inside the chunk.</exception>
        public async ValueTask<byte[]> ReadWholePayloadAsync(RiffChunkHeader chunk)
        {
            // The buffer grows with the bytes that actually arrive, so a size the pipe never backs costs little.
            var size = (int)chunk.Size;
            var payload = new byte[Math.Min(size, 4096)];
            var done = 0;
            while (done < size)
            {
                var result = await ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                var take = (int)Math.Min(buffer.Length, size - done);
                if (done + take > payload.Length)
                {
                    Array.Resize(ref payload, (int)Math.Min(size, Math.Max(2L * payload.Length, done + take)));
                }

                buffer.Slice(0, take).CopyTo(payload.AsSpan(done));
                Advance(buffer, take);
                done += take;
                if (done < size && result.IsCompleted)
                {
                    ContainerThrowHelper.ThrowChunkPastEnd(chunk.Offset, chunk.Id, chunk.Size, done);
                }
            }

            await SkipPadAsync(chunk).ConfigureAwait(false);
            return payload;
        }

        /// <summary>Consumes up to <paramref name="count"/> bytes, copying the first <paramref name="copyLimit"/> into
        /// <see cref="Scratch"/>; fewer only when the pipe completes.</summary>
        public async ValueTask<long> ConsumeAsync(long count, int copyLimit)
        {
            var done = 0L;
            while (done < count)
            {
                var result = await ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                var take = Math.Min(buffer.Length, count - done);
                if (done < copyLimit)
                {
                    buffer.Slice(0, Math.Min(take, copyLimit - done)).CopyTo(Scratch.AsSpan((int)done));
                }

                Advance(buffer, take);
                done += take;
                if (done < count && result.IsCompleted)
                {
                    break;
                }
            }

            return done;
        }

        // RIFF pads odd payloads to even length; a last chunk without its pad byte is tolerated, as by the seekable walk.
        private async ValueTask SkipPadAsync(RiffChunkHeader chunk)
        {
            if ((chunk.Size & 1) != 0)
            {
                await ConsumeAsync(1, 0).ConfigureAwait(false);
            }
        }

        private async ValueTask<ReadResult> ReadAsync()
        {
            var result = await source.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCanceled)
            {
                source.AdvanceTo(result.Buffer.Start);
                throw new OperationCanceledException("The pending read of the pipe was cancelled.");
            }

            return result;
        }

        private void Advance(in ReadOnlySequence<byte> buffer, long count)
        {
            source.AdvanceTo(buffer.GetPosition(count));
            Offset += count;
        }
    }
}
