using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.Formats;

namespace CustomFormat;

/// <summary>
/// Sun/NeXT audio (<c>.au</c>), 16-bit PCM and 32-bit float, written against the public API only: the same four
/// pieces every format registers (format, detector, decoder, encoder) and a module that registers them.
/// </summary>
/// <remarks>
/// Header (big-endian): ".snd", data offset, data size (0xFFFFFFFF when unknown), encoding (3 = 16-bit PCM,
/// 6 = 32-bit float), sample rate, channels, an annotation (at least 4 bytes); then the interleaved big-endian
/// samples.
/// </remarks>
public sealed class AuModule : IAudioFormatModule
{
    public void Configure(AudioFormatRegistryBuilder builder) =>
        builder.AddFormat(AuFormat.Instance, new AuDecoder(), new AuEncoder(), new AuDetector());
}

public sealed class AuFormat : IAudioFileFormat
{
    public static AuFormat Instance { get; } = new();

    public string Name => "au";

    public IReadOnlyList<string> FileExtensions { get; } = ["au", "snd"];

    public IReadOnlyList<string> MimeTypes { get; } = ["audio/basic"];
}

public sealed class AuDetector : IAudioFormatDetector
{
    public int HeaderSize => 4;

    public bool TryDetectFormat(ReadOnlySpan<byte> header, [NotNullWhen(true)] out IAudioFileFormat? format)
    {
        format = header.StartsWith(".snd"u8) ? AuFormat.Instance : null;
        return format is not null;
    }
}

public sealed class AuDecoder : IAudioDecoder
{
    public IAudioFileReader Open(Stream stream, DecoderOptions? options = null)
    {
        Span<byte> header = stackalloc byte[24];
        if (stream.ReadAtLeast(header, 24, throwOnEndOfStream: false) < 24 || !header.StartsWith(".snd"u8))
        {
            throw new AudioFormatException("not an .au file: the 24-byte header is missing", offset: 0);
        }

        var dataOffset = BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
        var dataSize = BinaryPrimitives.ReadUInt32BigEndian(header[8..]);
        var encoding = BinaryPrimitives.ReadUInt32BigEndian(header[12..]);
        var rate = BinaryPrimitives.ReadUInt32BigEndian(header[16..]);
        var channels = BinaryPrimitives.ReadUInt32BigEndian(header[20..]);

        // Every field is checked before it sizes or positions anything.
        var format = encoding switch
        {
            3 => SampleFormat.Pcm16,
            6 => SampleFormat.Float32,
            _ => throw new AudioFormatException($"encoding {encoding} is not supported (3 = 16-bit PCM, 6 = float)", offset: 12),
        };
        if (channels is 0 or > ChannelLayout.MaxChannels)
        {
            throw new AudioFormatException($"{channels} channels: expected 1 to {ChannelLayout.MaxChannels}", offset: 20);
        }

        if (rate is 0 or > AudioSpec.MaxSampleRate)
        {
            throw new AudioFormatException($"sample rate {rate} Hz is out of range", offset: 16);
        }

        if (dataOffset < 24 || dataOffset > stream.Length)
        {
            throw new AudioFormatException($"data offset {dataOffset} lies outside the file", offset: 4);
        }

        var available = stream.Length - dataOffset;
        var bytes = dataSize == uint.MaxValue ? available : Math.Min(dataSize, available);
        var layout = ChannelLayout.Discrete((int)channels);
        if (channels == 1)
        {
            layout = ChannelLayout.Mono;
        }
        else if (channels == 2)
        {
            layout = ChannelLayout.Stereo;
        }

        var blockAlign = (int)channels * format.GetBytesPerSample();
        var info = new AudioFileInfo(AuFormat.Instance, format, (int)rate, layout, bytes / blockAlign);
        return new AuReader(stream, info, dataOffset, blockAlign, options ?? DecoderOptions.Default);
    }
}

internal sealed class AuReader(Stream stream, AudioFileInfo info, long dataOffset, int blockAlign, DecoderOptions options) : IAudioFileReader
{
    private readonly byte[] _buffer = new byte[Math.Max(blockAlign, options.BufferSize / blockAlign * blockAlign)];

    public AudioFileInfo Info => info;

    public long Position { get; private set; }

    public void Seek(long frame)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((ulong)frame, (ulong)info.Frames, nameof(frame));
        Position = frame;
    }

    public int Read(AudioBlock destination)
    {
        var frames = (int)Math.Min(Math.Min(destination.FrameCount, info.Frames - Position), _buffer.Length / blockAlign);
        if (frames <= 0)
        {
            return 0;
        }

        stream.Position = dataOffset + (Position * blockAlign);
        var bytes = _buffer.AsSpan(0, frames * blockAlign);
        stream.ReadExactly(bytes);
        AuEndian.Swap(bytes, info.SampleFormat);

        // The SDK's kernels read little-endian; after the swap the bytes are exactly that.
        var planar = MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(destination.GetChannel(0)), ((destination.ChannelCount - 1) * destination.ChannelStride) + frames);
        SampleConversion.DeinterleaveToFloat(bytes, info.SampleFormat, info.ChannelCount, frames, planar, destination.ChannelStride);
        Position += frames;
        return frames;
    }

    public void Dispose()
    {
        if (!options.LeaveOpen)
        {
            stream.Dispose();
        }
    }
}

public sealed class AuEncoder : IAudioEncoder
{
    public IAudioFileWriter Create(Stream stream, AudioSpec spec, SampleFormat sampleFormat, EncoderOptions? options = null)
    {
        var encoding = sampleFormat switch
        {
            SampleFormat.Pcm16 => 3u,
            SampleFormat.Float32 => 6u,
            _ => throw new NotSupportedException($"This .au module writes Pcm16 and Float32, not {sampleFormat}."),
        };
        // 24 bytes of fields and the 4-byte minimum annotation that readers such as sox expect.
        Span<byte> header = stackalloc byte[28];
        header.Clear();
        ".snd"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], 28);
        BinaryPrimitives.WriteUInt32BigEndian(header[8..], uint.MaxValue);
        BinaryPrimitives.WriteUInt32BigEndian(header[12..], encoding);
        BinaryPrimitives.WriteUInt32BigEndian(header[16..], (uint)spec.SampleRate);
        BinaryPrimitives.WriteUInt32BigEndian(header[20..], (uint)spec.ChannelCount);
        stream.Write(header);
        return new AuWriter(stream, spec.ChannelCount, sampleFormat, options ?? EncoderOptions.Default);
    }
}

internal sealed class AuWriter(Stream stream, int channels, SampleFormat format, EncoderOptions options) : IAudioFileWriter
{
    private readonly byte[] _buffer = new byte[channels * format.GetBytesPerSample() * 4096];
    private bool _completed;

    public long FramesWritten { get; private set; }

    public void Write(ReadOnlyAudioBlock block)
    {
        var blockAlign = channels * format.GetBytesPerSample();
        for (var done = 0; done < block.FrameCount;)
        {
            var frames = Math.Min(block.FrameCount - done, _buffer.Length / blockAlign);
            var part = block.Slice(done, frames);
            var planar = MemoryMarshal.CreateReadOnlySpan(ref MemoryMarshal.GetReference(part.GetChannel(0)), ((channels - 1) * part.ChannelStride) + frames);
            var bytes = _buffer.AsSpan(0, frames * blockAlign);
            SampleConversion.InterleaveFromFloat(planar, channels, frames, part.ChannelStride, format, bytes);
            AuEndian.Swap(bytes, format);
            stream.Write(bytes);
            done += frames;
            FramesWritten += frames;
        }
    }

    public void Flush() => stream.Flush();

    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        // A seekable stream gets the exact size; a pipe keeps 0xFFFFFFFF, which .au readers take as "to the end".
        if (stream.CanSeek)
        {
            Span<byte> size = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(size, (uint)Math.Min(uint.MaxValue - 1, FramesWritten * channels * format.GetBytesPerSample()));
            var end = stream.Position;
            stream.Position = 8;
            stream.Write(size);
            stream.Position = end;
        }

        stream.Flush();
        _completed = true;
    }

    public void Dispose()
    {
        Complete();
        if (!options.LeaveOpen)
        {
            stream.Dispose();
        }
    }
}

internal static class AuEndian
{
    public static void Swap(Span<byte> bytes, SampleFormat format)
    {
        if (format == SampleFormat.Pcm16)
        {
            var samples = MemoryMarshal.Cast<byte, short>(bytes);
            BinaryPrimitives.ReverseEndianness(samples, samples);
        }
        else
        {
            var samples = MemoryMarshal.Cast<byte, int>(bytes);
            BinaryPrimitives.ReverseEndianness(samples, samples);
        }
    }
}
