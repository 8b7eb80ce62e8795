using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;

namespace AudioPost.Sdk.Formats;

/// <summary>
/// The write loop the seekable PCM encoders (<c>WavEncoderCore</c>, <c>AiffEncoderCore</c>) share: frames are converted
/// by <see cref="SampleConversion.InterleaveFromFloat"/> into one byte buffer allocated at creation, written out when
/// it fills, and the header is refreshed every refresh interval, on <see cref="Flush"/> and on <see cref="Complete"/>.
/// </summary>
/// <remarks>
/// <para>A derived writer writes its header in its constructor and supplies <see cref="PatchHeader"/>, which patches the
/// sizes for <see cref="FramesWritten"/> frames; the base has already written the buffered frames by then. Two optional
/// hooks cover what differs per format: <see cref="CheckCapacity"/> (a size limit) and <see cref="EncodeInPlace"/>
/// (a byte order or sign the conversion does not produce).</para>
/// <para><see cref="Write"/> never allocates; the hooks are called once per buffer-sized part, not per sample.
/// Not thread-safe (see <see cref="IAudioFileWriter"/>).</para>
/// </remarks>
internal abstract class BufferedEncoderCore : IAudioFileWriter
{
    private readonly bool _leaveOpen;
    private readonly SampleFormat _sampleFormat;
    private readonly int _channelCount;
    private readonly byte[] _buffer;
    private readonly int _bufferFrames;
    private readonly long _refreshIntervalFrames;
    private int _pendingFrames;
    private long _framesWritten;
    private long _framesAtLastRefresh;
    private bool _completed;
    private bool _disposed;

    /// <summary>Records where the file starts (the stream's position) and allocates the conversion buffer.</summary>
    /// <param name="stream">The destination, positioned where the file starts.</param>
    /// <param name="spec">The sample rate and channel count of the frames.</param>
    /// <param name="sampleFormat">How samples are stored.</param>
    /// <param name="options">For <see cref="EncoderOptions.LeaveOpen"/> and <see cref="EncoderOptions.BufferSize"/>.</param>
    /// <param name="refreshInterval">How often <see cref="Write"/> refreshes the header; zero or less for never.</param>
    protected BufferedEncoderCore(Stream stream, AudioSpec spec, SampleFormat sampleFormat, EncoderOptions options, TimeSpan refreshInterval)
    {
        Stream = stream;
        _leaveOpen = options.LeaveOpen;
        Start = stream.Position;
        _sampleFormat = sampleFormat;
        _channelCount = spec.ChannelCount;
        BytesPerSample = sampleFormat.GetBytesPerSample();
        BlockAlign = _channelCount * BytesPerSample;
        _bufferFrames = Math.Max(1, options.BufferSize / BlockAlign);
        _buffer = new byte[_bufferFrames * BlockAlign];
        _refreshIntervalFrames = refreshInterval <= TimeSpan.Zero
            ? 0
            : Math.Max(1, (long)((Int128)refreshInterval.Ticks * spec.SampleRate / TimeSpan.TicksPerSecond));
    }

    public long FramesWritten => _framesWritten;

    /// <summary>Gets the destination.</summary>
    protected Stream Stream { get; }

    /// <summary>Gets where the file starts in <see cref="Stream"/>; the header's offsets are relative to it.</summary>
    protected long Start { get; }

    /// <summary>Gets the bytes of one sample.</summary>
    protected int BytesPerSample { get; }

    /// <summary>Gets the bytes of one frame.</summary>
    protected int BlockAlign { get; }

    public void Write(ReadOnlyAudioBlock block)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            ThrowCompleted();
        }

        if (block.ChannelCount != _channelCount)
        {
            ThrowChannelMismatch(nameof(block), block.ChannelCount, _channelCount);
        }

        var frames = block.FrameCount;
        if (frames == 0)
        {
            return;
        }

        CheckCapacity(frames);
        var done = 0;
        while (done < frames)
        {
            var count = Math.Min(frames - done, _bufferFrames - _pendingFrames);
            var part = block.Slice(done, count);
            var bytes = _buffer.AsSpan(_pendingFrames * BlockAlign, count * BlockAlign);
            SampleConversion.InterleaveFromFloat(BlockSpans.GetPlanar(part), _channelCount, count, part.ChannelStride, _sampleFormat, bytes);
            EncodeInPlace(bytes);
            _pendingFrames += count;
            _framesWritten += count;
            done += count;
            if (_pendingFrames == _bufferFrames)
            {
                WritePending();
            }
        }

        if (_refreshIntervalFrames > 0 && _framesWritten - _framesAtLastRefresh >= _refreshIntervalFrames)
        {
            Refresh(isFinal: false);
        }
    }

    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_completed)
        {
            Refresh(isFinal: false);
        }
    }

    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            return;
        }

        Refresh(isFinal: true);
        _completed = true;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            if (!_completed)
            {
                Complete();
            }
        }
        finally
        {
            _disposed = true;
            if (!_leaveOpen)
            {
                Stream.Dispose();
            }
        }
    }

    /// <summary>Throws the error for a write after completion; shared with <c>WavPipeWriter</c>.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void ThrowCompleted() =>
        throw new InvalidOperationException("The writer is completed; no more frames can be written.");

    /// <summary>
    /// Patches the header for <see cref="FramesWritten"/> frames (all of them already in <see cref="Stream"/>), leaves
    /// the stream at the end of what is written and flushes it. <paramref name="isFinal"/> is set once, on completion,
    /// for what only a finished file has (pad byte, trailing chunks).
    /// </summary>
    protected abstract void PatchHeader(bool isFinal);

    /// <summary>Throws when <paramref name="frames"/> more frames would not fit the format; called before any is
    /// buffered, so a refused block leaves the file as it was.</summary>
    protected virtual void CheckCapacity(int frames)
    {
    }

    /// <summary>Rewrites freshly converted (little-endian, 8-bit unsigned) samples into the format's own encoding.</summary>
    protected virtual void EncodeInPlace(Span<byte> bytes)
    {
    }

    private void WritePending()
    {
        if (_pendingFrames > 0)
        {
            Stream.Write(_buffer, 0, _pendingFrames * BlockAlign);
            _pendingFrames = 0;
        }
    }

    // Buffered frames go out first, so PatchHeader sizes exactly what is in the stream.
    private void Refresh(bool isFinal)
    {
        WritePending();
        PatchHeader(isFinal);
        _framesAtLastRefresh = _framesWritten;
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowChannelMismatch(string paramName, int blockChannels, int fileChannels) =>
        throw new ArgumentException($"The block has {blockChannels} channel(s) but the file has {fileChannels}.", paramName);
}
