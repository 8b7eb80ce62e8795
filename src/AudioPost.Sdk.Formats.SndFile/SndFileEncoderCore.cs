using System.Runtime.InteropServices;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.Formats.SndFile.Interop;

namespace AudioPost.Sdk.Formats.SndFile;

/// <summary>
/// A file created by libsndfile through the stream bridge: the writer behind <see cref="SndFileEncoder"/>.
/// </summary>
/// <remarks>
/// Frames are interleaved (and reordered into the codec's channel order when needed) into one float buffer
/// allocated at creation and handed to sf_writef_float, so <see cref="Write"/> allocates nothing. libsndfile and the
/// codec buffer internally; the container is finalised by sf_close in <see cref="Complete"/>. Not thread-safe (see
/// <see cref="IAudioFileWriter"/>).
/// <para>The native handle is a <see cref="SndFileHandle"/>, so a writer dropped without <see cref="Dispose"/> is
/// closed by the finalizer: sf_close still finishes the file through the stream (which the bridge's strong
/// <see cref="GCHandle"/> keeps alive until then), and the stream is disposed after it when the writer owns it. That is
/// a backstop against leaking the native handle and the file, not a way to finish files: it happens at an unknown time
/// on the finalizer thread, and any error is lost.</para>
/// </remarks>
internal sealed unsafe class SndFileEncoderCore : IAudioFileWriter
{
    /// <summary>The highest level passed to the MP3 encoder: libsndfile maps it to LAME VBR quality 9.999.</summary>
    private const double MaxMp3Level = 0.9999;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly int _channelCount;
    private readonly int[]? _channelMap;
    private readonly float[] _scratch;
    private readonly int _scratchFrames;
    private readonly SndFileHandle _sndfile;
    private long _framesWritten;
    private bool _completed;
    private bool _disposed;

    public SndFileEncoderCore(
        Stream stream, AudioSpec spec, SndFileFormat format, int libraryFormat, SndFileEncoderOptions formatOptions, EncoderOptions options)
    {
        _stream = stream;
        _leaveOpen = options.LeaveOpen;
        _channelCount = spec.ChannelCount;
        _channelMap = SndFileChannelOrder.GetWriteMap(format, spec.Layout);
        _scratchFrames = Math.Max(1, options.BufferSize / (_channelCount * sizeof(float)));
        _scratch = new float[_scratchFrames * _channelCount];
        var info = new SfInfo { SampleRate = spec.SampleRate, Channels = _channelCount, Format = libraryFormat };
        _sndfile = SndFileHandle.Open(stream, ownsStream: !options.LeaveOpen, SndFileNative.ModeWrite, &info);
        try
        {
            _sndfile.Bridge.ThrowIfFailed();
            if (_sndfile.IsInvalid)
            {
                throw new NotSupportedException(
                    $"libsndfile cannot create a {format.Name} file with {_channelCount} channel(s) at {spec.SampleRate} Hz: {SndFileNative.GetOpenErrorText()}");
            }

            Configure(format, formatOptions);
        }
        catch
        {
            // The encoder's caller disposes the stream on failure.
            _sndfile.DetachStream();
            _sndfile.Dispose();
            throw;
        }
    }

    public long FramesWritten => _framesWritten;

    public void Write(ReadOnlyAudioBlock block)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            SndFileThrowHelper.ThrowCompleted();
        }

        if (block.ChannelCount != _channelCount)
        {
            SndFileThrowHelper.ThrowChannelMismatch(nameof(block), block.ChannelCount, _channelCount);
        }

        var done = 0;
        fixed (float* scratch = _scratch)
        {
            while (done < block.FrameCount)
            {
                var frames = Math.Min(block.FrameCount - done, _scratchFrames);
                Interleave(block.Slice(done, frames));
                var written = SndFileNative.WriteFramesFloat(_sndfile, scratch, frames);
                _sndfile.Bridge.ThrowIfFailed();
                if (written != frames)
                {
                    SndFileThrowHelper.ThrowLibraryError(_sndfile, "encode");
                }

                done += frames;
                _framesWritten += frames;
            }
        }
    }

    /// <summary>Flushes the stream. Codecs hold back partial packets and FLAC/MP3 headers are written at completion,
    /// so the file is complete only after <see cref="Complete"/>.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _stream.Flush();
    }

    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            return;
        }

        // sf_close encodes what the codec still holds and finalises the headers through the bridge. The stream stays
        // with this writer, so that its flush errors reach the caller.
        _completed = true;
        _sndfile.DetachStream();
        _sndfile.Dispose();
        _sndfile.Bridge.ThrowIfFailed();
        var result = _sndfile.CloseResult;
        if (result != 0)
        {
            throw new IOException($"libsndfile failed to finish the file: {Marshal.PtrToStringUTF8(SndFileNative.ErrorNumber(result))}");
        }

        _stream.Flush();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            Complete();
        }
        finally
        {
            _disposed = true;
            _sndfile.Dispose();
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }
        }
    }

    private void Configure(SndFileFormat format, SndFileEncoderOptions options)
    {
        // Saturate instead of wrapping, and scale by 2^(n-1) so PCM values on the n-bit grid survive exactly.
        if (!format.IsLossy)
        {
            _ = SndFileNative.Command(_sndfile, SndFileCommand.SetClipping, null, SndFileNative.True);
        }

        // libsndfile's MP3 encoder re-applies the saved level whenever the mode changes, and fails while no level is
        // saved, so the level goes first and a mode without a level gets the documented middle level.
        var level = options.CompressionLevel ?? (options.BitrateMode is null ? (double?)null : SndFileEncoderOptions.DefaultMp3Level);
        if (level is { } value)
        {
            // LAME's VBR quality must stay below 10, and libsndfile passes level × 10.
            var effective = format == SndFileFormat.Mp3 ? Math.Min(value, MaxMp3Level) : value;
            if (SndFileNative.Command(_sndfile, SndFileCommand.SetCompressionLevel, &effective, sizeof(double)) != SndFileNative.True)
            {
                throw new NotSupportedException($"libsndfile rejected compression level {value} for {format.Name}.");
            }
        }

        if (options.BitrateMode is { } mode)
        {
            var code = (int)mode;
            if (SndFileNative.Command(_sndfile, SndFileCommand.SetBitrateMode, &code, sizeof(int)) != SndFileNative.True)
            {
                throw new NotSupportedException($"libsndfile rejected bitrate mode {mode} for {format.Name}.");
            }
        }
    }

    private void Interleave(ReadOnlyAudioBlock part)
    {
        var interleaved = _scratch.AsSpan(0, part.FrameCount * _channelCount);
        if (_channelMap is null)
        {
            var planar = MemoryMarshal.CreateReadOnlySpan(
                ref MemoryMarshal.GetReference(part.GetChannel(0)), ((_channelCount - 1) * part.ChannelStride) + part.FrameCount);
            SampleConversion.Interleave(planar, _channelCount, part.FrameCount, part.ChannelStride, interleaved);
            return;
        }

        for (var fileChannel = 0; fileChannel < _channelCount; fileChannel++)
        {
            var source = part.GetChannel(_channelMap[fileChannel]);
            for (var frame = 0; frame < source.Length; frame++)
            {
                interleaved[(frame * _channelCount) + fileChannel] = source[frame];
            }
        }
    }
}
