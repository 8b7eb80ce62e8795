using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using AudioPost.Sdk.Tests.Formats.Wav;

namespace AudioPost.Sdk.Tests.Formats.Fuzz;

/// <summary>
/// Builds the seed corpus byte by byte: small valid files of every sample format and container the decoders know or
/// are about to know (RIFF/WAVE, RF64, BW64, AIFF, AIFF-C). The files in <c>Corpus/</c> are exactly these bytes;
/// <see cref="DecoderFuzzTests.Corpus_OnDisk_MatchesTheSeedBuilder"/> keeps the two in step, and setting
/// <c>AUDIOPOST_FUZZ_WRITE_CORPUS=1</c> rewrites the folder from here.
/// </summary>
internal static class FuzzSeeds
{
    private const int Frames = 12;

    /// <summary>Gets every seed by file name.</summary>
    public static IReadOnlyDictionary<string, byte[]> All { get; } = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
    {
        ["wav-pcm8-mono.wav"] = WavBytes.Wav(WavBytes.Fmt(channels: 1, bits: 8), WavBytes.Chunk("data", Ramp(Frames * 1))),
        ["wav-pcm16-stereo.wav"] = WavBytes.Minimal(Frames),
        ["wav-pcm24-stereo.wav"] = WavBytes.Wav(WavBytes.Fmt(channels: 2, bits: 24), WavBytes.Chunk("data", Ramp(Frames * 6))),
        ["wav-pcm32-mono.wav"] = WavBytes.Wav(WavBytes.Fmt(channels: 1, bits: 32), WavBytes.Chunk("data", Ramp(Frames * 4))),
        ["wav-float32-stereo.wav"] = WavBytes.Wav(WavBytes.Fmt(tag: 3, channels: 2, bits: 32), WavBytes.Chunk("data", Float32s(Frames * 2, bigEndian: false))),
        ["wav-float64-mono.wav"] = WavBytes.Wav(WavBytes.Fmt(tag: 3, channels: 1, bits: 64), WavBytes.Chunk("data", Float64s(Frames))),
        ["wav-extensible-5.1-pcm24.wav"] = WavBytes.Wav(
            WavBytes.Chunk("fmt ", WavBytes.ExtensiblePayload(channels: 6, bits: 24, mask: 0x3F)),
            WavBytes.Chunk("data", Ramp(Frames * 18))),
        ["wav-extensible-float32-stereo.wav"] = WavBytes.Wav(
            WavBytes.Chunk("fmt ", WavBytes.ExtensiblePayload(subFormat: 3, channels: 2, bits: 32, mask: 0x3)),
            WavBytes.Chunk("fact", [Frames, 0, 0, 0]),
            WavBytes.Chunk("data", Float32s(Frames * 2, bigEndian: false))),
        ["wav-extensible-pcm20in24-mono.wav"] = WavBytes.Wav(
            WavBytes.Chunk("fmt ", WavBytes.ExtensiblePayload(channels: 1, bits: 24, validBits: 20, mask: 0x4)),
            WavBytes.Chunk("data", Ramp(Frames * 3))),
        ["wav-fmt18-pcm16-mono.wav"] = WavBytes.Wav(
            WavBytes.Chunk("fmt ", [.. WavBytes.FmtPayload(channels: 1), 0, 0]),
            WavBytes.Chunk("data", Ramp(Frames * 2))),
        ["wav-extra-chunks.wav"] = WavBytes.Wav(
            WavBytes.Chunk("JUNK", new byte[28]),
            WavBytes.Chunk("LIST", [.. "INFO"u8, .. WavBytes.Chunk("INAM", [.. "seed\0"u8])]),
            WavBytes.Chunk("odd ", [1, 2, 3]),
            WavBytes.Fmt(channels: 2, bits: 16),
            WavBytes.Chunk("fact", [Frames, 0, 0, 0]),
            WavBytes.Chunk("PAD ", new byte[6]),
            WavBytes.Chunk("data", Ramp(Frames * 4))),
        ["wav-chunks-after-data.wav"] = WavBytes.Wav(
            WavBytes.Fmt(channels: 1, bits: 16),
            WavBytes.Chunk("data", Ramp(Frames * 2)),
            WavBytes.Chunk("LIST", [.. "INFO"u8, .. WavBytes.Chunk("ICMT", [.. "after\0"u8])]),
            WavBytes.Chunk("iXML", [.. "<BWFXML/>"u8]),
            WavBytes.Chunk("bext", Bext())),
        ["wav-bwf-markers.wav"] = WavBytes.Wav(
            WavBytes.Fmt(channels: 2, bits: 24),
            WavBytes.Chunk("bext", Bext()),
            WavBytes.Chunk("iXML", [.. "<BWFXML><SCENE>1</SCENE><SPEED><TIMECODE_RATE>25/1</TIMECODE_RATE></SPEED></BWFXML>"u8]),
            WavBytes.Chunk("data", Ramp(Frames * 6)),
            WavBytes.Chunk("cue ", Cue((1, 3), (2, 10))),
            WavBytes.Chunk("LIST", [.. "adtl"u8, .. WavBytes.Chunk("labl", [1, 0, 0, 0, .. "a\0"u8]), .. WavBytes.Chunk("ltxt", [2, 0, 0, 0, 4, 0, 0, 0, .. "rgn "u8, .. new byte[8]])])),
        ["wav-odd-data-pad.wav"] = WavBytes.Wav(
            WavBytes.Fmt(channels: 1, bits: 8),
            WavBytes.Chunk("data", Ramp(Frames - 1)),
            WavBytes.Chunk("JUNK", [9, 9])),
        ["wav-unpatched-sizes.wav"] = WavBytes.Riff(
            uint.MaxValue,
            WavBytes.Fmt(channels: 2, bits: 16),
            WavBytes.Chunk("data", Ramp(Frames * 4))),
        ["rf64-pcm16-stereo.wav"] = Rf64("RF64", WavBytes.FmtPayload(channels: 2, bits: 16), Ramp(Frames * 4), Frames),
        ["bw64-pcm24-mono.wav"] = Rf64("BW64", WavBytes.FmtPayload(channels: 1, bits: 24), Ramp(Frames * 3), Frames),
        ["aiff-pcm16-stereo.aif"] = Aiff(
            "AIFF",
            Comm(channels: 2, frames: Frames, bits: 16, rate: 48000, compression: null),
            Ssnd(Ramp(Frames * 4))),
        ["aiff-pcm24-mono-with-extra.aif"] = Aiff(
            "AIFF",
            Be("NAME", [.. "seed"u8, (byte)'!']),
            Comm(channels: 1, frames: Frames, bits: 24, rate: 44100, compression: null),
            Be("ANNO", [.. "odd"u8]),
            Ssnd(Ramp(Frames * 3))),
        ["aiff-pcm8-mono.aif"] = Aiff(
            "AIFF",
            Comm(channels: 1, frames: Frames, bits: 8, rate: 8000, compression: null),
            Ssnd(Ramp(Frames))),
        ["aifc-none-pcm16-stereo.aifc"] = Aiff(
            "AIFC",
            Fver(),
            Comm(channels: 2, frames: Frames, bits: 16, rate: 48000, compression: ("NONE", "not compressed")),
            Ssnd(Ramp(Frames * 4))),
        ["aifc-sowt-pcm16-mono.aifc"] = Aiff(
            "AIFC",
            Fver(),
            Comm(channels: 1, frames: Frames, bits: 16, rate: 44100, compression: ("sowt", string.Empty)),
            Ssnd(Ramp(Frames * 2))),
        ["aifc-fl32-stereo.aifc"] = Aiff(
            "AIFC",
            Fver(),
            Comm(channels: 2, frames: Frames, bits: 32, rate: 96000, compression: ("fl32", "32-bit floating point")),
            Ssnd(Float32s(Frames * 2, bigEndian: true))),
    };

    /// <summary>Gets the folder of the corpus in the source tree (not the copy in the output folder).</summary>
    public static string SourceDirectory([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "Corpus");

    /// <summary>
    /// 'RF64' (or 'BW64'), 0xFFFFFFFF, 'WAVE', a 28-byte 'ds64' (RIFF size, data size, sample count, empty table),
    /// 'fmt ', and 'data' whose 32-bit size is 0xFFFFFFFF so the real one comes from 'ds64'.
    /// </summary>
    private static byte[] Rf64(string id, byte[] fmtPayload, byte[] data, long frames)
    {
        var fmt = WavBytes.Chunk("fmt ", fmtPayload);
        var dataChunk = WavBytes.Chunk("data", data, statedSize: uint.MaxValue);
        var ds64 = new byte[28];
        var riffSize = 4 + 8 + ds64.Length + fmt.Length + dataChunk.Length;
        BinaryPrimitives.WriteUInt64LittleEndian(ds64, (ulong)riffSize);
        BinaryPrimitives.WriteUInt64LittleEndian(ds64.AsSpan(8), (ulong)data.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(ds64.AsSpan(16), (ulong)frames);
        var file = WavBytes.Riff(uint.MaxValue, WavBytes.Chunk("ds64", ds64), fmt, dataChunk);
        Encoding.ASCII.GetBytes(id).CopyTo(file, 0);
        return file;
    }

    /// <summary>'FORM', the big-endian size of everything after it, the form type, the chunks.</summary>
    /// <summary>A version 2 bext payload: 602 bytes with text, a TimeReference, loudness, and a coding history line.</summary>
    private static byte[] Bext()
    {
        var payload = new byte[602 + 8];
        "fuzz seed"u8.CopyTo(payload);
        "2026-11-24"u8.CopyTo(payload.AsSpan(320));
        BinaryPrimitives.WriteUInt64LittleEndian(payload.AsSpan(338), 172_800_000);
        BinaryPrimitives.WriteUInt16LittleEndian(payload.AsSpan(346), 2);
        BinaryPrimitives.WriteInt16LittleEndian(payload.AsSpan(412), -2300);
        BinaryPrimitives.WriteInt16LittleEndian(payload.AsSpan(414), 0x7FFF);
        "A=PCM\r\n"u8.CopyTo(payload.AsSpan(602));
        return payload;
    }

    private static byte[] Cue(params (uint Id, uint Frame)[] points)
    {
        var payload = new byte[4 + (24 * points.Length)];
        BinaryPrimitives.WriteUInt32LittleEndian(payload, (uint)points.Length);
        for (var i = 0; i < points.Length; i++)
        {
            var point = payload.AsSpan(4 + (24 * i));
            BinaryPrimitives.WriteUInt32LittleEndian(point, points[i].Id);
            BinaryPrimitives.WriteUInt32LittleEndian(point[4..], points[i].Frame);
            "data"u8.CopyTo(point[8..]);
            BinaryPrimitives.WriteUInt32LittleEndian(point[20..], points[i].Frame);
        }

        return payload;
    }

    private static byte[] Aiff(string formType, params byte[][] chunks)
    {
        byte[] body = [.. Encoding.ASCII.GetBytes(formType), .. chunks.SelectMany(c => c)];
        var file = new byte[8 + body.Length];
        Encoding.ASCII.GetBytes("FORM").CopyTo(file, 0);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(4), (uint)body.Length);
        body.CopyTo(file, 8);
        return file;
    }

    /// <summary>A big-endian (IFF) chunk with its pad byte.</summary>
    private static byte[] Be(string id, byte[] payload)
    {
        var chunk = new byte[8 + payload.Length + (payload.Length & 1)];
        Encoding.ASCII.GetBytes(id).CopyTo(chunk, 0);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(4), (uint)payload.Length);
        payload.CopyTo(chunk, 8);
        return chunk;
    }

    /// <summary>'COMM': channels, frames, bits, an 80-bit extended rate; for AIFF-C also the compression type and its Pascal-string name.</summary>
    private static byte[] Comm(short channels, uint frames, short bits, int rate, (string Type, string Name)? compression)
    {
        var fixedPart = new byte[18];
        BinaryPrimitives.WriteInt16BigEndian(fixedPart, channels);
        BinaryPrimitives.WriteUInt32BigEndian(fixedPart.AsSpan(2), frames);
        BinaryPrimitives.WriteInt16BigEndian(fixedPart.AsSpan(6), bits);
        Extended80(rate).CopyTo(fixedPart, 8);
        var payload = new List<byte>(fixedPart);
        if (compression is { } c)
        {
            payload.AddRange(Encoding.ASCII.GetBytes(c.Type));
            payload.Add((byte)c.Name.Length);
            payload.AddRange(Encoding.ASCII.GetBytes(c.Name));
            if ((c.Name.Length & 1) == 0)
            {
                // A Pascal string is padded to an even total length (count byte included).
                payload.Add(0);
            }
        }

        return Be("COMM", [.. payload]);
    }

    /// <summary>'SSND': offset 0, block size 0, the samples.</summary>
    private static byte[] Ssnd(byte[] samples) => Be("SSND", [.. new byte[8], .. samples]);

    /// <summary>'FVER' with the AIFF-C version 1 timestamp.</summary>
    private static byte[] Fver() => Be("FVER", [0xA2, 0x80, 0x51, 0x40]);

    /// <summary>A positive integer as an IEEE 754 80-bit extended float, big-endian (sign+exponent, then a 64-bit mantissa with its explicit integer bit).</summary>
    private static byte[] Extended80(int value)
    {
        var exponent = 63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)value);
        var mantissa = (ulong)value << (63 - exponent);
        var bytes = new byte[10];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)(16383 + exponent));
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(2), mantissa);
        return bytes;
    }

    private static byte[] Ramp(int count) => [.. Enumerable.Range(0, count).Select(i => (byte)((i * 37) + 11))];

    private static byte[] Float32s(int count, bool bigEndian)
    {
        var bytes = new byte[count * 4];
        for (var i = 0; i < count; i++)
        {
            var value = MathF.Sin(i * 0.3f) * 0.5f;
            if (bigEndian)
            {
                BinaryPrimitives.WriteSingleBigEndian(bytes.AsSpan(i * 4), value);
            }
            else
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), value);
            }
        }

        return bytes;
    }

    private static byte[] Float64s(int count)
    {
        var bytes = new byte[count * 8];
        for (var i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), Math.Sin(i * 0.3) * 0.5);
        }

        return bytes;
    }
}
