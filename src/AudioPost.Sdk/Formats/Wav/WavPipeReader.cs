using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.IO;

namespace AudioPost.Sdk.Formats.Wav;

/// <summary>
/// Reads a WAV file from a forward-only <see cref="PipeReader"/> (a socket, standard input, an HTTP body): the header
/// is parsed as it arrives, then frames are decoded block by block as the pipe delivers them. For files on disk or
/// any seekable stream, use <see cref="WavDecoder"/>, which can also seek.
/// </summary>
/// <remarks>
/// <para><b>What it reads</b>: RIFF, RF64 and BW64 (with <c>ds64</c>), PCM 8/16/24/32-bit and IEEE float 32/64-bit,
/// plain or WAVE_FORMAT_EXTENSIBLE, exactly as <see cref="WavDecoder"/>, with the same validation and the same
/// <see cref="AudioFormatException"/> messages and byte offsets (counted from the first byte the pipe delivers).</para>
/// <para><b>Metadata</b>: <c>bext</c>, <c>iXML</c>, <c>cue </c> and <c>LIST/adtl</c> chunks that come <i>before</i>
/// <c>data</c> are in <see cref="Info"/>. Chunks after the samples (where many writers, this SDK's included, put
/// markers) cannot be seen by a forward-only reader and are not read; neither are their errors reported.</para>
/// <para><b>Length</b>: when the <c>data</c> size is stated (and not in recovery mode), <see cref="IsLengthKnown"/>
/// is true and <see cref="AudioFileInfo.Frames"/> is exact; a pipe that completes before that many frames arrive makes
/// <see cref="ReadAsync"/> throw <see cref="AudioFormatException"/> once the frames that did arrive are read. A size
/// of 0xFFFFFFFF (streaming writers such as ffmpeg writing to a pipe, or this SDK's <see cref="WavPipeWriter"/>
/// without a frame count) means "until the pipe completes": <see cref="IsLengthKnown"/> is false and
/// <see cref="AudioFileInfo.Frames"/> is 0. With <see cref="DecoderOptions.RecoveryMode"/>, a stated size is only a
/// hint (<see cref="IsLengthKnown"/> false, <see cref="AudioFileInfo.Frames"/> the stated frames): the reader stops
/// early without error when the pipe does, and reads on to the end when what follows the samples is not a chunk (frames
/// a killed writer added after its last size update, or a size of 0 it never updated).</para>
/// <para><b>Allocation</b>: opening allocates the header's objects and one frame of carry buffer (for a frame split
/// between two pipe segments). <see cref="ReadAsync"/> allocates nothing: when the pipe already holds the bytes it
/// completes synchronously, and when it has to wait, its state machine comes from a pool
/// (<see cref="PoolingAsyncValueTaskMethodBuilder{TResult}"/>). It does not buffer beyond what the pipe holds.</para>
/// <para><b>Threading</b>: not thread-safe; one read at a time, like the <see cref="PipeReader"/> it wraps. Not
/// real-time safe (it waits on the pipe): use it on a loader or network thread that feeds the audio thread.</para>
/// </remarks>
public sealed class WavPipeReader : IAsyncDisposable
{
    private readonly PipeReader _source;
    private readonly bool _leaveOpen;
    private readonly int _blockAlign;
    private readonly int _channelCount;
    private readonly SampleFormat _sampleFormat;
    private readonly byte[] _carry;
    private readonly RiffChunkHeader _data;
    private readonly bool _strict;

    // Stream offsets: where the sample bytes end (long.MaxValue: when the pipe completes) and the next unconsumed byte.
    private long _limit;
    private long _readOffset;

    // Recovery mode: once the stated samples are read, look at what follows to decide whether more samples do.
    private bool _checkAfterData;

    // Set when the pipe completed before the stated samples: the sample bytes that did arrive, or −1.
    private long _receivedWhenCut = -1;
    private long _position;
    private bool _disposed;

    private WavPipeReader(PipeReader source, DecoderOptions options, WavPipeHeader header)
    {
        var format = header.Format;
        _source = source;
        _leaveOpen = options.LeaveOpen;
        _blockAlign = format.BlockAlign;
        _channelCount = format.Layout.Count;
        _sampleFormat = format.SampleFormat;
        _data = header.Data;
        _readOffset = _data.PayloadOffset;
        _limit = header.ReadsToEnd ? long.MaxValue : _data.PayloadOffset + _data.Size;
        _checkAfterData = options.RecoveryMode && !header.ReadsToEnd;
        _strict = !options.RecoveryMode;
        IsLengthKnown = _strict && !header.ReadsToEnd;
        _carry = new byte[_blockAlign];
        var frames = header.ReadsToEnd ? 0 : _data.Size / _blockAlign;
        Info = new AudioFileInfo(WavFormat.Instance, format.SampleFormat, format.SampleRate, format.Layout, frames)
        {
            Metadata = header.Metadata,
        };
    }

    /// <summary>Gets the format, rate, layout, metadata found before the samples, and length (see
    /// <see cref="IsLengthKnown"/> for when <see cref="AudioFileInfo.Frames"/> is exact).</summary>
    public AudioFileInfo Info { get; }

    /// <summary>Gets whether <see cref="AudioFileInfo.Frames"/> of <see cref="Info"/> is the exact length: the header
    /// states it and recovery mode is off. When false, the samples run until the pipe completes and
    /// <see cref="AudioFileInfo.Frames"/> is 0 (size 0xFFFFFFFF) or, in recovery mode, the stated length as a hint.</summary>
    public bool IsLengthKnown { get; }

    /// <summary>Gets the frames read so far, 0 or more: the position of the next frame <see cref="ReadAsync"/> returns.</summary>
    public long Position => _position;

    /// <summary>Parses the WAV header as it arrives from <paramref name="source"/>, consuming it up to the first sample.</summary>
    /// <param name="source">The pipe, positioned at the "RIFF" of the file. Owned by the reader (completed on
    /// <see cref="DisposeAsync"/> or when the header is rejected) unless <see cref="DecoderOptions.LeaveOpen"/>.</param>
    /// <param name="options">Decoding options, or <see langword="null"/> for <see cref="DecoderOptions.Default"/>;
    /// <see cref="DecoderOptions.BufferSize"/> is not used (the pipe does the buffering).</param>
    /// <param name="cancellationToken">Cancels waiting for the header.</param>
    /// <returns>A reader positioned at frame 0.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="AudioFormatException">The header is malformed or unsupported, or the pipe completed inside it.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled, or the pending read was.</exception>
    public static async ValueTask<WavPipeReader> OpenAsync(PipeReader source, DecoderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= DecoderOptions.Default;
        try
        {
            var header = await WavPipeHeader.ReadAsync(source, options, cancellationToken).ConfigureAwait(false);
            return new WavPipeReader(source, options, header);
        }
        catch (Exception exception) when (!options.LeaveOpen)
        {
            await source.CompleteAsync(exception).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Decodes up to <paramref name="frameCount"/> frames into the first frames of each channel of
    /// <paramref name="destination"/>, waiting for the pipe as needed. Fewer are returned only at the end of the samples;
    /// 0 means the end.
    /// </summary>
    /// <param name="destination">Receives planar samples in [-1, 1] (floats as stored); it must have
    /// <see cref="AudioFileInfo.ChannelCount"/> channels. Frames past the count returned are untouched.</param>
    /// <param name="frameCount">Frames wanted, 0 to <see cref="AudioBuffer.FrameCount"/> of <paramref name="destination"/>.</param>
    /// <param name="cancellationToken">Cancels waiting for the pipe. Frames decoded before a cancellation are lost
    /// from the caller's view (the reader's <see cref="Position"/> counts them).</param>
    /// <returns>The frames decoded, 0 to <paramref name="frameCount"/>. Allocation-free (see the class remarks).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has a different channel count.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="frameCount"/> is negative or larger than the buffer.</exception>
    /// <exception cref="AudioFormatException">The pipe completed before the stated samples (not in recovery mode); the
    /// frames that did arrive are returned first.</exception>
    /// <exception cref="ObjectDisposedException">The reader was disposed.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled, or the pending read was.</exception>
    public ValueTask<int> ReadAsync(AudioBuffer destination, int frameCount, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(destination);
        if (destination.ChannelCount != _channelCount)
        {
            ThrowChannelMismatch(nameof(destination), destination.ChannelCount, _channelCount);
        }

        ArgumentOutOfRangeException.ThrowIfNegative(frameCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(frameCount, destination.FrameCount);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }

        // At the end of the stated samples nothing more is awaited: the writer may keep the pipe open for what follows.
        if (frameCount == 0 || (_limit - _readOffset < _blockAlign && !_checkAfterData && _receivedWhenCut < 0))
        {
            return new ValueTask<int>(0);
        }

        // Fast path: the pipe already holds the bytes (or its end), so no state machine is needed at all.
        var done = 0;
        if (_source.TryRead(out var result))
        {
            ThrowIfCanceled(result);
            if (!Process(result, destination, frameCount, ref done))
            {
                return new ValueTask<int>(Finish(done));
            }
        }

        return ReadMoreAsync(destination, frameCount, done, cancellationToken);
    }

    /// <summary>Completes the pipe reader unless <see cref="DecoderOptions.LeaveOpen"/> was set. Idempotent.</summary>
    public ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return default;
        }

        _disposed = true;
        return _leaveOpen ? default : _source.CompleteAsync();
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReadMoreAsync(AudioBuffer destination, int frameCount, int done, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _source.ReadAsync(cancellationToken).ConfigureAwait(false);
            ThrowIfCanceled(result);
            if (!Process(result, destination, frameCount, ref done))
            {
                return Finish(done);
            }
        }
    }

    /// <summary>Decodes the whole frames <paramref name="result"/> holds, up to the request and the end of the samples,
    /// and advances the pipe past them.</summary>
    /// <returns>Whether more bytes are needed: the request is not met and the samples and the pipe go on.</returns>
    private bool Process(in ReadResult result, AudioBuffer destination, int frameCount, ref int done)
    {
        var buffer = result.Buffer;
        var consumed = 0L;
        var needMore = false;
        _receivedWhenCut = -1;
        while (true)
        {
            var samplesLeft = _limit - (_readOffset + consumed);
            var available = Math.Min(buffer.Length - consumed, samplesLeft);
            var frames = (int)Math.Min(available / _blockAlign, frameCount - done);
            if (frames > 0)
            {
                Decode(buffer.Slice(consumed, (long)frames * _blockAlign), destination, done);
                consumed += (long)frames * _blockAlign;
                done += frames;
                _position += frames;
            }

            if (done == frameCount)
            {
                break;
            }

            samplesLeft = _limit - (_readOffset + consumed);
            if (samplesLeft >= _blockAlign || (samplesLeft > 0 && samplesLeft > buffer.Length - consumed))
            {
                // The samples go on past what the pipe holds.
                needMore = !result.IsCompleted;
                if (result.IsCompleted && _strict && _limit != long.MaxValue)
                {
                    _receivedWhenCut = _readOffset + buffer.Length - _data.PayloadOffset;
                }

                break;
            }

            // The stated samples are all read (a trailing partial frame is ignored).
            if (!_checkAfterData || !LookAfterData(buffer, result.IsCompleted, ref needMore))
            {
                break;
            }
        }

        // Examining everything when more is needed makes the next ReadAsync wait for new bytes.
        _source.AdvanceTo(buffer.GetPosition(consumed), needMore ? buffer.End : buffer.GetPosition(consumed));
        _readOffset += consumed;
        return needMore;
    }

    /// <summary>Recovery mode, at the end of the stated samples: what the seekable walk does, on the bytes that follow.
    /// No chunk there (fewer than 8 bytes, or an id that is not printable) means the samples go on to the end.</summary>
    /// <returns>Whether the samples were extended, so decoding continues.</returns>
    private bool LookAfterData(in ReadOnlySequence<byte> buffer, bool completed, ref bool needMore)
    {
        var next = _data.PaddedEnd - _readOffset;
        if (buffer.Length < next + RiffChunkHeader.HeaderSize && !completed)
        {
            needMore = true;
            return false;
        }

        _checkAfterData = false;
        var after = buffer.Length - next;
        if (after <= 0)
        {
            return false;
        }

        if (after >= RiffChunkHeader.HeaderSize)
        {
            Span<byte> id = stackalloc byte[4];
            buffer.Slice(next, 4).CopyTo(id);
            if (FourCC.IsPrintable(FourCC.Read(id)))
            {
                return false;
            }
        }

        _limit = long.MaxValue;
        return true;
    }

    private int Finish(int done)
    {
        if (done == 0 && _receivedWhenCut >= 0)
        {
            WavThrowHelper.ThrowDataPastEnd(_data.Offset, _data.Size, _receivedWhenCut);
        }

        return done;
    }

    /// <summary>Decodes whole frames from a sequence that may span segments; a frame split between two is copied into
    /// the carry buffer first.</summary>
    private void Decode(ReadOnlySequence<byte> bytes, AudioBuffer destination, int frameOffset)
    {
        var block = destination.Block;
        while (!bytes.IsEmpty)
        {
            var span = bytes.FirstSpan;
            var whole = span.Length / _blockAlign;
            if (whole > 0)
            {
                DecodeFrames(span[..(whole * _blockAlign)], block, frameOffset, whole);
            }
            else
            {
                whole = 1;
                bytes.Slice(0, _blockAlign).CopyTo(_carry);
                DecodeFrames(_carry, block, frameOffset, 1);
            }

            frameOffset += whole;
            bytes = bytes.Slice((long)whole * _blockAlign);
        }
    }

    private void DecodeFrames(ReadOnlySpan<byte> interleaved, AudioBlock block, int frameOffset, int frames)
    {
        var part = block.Slice(frameOffset, frames);
        SampleConversion.DeinterleaveToFloat(interleaved, _sampleFormat, _channelCount, frames, BlockSpans.GetPlanar(part), part.ChannelStride);
    }

    private void ThrowIfCanceled(in ReadResult result)
    {
        if (result.IsCanceled)
        {
            _source.AdvanceTo(result.Buffer.Start);
            ThrowReadCanceled();
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowReadCanceled() =>
        throw new OperationCanceledException("The pending read of the pipe was cancelled.");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowChannelMismatch(string paramName, int bufferChannels, int fileChannels) =>
        throw new ArgumentException($"The buffer has {bufferChannels} channel(s) but the file has {fileChannels}.", paramName);
}
