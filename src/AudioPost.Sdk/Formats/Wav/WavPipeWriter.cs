using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.Formats.Metadata;
using AudioPost.Sdk.IO;

namespace AudioPost.Sdk.Formats.Wav;

/// <summary>
/// Writes a WAV file to a forward-only <see cref="PipeWriter"/> (a socket, standard output, an HTTP response): the
/// header first, then frames as they come, encoded straight into the pipe's memory. For files on disk or any seekable
/// stream, use <see cref="WavEncoder"/>, which patches the sizes when it completes.
/// </summary>
/// <remarks>
/// <para><b>Sizes</b>: a forward-only sink cannot go back to patch the header, so the sizes are decided at
/// <see cref="Create"/>. With an expected frame count they are exact (RF64 with <c>ds64</c> past 4 GiB), and writing
/// more frames than promised throws at <see cref="WriteAsync"/>, fewer at <see cref="CompleteAsync"/>. Without one the
/// file is streamed: the RIFF and <c>data</c> sizes (and <c>fact</c> for float) are 0xFFFFFFFF, the convention ffmpeg
/// uses when it writes to a pipe, which <see cref="WavPipeReader"/>, <see cref="WavDecoder"/> and ffmpeg read to the
/// end of the input.</para>
/// <para><b>Metadata</b>: <c>bext</c> and <c>iXML</c> from <see cref="EncoderOptions.Metadata"/> go before the
/// samples, as <see cref="WavEncoder"/> writes them. Markers follow the samples, so they are written only with an
/// expected frame count; a streamed file has nothing after its samples (a reader would take the chunks for samples),
/// so its markers are dropped.</para>
/// <para><b>Allocation</b>: <see cref="Create"/> builds the header. <see cref="WriteAsync"/> allocates nothing: it
/// encodes into <see cref="PipeWriter.GetSpan"/>, and completes synchronously when the flush does (the reader keeps
/// up); when the flush has to wait, its state machine comes from a pool
/// (<see cref="PoolingAsyncValueTaskMethodBuilder"/>).</para>
/// <para><b>Threading</b>: not thread-safe; one write at a time, like the <see cref="PipeWriter"/> it wraps. Not
/// real-time safe (a flush waits while the reader lags): feed it from a thread other than the audio thread.</para>
/// </remarks>
public sealed class WavPipeWriter : IAsyncDisposable
{
    private readonly PipeWriter _destination;
    private readonly bool _leaveOpen;
    private readonly SampleFormat _sampleFormat;
    private readonly int _channelCount;
    private readonly int _blockAlign;
    private readonly int _framesPerFlush;
    private readonly long? _expectedFrames;
    private readonly byte[] _trailer;
    private long _framesWritten;
    private bool _completed;
    private bool _pipeCompleted;
    private bool _disposed;

    private WavPipeWriter(PipeWriter destination, AudioSpec spec, SampleFormat sampleFormat, EncoderOptions options, long? expectedFrames)
    {
        _destination = destination;
        _leaveOpen = options.LeaveOpen;
        _sampleFormat = sampleFormat;
        _channelCount = spec.ChannelCount;
        _blockAlign = _channelCount * sampleFormat.GetBytesPerSample();
        _framesPerFlush = Math.Max(1, options.BufferSize / _blockAlign);
        _expectedFrames = expectedFrames;

        var metadata = options.Metadata;
        var header = WavHeaderWriter.Build(spec, sampleFormat, metadata, out var layout);
        _trailer = expectedFrames is { } frames
            ? BuildTrailer(frames * _blockAlign, CheckMarkers(metadata.Markers))
            : [];
        PatchSizes(header, layout, expectedFrames, _blockAlign, _trailer.Length);

        // Buffered in the pipe, and flushed with the first frames (or on completion).
        _destination.Write(header);
    }

    /// <summary>Gets the frames written so far.</summary>
    public long FramesWritten => _framesWritten;

    /// <summary>Gets the frame count promised at <see cref="Create"/>, or <see langword="null"/> for a streamed file
    /// (sizes 0xFFFFFFFF).</summary>
    public long? ExpectedFrames => _expectedFrames;

    /// <summary>Writes a WAV header to <paramref name="destination"/> and returns a writer for its frames.</summary>
    /// <param name="destination">The pipe. Owned by the writer (completed by <see cref="CompleteAsync"/>) unless
    /// <see cref="EncoderOptions.LeaveOpen"/>. The header is buffered in it and flushed with the first frames.</param>
    /// <param name="spec">The sample rate and channel layout of the frames.</param>
    /// <param name="sampleFormat">How samples are stored.</param>
    /// <param name="options">General options, or <see langword="null"/> for <see cref="EncoderOptions.Default"/>;
    /// <see cref="EncoderOptions.BufferSize"/> is how many bytes are encoded between flushes.</param>
    /// <param name="expectedFrames">The exact number of frames that will be written, 0 or more, for a file with exact
    /// sizes; or <see langword="null"/> to stream one whose sizes say "to the end" (see the class remarks).</param>
    /// <returns>The writer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="spec"/> is the default value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleFormat"/> is not a defined value, or
    /// <paramref name="expectedFrames"/> is negative or more than a WAV file can hold.</exception>
    /// <exception cref="NotSupportedException">A marker lies past what a cue point can address (with
    /// <paramref name="expectedFrames"/> only; a streamed file drops its markers).</exception>
    public static WavPipeWriter Create(
        PipeWriter destination, AudioSpec spec, SampleFormat sampleFormat, EncoderOptions? options = null, long? expectedFrames = null)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (spec.Layout is null)
        {
            throw new ArgumentException("The spec is the default value; it needs a sample rate and a channel layout.", nameof(spec));
        }

        var bytesPerSample = sampleFormat.GetBytesPerSample();
        if (expectedFrames is { } frames)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(frames, nameof(expectedFrames));

            // ds64 holds 64-bit sizes; keep the byte count itself well inside a long.
            ArgumentOutOfRangeException.ThrowIfGreaterThan(frames, (long.MaxValue / 2) / (spec.ChannelCount * bytesPerSample), nameof(expectedFrames));
        }

        return new WavPipeWriter(destination, spec, sampleFormat, options ?? EncoderOptions.Default, expectedFrames);
    }

    /// <summary>Encodes the first <paramref name="frameCount"/> frames of <paramref name="source"/> into the pipe and
    /// flushes it, waiting while the reader lags (the pipe's back-pressure).</summary>
    /// <param name="source">Planar samples, nominally in [-1, 1] (PCM saturates outside); it must have the spec's
    /// channel count.</param>
    /// <param name="frameCount">Frames to write, 0 to <see cref="AudioBuffer.FrameCount"/> of <paramref name="source"/>.</param>
    /// <param name="cancellationToken">Cancels waiting for the flush. Frames already encoded stay in the pipe.</param>
    /// <returns>A task that completes when the frames are flushed. Allocation-free (see the class remarks).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="source"/> has a different channel count.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="frameCount"/> is negative or larger than the buffer.</exception>
    /// <exception cref="InvalidOperationException">The writer is completed, or the frames would pass the expected count
    /// (nothing is written then).</exception>
    /// <exception cref="IOException">The pipe's reader completed: nobody reads the file any more.</exception>
    /// <exception cref="ObjectDisposedException">The writer was disposed.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled, or the pending flush was.</exception>
    public ValueTask WriteAsync(AudioBuffer source, int frameCount, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(source);
        if (_completed)
        {
            BufferedEncoderCore.ThrowCompleted();
        }

        if (source.ChannelCount != _channelCount)
        {
            ThrowChannelMismatch(nameof(source), source.ChannelCount, _channelCount);
        }

        ArgumentOutOfRangeException.ThrowIfNegative(frameCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(frameCount, source.FrameCount);
        if (_expectedFrames is { } expected && frameCount > expected - _framesWritten)
        {
            ThrowTooManyFrames(expected, _framesWritten, frameCount);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        // Fast path: every flush completes at once, so no state machine is needed at all.
        var done = 0;
        while (done < frameCount)
        {
            done += Encode(source, done, Math.Min(frameCount - done, _framesPerFlush));
            var flush = _destination.FlushAsync(cancellationToken);
            if (!flush.IsCompletedSuccessfully)
            {
                return WriteMoreAsync(flush, source, frameCount, done, cancellationToken);
            }

            CheckFlush(flush.Result);
        }

        return default;
    }

    /// <summary>
    /// Ends the file: writes what follows the samples (the pad byte of an odd-sized <c>data</c> chunk and the markers,
    /// with an expected frame count only), flushes, and completes the pipe writer unless
    /// <see cref="EncoderOptions.LeaveOpen"/>. Idempotent.
    /// </summary>
    /// <param name="cancellationToken">Cancels waiting for the final flush.</param>
    /// <returns>A task that completes when the file is flushed.</returns>
    /// <exception cref="InvalidOperationException">Fewer frames were written than promised. The pipe writer is then
    /// completed with this exception (unless <see cref="EncoderOptions.LeaveOpen"/>), so the reader sees the failure
    /// instead of a short file.</exception>
    /// <exception cref="IOException">The pipe's reader completed.</exception>
    /// <exception cref="ObjectDisposedException">The writer was disposed.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled, or the pending flush was.</exception>
    public async ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            return;
        }

        _completed = true;
        if (_expectedFrames is { } expected && _framesWritten != expected)
        {
            var exception = new InvalidOperationException(
                $"The header promised {expected} frames but {_framesWritten} were written; a pipe cannot go back to correct it.");
            await CompletePipeAsync(exception).ConfigureAwait(false);
            throw exception;
        }

        if (_trailer.Length > 0)
        {
            _destination.Write(_trailer);
        }

        CheckFlush(await _destination.FlushAsync(cancellationToken).ConfigureAwait(false));
        await CompletePipeAsync(null).ConfigureAwait(false);
    }

    /// <summary>Completes the file as <see cref="CompleteAsync"/> does if that was not called, then releases the pipe
    /// writer (completed unless <see cref="EncoderOptions.LeaveOpen"/>). Idempotent.</summary>
    /// <returns>A task that completes when the writer is disposed.</returns>
    /// <exception cref="InvalidOperationException">Fewer frames were written than promised (see <see cref="CompleteAsync"/>).</exception>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            await CompleteAsync().ConfigureAwait(false);
        }
        finally
        {
            _disposed = true;
            await CompletePipeAsync(null).ConfigureAwait(false);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteMoreAsync(ValueTask<FlushResult> pending, AudioBuffer source, int frameCount, int done, CancellationToken cancellationToken)
    {
        CheckFlush(await pending.ConfigureAwait(false));
        while (done < frameCount)
        {
            done += Encode(source, done, Math.Min(frameCount - done, _framesPerFlush));
            CheckFlush(await _destination.FlushAsync(cancellationToken).ConfigureAwait(false));
        }
    }

    private int Encode(AudioBuffer source, int frameOffset, int frames)
    {
        var bytes = frames * _blockAlign;
        var part = source.Block.Slice(frameOffset, frames);
        SampleConversion.InterleaveFromFloat(
            BlockSpans.GetPlanar(part), _channelCount, frames, part.ChannelStride, _sampleFormat, _destination.GetSpan(bytes)[..bytes]);
        _destination.Advance(bytes);
        _framesWritten += frames;
        return frames;
    }

    private ValueTask CompletePipeAsync(Exception? exception)
    {
        if (_pipeCompleted || _leaveOpen)
        {
            return default;
        }

        _pipeCompleted = true;
        return _destination.CompleteAsync(exception);
    }

    /// <summary>Sets the sizes of a header built for an empty file: exact for <paramref name="frames"/> (RF64 when
    /// they pass 32 bits, as <see cref="WavEncoder"/> promotes), or 0xFFFFFFFF for a streamed file.</summary>
    private static void PatchSizes(byte[] header, WavHeaderLayout layout, long? frames, int blockAlign, int trailerSize)
    {
        var span = header.AsSpan();
        if (frames is not { } count)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span[4..], WavConstants.SizeFromDs64);
            BinaryPrimitives.WriteUInt32LittleEndian(span[(int)layout.DataSizeOffset..], WavConstants.SizeFromDs64);
            if (layout.FactOffset >= 0)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(span[(int)layout.FactOffset..], WavConstants.SizeFromDs64);
            }

            return;
        }

        var dataBytes = count * blockAlign;
        var riffSize = header.Length - 8 + dataBytes + trailerSize;
        var fact = count > uint.MaxValue ? WavConstants.SizeFromDs64 : (uint)count;
        if (riffSize > WavConstants.MaxRiffSize)
        {
            FourCC.Write(span, WavConstants.Rf64Id);
            BinaryPrimitives.WriteUInt32LittleEndian(span[4..], WavConstants.SizeFromDs64);
            FourCC.Write(span[(int)(layout.Ds64Offset - RiffChunkHeader.HeaderSize)..], WavConstants.Ds64Id);
            WavDs64Chunk.Write(span[(int)layout.Ds64Offset..], (ulong)riffSize, (ulong)dataBytes, (ulong)count);
            BinaryPrimitives.WriteUInt32LittleEndian(span[(int)layout.DataSizeOffset..], WavConstants.SizeFromDs64);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)riffSize);
            BinaryPrimitives.WriteUInt32LittleEndian(span[(int)layout.DataSizeOffset..], (uint)dataBytes);
        }

        if (layout.FactOffset >= 0)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span[(int)layout.FactOffset..], fact);
        }
    }

    /// <summary>What follows the samples of a file with exact sizes: the pad byte of an odd-sized <c>data</c> chunk,
    /// then <c>cue </c> and <c>LIST/adtl</c>, laid out as <see cref="WavEncoder"/> writes them.</summary>
    private static byte[] BuildTrailer(long dataBytes, IReadOnlyList<AudioMarker> markers)
    {
        using var trailer = new MemoryStream();
        if ((dataBytes & 1) != 0)
        {
            trailer.WriteByte(0);
        }

        if (markers.Count > 0)
        {
            WavHeaderWriter.WriteChunk(trailer, WavConstants.CueId, WavMarkerChunks.SerializeCue(markers));
            if (WavMarkerChunks.SerializeAssociatedData(markers) is { } adtl)
            {
                WavHeaderWriter.WriteChunk(trailer, WavConstants.ListId, adtl);
            }
        }

        return trailer.ToArray();
    }

    private static IReadOnlyList<AudioMarker> CheckMarkers(IReadOnlyList<AudioMarker> markers)
    {
        foreach (var marker in markers)
        {
            if (marker.Position + marker.Length > uint.MaxValue)
            {
                throw new NotSupportedException(
                    $"A WAV cue point addresses at most frame {uint.MaxValue}; the marker at {marker.Position} (length {marker.Length}) lies beyond it.");
            }
        }

        return markers;
    }

    private static void CheckFlush(FlushResult result)
    {
        if (result.IsCanceled)
        {
            ThrowFlushCanceled();
        }

        if (result.IsCompleted)
        {
            ThrowReaderCompleted();
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowFlushCanceled() =>
        throw new OperationCanceledException("The pending flush of the pipe was cancelled.");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowReaderCompleted() =>
        throw new IOException("The pipe's reader has completed; nobody reads the WAV file any more.");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowTooManyFrames(long expected, long written, int frameCount) =>
        throw new InvalidOperationException(
            $"The header promised {expected} frames and {written} are written; {frameCount} more would pass it.");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowChannelMismatch(string paramName, int bufferChannels, int fileChannels) =>
        throw new ArgumentException($"The buffer has {bufferChannels} channel(s) but the file has {fileChannels}.", paramName);
}
