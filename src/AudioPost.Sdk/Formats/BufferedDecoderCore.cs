using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;

namespace AudioPost.Sdk.Formats;

/// <summary>
/// The read loop the seekable PCM decoders (<c>WavDecoderCore</c>, <c>AiffDecoderCore</c>) share once their header is
/// parsed: frames are read from one contiguous run of interleaved samples through one byte buffer allocated at open
/// and converted by <see cref="SampleConversion.DeinterleaveToFloat"/> straight into the caller's block.
/// </summary>
/// <remarks>
/// <para>A derived reader parses its header before calling the base constructor; the one hook,
/// <see cref="DecodeInPlace"/>, rewrites stored samples the conversion does not read directly (AIFF's big-endian and
/// signed 8-bit ones).</para>
/// <para><see cref="Read"/> and <see cref="Seek"/> never allocate. A stream that ends before the header said it would
/// (the file shrank after open) ends the read early; a trailing partial frame is not returned. Not thread-safe (see
/// <see cref="IAudioFileReader"/>).</para>
/// </remarks>
internal abstract class BufferedDecoderCore : IAudioFileReader
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly long _dataOffset;
    private readonly int _blockAlign;
    private readonly int _channelCount;
    private readonly SampleFormat _sampleFormat;
    private readonly byte[] _buffer;
    private readonly int _bufferFrames;
    private long _position;

    // False after a short read left the stream somewhere other than the frame at _position.
    private bool _streamAtPosition;
    private bool _disposed;

    /// <summary>Allocates the read buffer and moves the stream to the first frame.</summary>
    /// <param name="stream">The source.</param>
    /// <param name="options">For <see cref="DecoderOptions.LeaveOpen"/> and <see cref="DecoderOptions.BufferSize"/>.</param>
    /// <param name="info">The validated format; its channel layout and sample format describe the stored frames.</param>
    /// <param name="dataOffset">The stream offset of the first frame.</param>
    /// <param name="blockAlign">The validated bytes of one stored frame.</param>
    protected BufferedDecoderCore(Stream stream, DecoderOptions options, AudioFileInfo info, long dataOffset, int blockAlign)
    {
        _stream = stream;
        _leaveOpen = options.LeaveOpen;
        _dataOffset = dataOffset;
        _blockAlign = blockAlign;
        _channelCount = info.ChannelLayout.Count;
        _sampleFormat = info.SampleFormat;
        Info = info;

        // Sized from the options and the validated block align (at most 64 × 8 bytes), never from a raw header
        // field; a short file gets a buffer no larger than itself.
        _bufferFrames = (int)Math.Clamp(Math.Min(options.BufferSize / _blockAlign, info.Frames), 1, int.MaxValue);
        _buffer = new byte[_bufferFrames * _blockAlign];

        _stream.Position = _dataOffset;
        _streamAtPosition = true;
    }

    public AudioFileInfo Info { get; }

    public long Position => _position;

    public void Seek(long frame)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if ((ulong)frame > (ulong)Info.Frames)
        {
            ThrowSeekOutOfRange(frame, Info.Frames);
        }

        _stream.Position = _dataOffset + (frame * _blockAlign);
        _position = frame;
        _streamAtPosition = true;
    }

    public int Read(AudioBlock destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (destination.ChannelCount != _channelCount)
        {
            ThrowChannelMismatch(nameof(destination), destination.ChannelCount, _channelCount);
        }

        var wanted = (int)Math.Min(destination.FrameCount, Info.Frames - _position);
        if (wanted <= 0)
        {
            return 0;
        }

        if (!_streamAtPosition)
        {
            Seek(_position);
        }

        var done = 0;
        while (done < wanted)
        {
            var frames = Math.Min(wanted - done, _bufferFrames);
            var bytes = _buffer.AsSpan(0, frames * _blockAlign);
            var read = _stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            var whole = read / _blockAlign;
            if (whole > 0)
            {
                var samples = bytes[..(whole * _blockAlign)];
                DecodeInPlace(samples);
                var part = destination.Slice(done, whole);
                SampleConversion.DeinterleaveToFloat(
                    samples, _sampleFormat, _channelCount, whole, BlockSpans.GetPlanar(part), part.ChannelStride);
                done += whole;
                _position += whole;
            }

            if (read < bytes.Length)
            {
                // The stream ended before the header said it would (the file shrank after open).
                _streamAtPosition = read == whole * _blockAlign;
                break;
            }
        }

        return done;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    /// <summary>Rewrites whole stored frames in place into the little-endian (offset-binary 8-bit) encoding of
    /// <see cref="AudioFileInfo.SampleFormat"/> that the conversion reads.</summary>
    protected virtual void DecodeInPlace(Span<byte> samples)
    {
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowSeekOutOfRange(long frame, long frames) =>
        throw new ArgumentOutOfRangeException(nameof(frame), frame, $"The frame must be 0 to {frames} (the end of the file).");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowChannelMismatch(string paramName, int blockChannels, int fileChannels) =>
        throw new ArgumentException($"The block has {blockChannels} channel(s) but the file has {fileChannels}.", paramName);
}
