using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.IO;

namespace AudioPost.Sdk.Formats.Aiff;

/// <summary>
/// Writes an AIFF or AIFF-C file: the header at creation, frames through a fixed buffer, sizes patched on refresh and
/// on completion. The writer behind <see cref="AiffEncoder"/>.
/// </summary>
/// <remarks>
/// <para>Layout: <c>FORM</c> header; for AIFF-C an <c>FVER</c> chunk; <c>COMM</c> (18 bytes, or for AIFF-C 22 plus
/// the Pascal-string compression name); <c>MARK</c> when there are markers; <c>SSND</c> with offset and block size 0, then the samples. Offsets are
/// relative to where the stream was when the writer was created.</para>
/// <para>Frames are converted by <see cref="SampleConversion.InterleaveFromFloat"/> into one byte buffer allocated at
/// creation and then rewritten in place into big-endian (or signed 8-bit) order, so <see cref="BufferedEncoderCore.Write"/> never
/// allocates. Not thread-safe (see <see cref="IAudioFileWriter"/>).</para>
/// </remarks>
internal sealed class AiffEncoderCore : BufferedEncoderCore
{
    private readonly int _headerSize;
    private readonly long _framesFieldOffset;
    private readonly long _ssndSizeOffset;
    private readonly bool _swapBytes;
    private readonly bool _flipSign8;
    private readonly long _maxFrames;

    // compression: the AIFF-C compression type to write, or null for plain AIFF. markChunk: the whole MARK chunk from
    // AiffMarkChunk.Build, or empty for none.
    public AiffEncoderCore(
        Stream stream, AudioSpec spec, SampleFormat sampleFormat, uint? compression, EncoderOptions options, TimeSpan refreshInterval, byte[] markChunk)
        : base(stream, spec, sampleFormat, options, refreshInterval)
    {
        // 8-bit AIFF is signed in every variant; only 'sowt' leaves wider samples little-endian.
        _flipSign8 = sampleFormat == SampleFormat.Pcm8;
        _swapBytes = !_flipSign8 && compression != AiffConstants.CompressionSowt;

        var name = compression is { } type ? CompressionName(type) : default;
        var nameSize = 1 + name.Length + ((1 + name.Length) & 1);
        var commSize = compression.HasValue ? AiffConstants.CommAifcMinSize + nameSize : AiffConstants.CommAiffSize;

        Span<byte> header = stackalloc byte[128];
        header.Clear();
        var at = 0;
        at = WriteChunkHeader(header, at, AiffConstants.FormId, 0);
        FourCC.Write(header[at..], compression.HasValue ? AiffConstants.AifcId : AiffConstants.AiffId);
        at += 4;
        if (compression.HasValue)
        {
            // Required by AIFF-C; version 1 is the only one there is.
            at = WriteChunkHeader(header, at, AiffConstants.FverId, 4);
            BinaryPrimitives.WriteUInt32BigEndian(header[at..], AiffConstants.AifcVersion1);
            at += 4;
        }

        at = WriteChunkHeader(header, at, AiffConstants.CommId, (uint)commSize);
        var comm = header.Slice(at, commSize);
        BinaryPrimitives.WriteInt16BigEndian(comm, (short)spec.ChannelCount);
        _framesFieldOffset = Start + at + 2;
        BinaryPrimitives.WriteInt16BigEndian(comm[6..], (short)(BytesPerSample * 8));
        AiffExtended.Write((uint)spec.SampleRate, comm[8..]);
        if (compression is { } written)
        {
            FourCC.Write(comm[18..], written);
            comm[22] = (byte)name.Length;
            name.CopyTo(comm[23..]);
        }

        at += commSize;

        // MARK goes ahead of SSND: it is known in full now, and there it survives a process killed mid-file.
        var prefixSize = at;
        at = WriteChunkHeader(header, at, AiffConstants.SsndId, AiffConstants.SsndHeaderSize);
        at += AiffConstants.SsndHeaderSize;
        _headerSize = at + markChunk.Length;
        _ssndSizeOffset = Start + _headerSize - AiffConstants.SsndHeaderSize - 4;

        // A valid, empty file from the start: a process killed before the first refresh still leaves a readable file.
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], (uint)(_headerSize - 8));
        Stream.Write(header[..prefixSize]);
        Stream.Write(markChunk);
        Stream.Write(header[prefixSize..at]);

        // FORM sizes are 32-bit.
        var maxDataBytes = AiffConstants.MaxFormSize - (_headerSize - 8) - 1;
        _maxFrames = maxDataBytes / BlockAlign;
    }

    protected override void CheckCapacity(int frames)
    {
        if (frames > _maxFrames - FramesWritten)
        {
            ThrowTooLarge();
        }
    }

    protected override void EncodeInPlace(Span<byte> bytes)
    {
        if (_flipSign8)
        {
            SampleConversion.FlipSignBits8(bytes);
        }
        else if (_swapBytes)
        {
            SampleConversion.ReverseSampleBytes(bytes, BytesPerSample);
        }
    }

    /// <summary>The Pascal-string name written after the compression type: informational, for people reading dumps.</summary>
    private static ReadOnlySpan<byte> CompressionName(uint compression) => compression switch
    {
        AiffConstants.CompressionFl32 => "32-bit floating point"u8,
        AiffConstants.CompressionFl64 => "64-bit floating point"u8,
        AiffConstants.CompressionSowt => "little-endian"u8,
        _ => "not compressed"u8,
    };

    private static int WriteChunkHeader(Span<byte> header, int at, uint id, uint size)
    {
        FourCC.Write(header[at..], id);
        BinaryPrimitives.WriteUInt32BigEndian(header[(at + 4)..], size);
        return at + RiffChunkHeader.HeaderSize;
    }

    /// <summary>
    /// Patches the sizes for everything written so far and flushes the stream, leaving it at the end of the data. The
    /// final refresh also writes the pad byte IFF requires after an odd-sized chunk (counted in the FORM size, not the
    /// SSND size); intermediate ones leave it out so the next frames can follow directly.
    /// </summary>
    protected override void PatchHeader(bool isFinal)
    {
        var dataBytes = FramesWritten * BlockAlign;
        var pad = isFinal ? (int)(dataBytes & 1) : 0;
        var end = Start + _headerSize + dataBytes;
        if (pad != 0)
        {
            Stream.WriteByte(0);
        }

        Span<byte> field = stackalloc byte[4];
        PatchUInt32(Start + 4, (uint)(_headerSize - 8 + dataBytes + pad), field);
        PatchUInt32(_framesFieldOffset, (uint)FramesWritten, field);
        PatchUInt32(_ssndSizeOffset, (uint)(AiffConstants.SsndHeaderSize + dataBytes), field);
        Stream.Position = end + pad;
        Stream.Flush();
    }

    private void PatchUInt32(long offset, uint value, Span<byte> field)
    {
        BinaryPrimitives.WriteUInt32BigEndian(field, value);
        Stream.Position = offset;
        Stream.Write(field);
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowTooLarge() =>
        throw new NotSupportedException("The AIFF file would exceed the 4 GiB that 32-bit FORM sizes can address.");
}
