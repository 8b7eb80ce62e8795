using System.Buffers.Binary;
using System.Text;

namespace AudioPost.Sdk.Tests.Formats.Aiff;

/// <summary>Builds AIFF files byte by byte, so tests can make exactly the malformed header they need.</summary>
internal static class AiffBytes
{
    /// <summary>The 10-byte 80-bit extended encoding of 48000 (REFERENCE.md §5.5).</summary>
    public static readonly byte[] Rate48000 = [0x40, 0x0E, 0xBB, 0x80, 0, 0, 0, 0, 0, 0];

    /// <summary>"FORM", the size of everything after it (unless <paramref name="formSize"/> overrides it), the form type, the chunks.</summary>
    public static byte[] Form(string formType, uint? formSize, params byte[][] chunks)
    {
        var body = chunks.SelectMany(c => c).ToArray();
        var file = new byte[12 + body.Length];
        Encoding.ASCII.GetBytes("FORM").CopyTo(file, 0);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(4), formSize ?? (uint)(4 + body.Length));
        Encoding.ASCII.GetBytes(formType).CopyTo(file, 8);
        body.CopyTo(file, 12);
        return file;
    }

    public static byte[] Aiff(params byte[][] chunks) => Form("AIFF", null, chunks);

    public static byte[] Aifc(params byte[][] chunks) => Form("AIFC", null, [Chunk("FVER", [0xA2, 0x80, 0x51, 0x40]), .. chunks]);

    /// <summary>A chunk with its stated size (unless overridden), payload and pad byte.</summary>
    public static byte[] Chunk(string id, byte[] payload, uint? statedSize = null)
    {
        var chunk = new byte[8 + payload.Length + (payload.Length & 1)];
        Encoding.ASCII.GetBytes(id).CopyTo(chunk, 0);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(4), statedSize ?? (uint)payload.Length);
        payload.CopyTo(chunk, 8);
        return chunk;
    }

    /// <summary>A plain 18-byte COMM, or for AIFF-C (<paramref name="compression"/> given) 22 bytes plus a Pascal-string name.</summary>
    public static byte[] Comm(short channels = 2, uint frames = 4, short bits = 16, byte[]? rate = null, string? compression = null, string name = "")
    {
        var size = compression is null ? 18 : 22 + 1 + name.Length + ((1 + name.Length) & 1);
        var comm = new byte[size];
        BinaryPrimitives.WriteInt16BigEndian(comm, channels);
        BinaryPrimitives.WriteUInt32BigEndian(comm.AsSpan(2), frames);
        BinaryPrimitives.WriteInt16BigEndian(comm.AsSpan(6), bits);
        (rate ?? Rate48000).CopyTo(comm, 8);
        if (compression is not null)
        {
            Encoding.ASCII.GetBytes(compression).CopyTo(comm, 18);
            comm[22] = (byte)name.Length;
            Encoding.ASCII.GetBytes(name).CopyTo(comm, 23);
        }

        return Chunk("COMM", comm);
    }

    /// <summary>An SSND chunk: offset, block size, <paramref name="offset"/> filler bytes, then the samples.</summary>
    public static byte[] Ssnd(byte[] samples, uint offset = 0, uint blockSize = 0, uint? statedSize = null)
    {
        var payload = new byte[8 + offset + samples.Length];
        BinaryPrimitives.WriteUInt32BigEndian(payload, offset);
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(4), blockSize);
        payload.AsSpan(8, (int)offset).Fill(0xEE);
        samples.CopyTo(payload, 8 + (int)offset);
        return Chunk("SSND", payload, statedSize);
    }

    /// <summary>A canonical 16-bit stereo 48 kHz AIFF with <paramref name="frames"/> frames of a big-endian ramp.</summary>
    public static byte[] Minimal(int frames = 4)
    {
        var data = new byte[frames * 4];
        for (var i = 0; i < frames * 2; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(data.AsSpan(i * 2), (short)((i * 1000) - 8000));
        }

        return Aiff(Comm(frames: (uint)frames), Ssnd(data));
    }
}
