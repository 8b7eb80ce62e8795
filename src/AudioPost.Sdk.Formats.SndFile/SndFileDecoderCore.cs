using System.Runtime.InteropServices;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.Formats.SndFile.Interop;

namespace AudioPost.Sdk.Formats.SndFile;

/// <summary>
/// A file opened by libsndfile through the stream bridge: the reader behind <see cref="SndFileDecoder"/>.
/// </summary>
/// <remarks>
/// libsndfile decodes into one interleaved float buffer allocated at open, which <see cref="SampleConversion.Deinterleave"/>
/// spreads into the caller's planar block, so <see cref="Read"/> and <see cref="Seek"/> allocate nothing. Not
/// thread-safe (see <see cref="IAudioFileReader"/>). The native handle is a <see cref="SndFileHandle"/>: a reader dropped
/// without <see cref="Dispose"/> is closed by the finalizer (sf_close, then the stream when the reader owns it), but
/// only at the next garbage collection, so dispose readers.
/// </remarks>
internal sealed unsafe class SndFileDecoderCore : IAudioFileReader
{
    private const int SeekSet = 0;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly SndFileStreamBridge _bridge;
    private readonly SndFileHandle _sndfile;
    private readonly int _channelCount;
    private readonly float[] _scratch;
    private readonly int _scratchFrames;
    private long _position;
    private bool _disposed;

    private SndFileDecoderCore(Stream stream, DecoderOptions options, SndFileHandle sndfile, AudioFileInfo info)
    {
        _stream = stream;
        _leaveOpen = options.LeaveOpen;
        _bridge = sndfile.Bridge;
        _sndfile = sndfile;
        Info = info;
        _channelCount = info.ChannelCount;
        var frameBytes = _channelCount * sizeof(float);
        _scratchFrames = (int)Math.Clamp(Math.Min(options.BufferSize / frameBytes, info.Frames), 1, int.MaxValue / frameBytes);
        _scratch = new float[_scratchFrames * _channelCount];
    }

    public AudioFileInfo Info { get; }

    public long Position => _position;

    /// <summary>Opens the file at the stream's position with libsndfile and returns a reader at frame 0.</summary>
    /// <exception cref="AudioFormatException">libsndfile cannot open the file, or it is not one of the four formats.</exception>
    /// <exception cref="IOException">The stream failed.</exception>
    public static SndFileDecoderCore Open(Stream stream, DecoderOptions options)
    {
        SfInfo info = default;
        var sndfile = SndFileHandle.Open(stream, ownsStream: !options.LeaveOpen, SndFileNative.ModeRead, &info);
        try
        {
            sndfile.Bridge.ThrowIfFailed();
            if (sndfile.IsInvalid)
            {
                SndFileThrowHelper.ThrowCannotOpen(stream);
            }

            return new SndFileDecoderCore(stream, options, sndfile, Describe(stream, info));
        }
        catch
        {
            sndfile.Dispose();
            throw;
        }
    }

    public void Seek(long frame)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if ((ulong)frame > (ulong)Info.Frames)
        {
            SndFileThrowHelper.ThrowSeekOutOfRange(frame, Info.Frames);
        }

        var result = SndFileNative.Seek(_sndfile, frame, SeekSet);
        _bridge.ThrowIfFailed();
        if (result < 0)
        {
            SndFileThrowHelper.ThrowLibraryError(_sndfile, "seek");
        }

        _position = frame;
    }

    public int Read(AudioBlock destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (destination.ChannelCount != _channelCount)
        {
            SndFileThrowHelper.ThrowChannelMismatch(nameof(destination), destination.ChannelCount, _channelCount);
        }

        var wanted = (int)Math.Min(destination.FrameCount, Info.Frames - _position);
        var done = 0;
        fixed (float* scratch = _scratch)
        {
            while (done < wanted)
            {
                var frames = Math.Min(wanted - done, _scratchFrames);
                var read = (int)SndFileNative.ReadFramesFloat(_sndfile, scratch, frames);
                _bridge.ThrowIfFailed();
                if (read > 0)
                {
                    var part = destination.Slice(done, read);
                    SampleConversion.Deinterleave(_scratch.AsSpan(0, read * _channelCount), _channelCount, read, GetPlanar(part), part.ChannelStride);
                    done += read;
                    _position += read;
                }

                if (read < frames)
                {
                    // A short read is the end of the stream (lossy lengths are estimates) unless libsndfile says otherwise.
                    if (SndFileNative.Error(_sndfile) != 0)
                    {
                        SndFileThrowHelper.ThrowDecodeError(_sndfile);
                    }

                    break;
                }
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

        // sf_close and the bridge (see SndFileHandle); the stream is closed here so that its errors are not swallowed.
        _sndfile.DetachStream();
        _sndfile.Dispose();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private static AudioFileInfo Describe(Stream stream, in SfInfo info)
    {
        var format = SndFileFormat.FromLibSndFile(info.Format);
        if (format is null)
        {
            SndFileThrowHelper.ThrowUnsupportedFile(stream, info.Format);
        }

        if (info.Channels < 1 || info.Channels > ChannelLayout.MaxChannels)
        {
            SndFileThrowHelper.ThrowBadInfo(stream, $"{info.Channels} channels; 1 to {ChannelLayout.MaxChannels} are supported");
        }

        if (info.SampleRate < 1 || info.SampleRate > AudioSpec.MaxSampleRate)
        {
            SndFileThrowHelper.ThrowBadInfo(stream, $"a sample rate of {info.SampleRate} Hz; 1 to {AudioSpec.MaxSampleRate} Hz are supported");
        }

        if (info.Frames < 0 || info.Frames == long.MaxValue)
        {
            SndFileThrowHelper.ThrowBadInfo(stream, "an unknown length");
        }

        var sampleFormat = format.IsLossy
            ? SampleFormat.Float32
            : (info.Format & SndFileConstants.SubMask) switch
            {
                SndFileConstants.PcmS8 => SampleFormat.Pcm8,
                SndFileConstants.Pcm16 => SampleFormat.Pcm16,
                _ => SampleFormat.Pcm24,
            };
        return new AudioFileInfo(format, sampleFormat, info.SampleRate, SndFileChannelOrder.GetFileLayout(format, info.Channels), info.Frames);
    }

    /// <summary>The block's samples as one span, channel c at <c>c * ChannelStride</c>, as the conversion kernels take them.</summary>
    private static Span<float> GetPlanar(AudioBlock block) =>
        MemoryMarshal.CreateSpan(
            ref MemoryMarshal.GetReference(block.GetChannel(0)), ((block.ChannelCount - 1) * block.ChannelStride) + block.FrameCount);
}
