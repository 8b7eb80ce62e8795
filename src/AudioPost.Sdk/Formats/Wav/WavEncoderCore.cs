using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.IO;

namespace AudioPost.Sdk.Formats.Wav;

/// <summary>
/// Writes a WAV file: the header at creation, frames through a fixed buffer, sizes patched on refresh and on
/// completion. The writer behind <see cref="WavEncoder"/>.
/// </summary>
/// <remarks>
/// <para>Layout: <c>RIFF</c> header, <c>JUNK</c> (28 bytes, reserved for an RF64 <c>ds64</c>), <c>fmt </c> (16, 18
/// or 40 bytes), <c>fact</c> (float only), <c>data</c>. Offsets are relative to where the stream was when the writer
/// was created.</para>
/// <para>Frames are converted by <see cref="SampleConversion.InterleaveFromFloat"/> into one byte buffer allocated
/// at creation, so <see cref="Write"/> never allocates. Not thread-safe (see <see cref="IAudioFileWriter"/>).</para>
/// </remarks>
internal sealed class WavEncoderCore : IAudioFileWriter
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly long _start;
    private readonly int _headerSize;
    private readonly long _dataSizeOffset;
    private readonly long _factOffset;
    private readonly SampleFormat _sampleFormat;
    private readonly int _channelCount;
    private readonly int _blockAlign;
    private readonly byte[] _buffer;
    private readonly int _bufferFrames;
    private readonly long _refreshIntervalFrames;
    private readonly long _maxFrames;
    private int _pendingFrames;
    private long _framesWritten;
    private long _framesAtLastRefresh;
    private bool _completed;
    private bool _disposed;

    public WavEncoderCore(Stream stream, AudioSpec spec, SampleFormat sampleFormat, EncoderOptions options, TimeSpan refreshInterval)
    {
        _stream = stream;
        _leaveOpen = options.LeaveOpen;
        _start = stream.Position;
        _sampleFormat = sampleFormat;
        _channelCount = spec.ChannelCount;
        var bytesPerSample = sampleFormat.GetBytesPerSample();
        _blockAlign = _channelCount * bytesPerSample;

        var layout = spec.Layout;
        var extensible = layout != ChannelLayout.Mono && layout != ChannelLayout.Stereo;
        var isFloat = sampleFormat.IsFloatingPoint();
        var fmtSize = extensible ? WavConstants.FmtExtensibleSize : isFloat ? WavConstants.FmtExSize : WavConstants.FmtBaseSize;

        Span<byte> header = stackalloc byte[128];
        var at = 0;
        at = WriteChunkHeader(header, at, WavConstants.RiffId, 0);
        FourCC.Write(header[at..], WavConstants.WaveId);
        at += 4;
        at = WriteChunkHeader(header, at, WavConstants.JunkId, WavConstants.Ds64ReserveSize);
        header.Slice(at, WavConstants.Ds64ReserveSize).Clear();
        at += WavConstants.Ds64ReserveSize;

        at = WriteChunkHeader(header, at, WavConstants.FmtId, (uint)fmtSize);
        var fmt = header.Slice(at, fmtSize);
        var encoding = isFloat ? WavConstants.FormatIeeeFloat : WavConstants.FormatPcm;
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, extensible ? WavConstants.FormatExtensible : encoding);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt[2..], (ushort)_channelCount);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt[4..], (uint)spec.SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt[8..], (uint)(spec.SampleRate * _blockAlign));
        BinaryPrimitives.WriteUInt16LittleEndian(fmt[12..], (ushort)_blockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt[14..], (ushort)(bytesPerSample * 8));
        if (fmtSize > WavConstants.FmtBaseSize)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(fmt[16..], (ushort)(extensible ? WavConstants.ExtensibleExtraSize : 0));
        }

        if (extensible)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(fmt[18..], (ushort)(bytesPerSample * 8));
            BinaryPrimitives.WriteUInt32LittleEndian(fmt[20..], layout.ToWaveChannelMask());
            BinaryPrimitives.WriteUInt16LittleEndian(fmt[24..], encoding);
            WavConstants.SubFormatGuidTail.CopyTo(fmt[26..]);
        }

        at += fmtSize;
        _factOffset = -1;
        if (isFloat)
        {
            at = WriteChunkHeader(header, at, WavConstants.FactId, 4);
            _factOffset = _start + at;
            BinaryPrimitives.WriteUInt32LittleEndian(header[at..], 0);
            at += 4;
        }

        at = WriteChunkHeader(header, at, WavConstants.DataId, 0);
        _dataSizeOffset = _start + at - 4;
        _headerSize = at;

        // A valid, empty file from the start: a process killed before the first refresh still leaves a readable file.
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)(_headerSize - 8));
        _stream.Write(header[.._headerSize]);

        // Plain RIFF sizes are 32-bit; RF64 promotion (into the reserved JUNK) will lift this limit.
        var maxDataBytes = WavConstants.MaxRiffSize - (_headerSize - 8) - 1;
        _maxFrames = maxDataBytes / _blockAlign;

        _bufferFrames = Math.Max(1, options.BufferSize / _blockAlign);
        _buffer = new byte[_bufferFrames * _blockAlign];
        _refreshIntervalFrames = refreshInterval <= TimeSpan.Zero
            ? 0
            : Math.Max(1, (long)((Int128)refreshInterval.Ticks * spec.SampleRate / TimeSpan.TicksPerSecond));
    }

    public long FramesWritten => _framesWritten;

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

        if (frames > _maxFrames - _framesWritten)
        {
            ThrowTooLarge();
        }

        var done = 0;
        while (done < frames)
        {
            var count = Math.Min(frames - done, _bufferFrames - _pendingFrames);
            var part = block.Slice(done, count);
            SampleConversion.InterleaveFromFloat(
                BlockSpans.GetPlanar(part),
                _channelCount,
                count,
                part.ChannelStride,
                _sampleFormat,
                _buffer.AsSpan(_pendingFrames * _blockAlign, count * _blockAlign));
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
                _stream.Dispose();
            }
        }
    }

    private static int WriteChunkHeader(Span<byte> header, int at, uint id, uint size)
    {
        FourCC.Write(header[at..], id);
        BinaryPrimitives.WriteUInt32LittleEndian(header[(at + 4)..], size);
        return at + RiffChunkHeader.HeaderSize;
    }

    private void WritePending()
    {
        if (_pendingFrames > 0)
        {
            _stream.Write(_buffer, 0, _pendingFrames * _blockAlign);
            _pendingFrames = 0;
        }
    }

    /// <summary>
    /// Pushes buffered frames, patches the sizes for everything written so far and flushes the stream, leaving it at
    /// the end of the data. The final refresh also writes the pad byte that RIFF requires after an odd-sized chunk;
    /// intermediate ones leave it out so the next frames can follow directly.
    /// </summary>
    private void Refresh(bool isFinal)
    {
        WritePending();
        var dataBytes = _framesWritten * _blockAlign;
        var pad = isFinal ? (int)(dataBytes & 1) : 0;
        var end = _start + _headerSize + dataBytes;
        if (pad != 0)
        {
            _stream.WriteByte(0);
        }

        Span<byte> field = stackalloc byte[4];
        PatchUInt32(_start + 4, (uint)(_headerSize - 8 + dataBytes + pad), field);
        PatchUInt32(_dataSizeOffset, (uint)dataBytes, field);
        if (_factOffset >= 0)
        {
            PatchUInt32(_factOffset, (uint)_framesWritten, field);
        }

        _stream.Position = end + pad;
        _stream.Flush();
        _framesAtLastRefresh = _framesWritten;
    }

    private void PatchUInt32(long offset, uint value, Span<byte> field)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(field, value);
        _stream.Position = offset;
        _stream.Write(field);
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowCompleted() =>
        throw new InvalidOperationException("The writer is completed; no more frames can be written.");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowChannelMismatch(string paramName, int blockChannels, int fileChannels) =>
        throw new ArgumentException($"The block has {blockChannels} channel(s) but the file has {fileChannels}.", paramName);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowTooLarge() =>
        throw new NotSupportedException("The WAV file would exceed the 4 GiB that 32-bit RIFF sizes can address; RF64 output is not supported yet.");
}
