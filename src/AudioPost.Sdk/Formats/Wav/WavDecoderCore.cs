using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;

namespace AudioPost.Sdk.Formats.Wav;

/// <summary>
/// Parses a WAV header and then reads its <c>data</c> chunk: the reader behind <see cref="WavDecoder"/>.
/// </summary>
/// <remarks>
/// Reads go through one byte buffer allocated at open and are converted by
/// <see cref="SampleConversion.DeinterleaveToFloat"/> straight into the caller's block, so <see cref="Read"/> and
/// <see cref="Seek"/> never allocate. Not thread-safe (see <see cref="IAudioFileReader"/>).
/// </remarks>
internal sealed class WavDecoderCore : IAudioFileReader
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

    private WavDecoderCore(Stream stream, DecoderOptions options, WavHeader header)
    {
        var format = header.Format;
        _stream = stream;
        _leaveOpen = options.LeaveOpen;
        _dataOffset = header.DataOffset;
        _blockAlign = format.BlockAlign;
        _channelCount = format.Layout.Count;
        _sampleFormat = format.SampleFormat;

        // A trailing partial frame (a data size that is not a multiple of the block align) is ignored.
        var frames = header.DataSize / format.BlockAlign;
        Info = new AudioFileInfo(WavFormat.Instance, format.SampleFormat, format.SampleRate, format.Layout, frames)
        {
            Metadata = header.Metadata,
        };

        // Sized from the options and the validated block align (at most 64 × 8 bytes), never from a raw header
        // field; a short file gets a buffer no larger than itself.
        _bufferFrames = (int)Math.Clamp(Math.Min(options.BufferSize / _blockAlign, frames), 1, int.MaxValue);
        _buffer = new byte[_bufferFrames * _blockAlign];

        _stream.Position = _dataOffset;
        _streamAtPosition = true;
    }

    public AudioFileInfo Info { get; }

    public long Position => _position;

    /// <summary>Validates the header of the WAV file at the stream's position and returns a reader at frame 0.</summary>
    /// <exception cref="AudioFormatException">The header is malformed or unsupported.</exception>
    public static WavDecoderCore Open(Stream stream, DecoderOptions options) => new(stream, options, WavHeader.Read(stream, options));

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
                var part = destination.Slice(done, whole);
                SampleConversion.DeinterleaveToFloat(
                    bytes[..(whole * _blockAlign)], _sampleFormat, _channelCount, whole, BlockSpans.GetPlanar(part), part.ChannelStride);
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

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowSeekOutOfRange(long frame, long frames) =>
        throw new ArgumentOutOfRangeException(nameof(frame), frame, $"The frame must be 0 to {frames} (the end of the file).");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowChannelMismatch(string paramName, int blockChannels, int fileChannels) =>
        throw new ArgumentException($"The block has {blockChannels} channel(s) but the file has {fileChannels}.", paramName);
}
