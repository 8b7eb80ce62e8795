using System.Buffers.Binary;
using System.Text;

namespace AudioPost.Sdk.Tests.Formats.Wav;

/// <summary>Builds WAV files byte by byte, so tests can make exactly the malformed header they need.</summary>
internal static class WavBytes
{
    public static readonly byte[] PcmGuidTail = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    /// <summary>"RIFF", the size of everything after it (unless <paramref name="riffSize"/> overrides it), "WAVE", the chunks.</summary>
    public static byte[] Riff(uint? riffSize, params byte[][] chunks)
    {
        var body = chunks.SelectMany(c => c).ToArray();
        var file = new byte[12 + body.Length];
        Encoding.ASCII.GetBytes("RIFF").CopyTo(file, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), riffSize ?? (uint)(4 + body.Length));
        Encoding.ASCII.GetBytes("WAVE").CopyTo(file, 8);
        body.CopyTo(file, 12);
        return file;
    }

    public static byte[] Wav(params byte[][] chunks) => Riff(null, chunks);

    /// <summary>A chunk with its stated size (unless overridden), payload and pad byte.</summary>
    public static byte[] Chunk(string id, byte[] payload, uint? statedSize = null)
    {
        var chunk = new byte[8 + payload.Length + (payload.Length & 1)];
        Encoding.ASCII.GetBytes(id).CopyTo(chunk, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), statedSize ?? (uint)payload.Length);
        payload.CopyTo(chunk, 8);
        return chunk;
    }

    /// <summary>A 16-byte plain fmt payload; block align and byte rate derive from the others unless overridden.</summary>
    public static byte[] FmtPayload(
        ushort tag = 1, ushort channels = 2, uint rate = 48000, ushort bits = 16, ushort? blockAlign = null)
    {
        var align = blockAlign ?? (ushort)(channels * bits / 8);
        var fmt = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, tag);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(2), channels);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(4), rate);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(8), rate * align);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(12), align);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(14), bits);
        return fmt;
    }

    /// <summary>A 40-byte WAVE_FORMAT_EXTENSIBLE payload.</summary>
    public static byte[] ExtensiblePayload(
        ushort subFormat = 1,
        ushort channels = 2,
        uint rate = 48000,
        ushort bits = 24,
        ushort? validBits = null,
        uint mask = 0x3,
        ushort cbSize = 22,
        byte[]? guidTail = null)
    {
        var fmt = new byte[40];
        FmtPayload(0xFFFE, channels, rate, bits).CopyTo(fmt, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(16), cbSize);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(18), validBits ?? bits);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(20), mask);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(24), subFormat);
        (guidTail ?? PcmGuidTail).CopyTo(fmt, 26);
        return fmt;
    }

    public static byte[] Fmt(ushort tag = 1, ushort channels = 2, uint rate = 48000, ushort bits = 16, ushort? blockAlign = null) =>
        Chunk("fmt ", FmtPayload(tag, channels, rate, bits, blockAlign));

    public static byte[] Data(int byteCount, uint? statedSize = null) => Chunk("data", new byte[byteCount], statedSize);

    /// <summary>The canonical 44-byte-header file: 16-bit stereo at 48 kHz with <paramref name="frames"/> frames of a ramp.</summary>
    public static byte[] Minimal(int frames = 16)
    {
        var data = new byte[frames * 4];
        for (var i = 0; i < frames * 2; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(i * 2), (short)(i * 100));
        }

        return Wav(Fmt(), Chunk("data", data));
    }
}
