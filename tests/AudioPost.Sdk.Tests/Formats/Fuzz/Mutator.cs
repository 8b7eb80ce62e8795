using System.Buffers.Binary;

namespace AudioPost.Sdk.Tests.Formats.Fuzz;

/// <summary>
/// Makes malformed variants of seed files: byte-level damage (bit flips, interesting values, truncation, inserts,
/// deletes) and chunk-level damage that knows about RIFF and IFF layouts (size overwrites, pad bytes dropped, chunks
/// duplicated, removed, swapped, renamed or spliced in from another seed). Deterministic: the same
/// <see cref="Random"/> state and corpus give the same mutants. Not thread-safe.
/// </summary>
internal sealed class Mutator
{
    /// <summary>Mutants never grow past this, so one input stays cheap whatever the mutations stack up to.</summary>
    public const int MaxLength = 16 * 1024;

    private static readonly byte[] s_interestingBytes = [0x00, 0x01, 0x02, 0x7F, 0x80, 0x81, 0xFE, 0xFF, 0x10, 0x20, 0x40];

    private static readonly ushort[] s_interesting16 =
        [0, 1, 2, 3, 6, 8, 16, 18, 20, 22, 24, 32, 40, 63, 64, 65, 1023, 1024, 1025, 0x7FFF, 0x8000, 0xFFFE, 0xFFFF];

    private static readonly uint[] s_interesting32 =
    [
        0, 1, 2, 3, 4, 7, 8, 16, 18, 28, 40, 44, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x10000,
        44100, 48000, 1_536_000, 1_536_001, 0x7FFFFFFF, 0x80000000, 0xFFFFFFF0, 0xFFFFFFFE, 0xFFFFFFFF,
    ];

    private static readonly ulong[] s_interesting64 =
    [
        0, 1, 2, 8, 0xFFFFFFFF, 0x100000000, 0x7FFFFFFFFFFFFFFF, 0x8000000000000000, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFF0,
    ];

    private static readonly string[] s_fourCCs =
    [
        "RIFF", "RF64", "BW64", "WAVE", "fmt ", "data", "ds64", "fact", "LIST", "JUNK", "bext", "iXML",
        "FORM", "AIFF", "AIFC", "COMM", "SSND", "FVER", "NONE", "sowt", "fl32", "\0\0\0\0",
    ];

    private readonly Random _random;
    private readonly IReadOnlyList<byte[]> _corpus;
    private readonly List<string> _log = [];

    /// <summary>Creates a mutator.</summary>
    /// <param name="random">The source of every choice.</param>
    /// <param name="corpus">The seeds, for splicing chunks from one file into another.</param>
    public Mutator(Random random, IReadOnlyList<byte[]> corpus)
    {
        _random = random;
        _corpus = corpus;
    }

    /// <summary>Gets the mutations applied by the last <see cref="Mutate"/> call, for failure reports.</summary>
    public IReadOnlyList<string> Log => _log;

    /// <summary>Returns a damaged copy of <paramref name="seed"/>: one to eight stacked mutations.</summary>
    public byte[] Mutate(byte[] seed)
    {
        _log.Clear();
        var bytes = new List<byte>(seed);
        var count = 1;
        while (count < 8 && _random.Next(2) == 0)
        {
            count++;
        }

        for (var i = 0; i < count; i++)
        {
            MutateOnce(bytes);
            if (bytes.Count > MaxLength)
            {
                bytes.RemoveRange(MaxLength, bytes.Count - MaxLength);
            }
        }

        // Half the time make the container size agree with the length again, so damage further in is reached
        // instead of every mutant failing at the first check.
        if (_random.Next(2) == 0)
        {
            FixContainerSize(bytes);
        }

        return [.. bytes];
    }

    /// <summary>Finds chunk headers by walking the container from offset 12 (IFF big-endian sizes when the file starts with 'FORM').</summary>
    public static List<ChunkSpan> WalkChunks(IReadOnlyList<byte> bytes)
    {
        var chunks = new List<ChunkSpan>();
        var bigEndian = IsBigEndian(bytes);
        var at = 12;
        while (at + 8 <= bytes.Count && chunks.Count < 64 && IsFourCC(bytes, at))
        {
            var size = ReadSize(bytes, at + 4, bigEndian);
            var end = Math.Min((long)at + 8 + size + (size & 1), bytes.Count);
            chunks.Add(new ChunkSpan(at, (int)end - at, size));
            at = (int)end;
        }

        return chunks;
    }

    private static bool IsBigEndian(IReadOnlyList<byte> bytes) =>
        bytes.Count >= 4 && bytes[0] == 'F' && bytes[1] == 'O' && bytes[2] == 'R' && bytes[3] == 'M';

    private static bool IsFourCC(IReadOnlyList<byte> bytes, int at)
    {
        for (var i = 0; i < 4; i++)
        {
            if (bytes[at + i] is < 0x20 or > 0x7E)
            {
                return false;
            }
        }

        return true;
    }

    private static uint ReadSize(IReadOnlyList<byte> bytes, int at, bool bigEndian)
    {
        Span<byte> size = [bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]];
        return bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(size) : BinaryPrimitives.ReadUInt32LittleEndian(size);
    }

    private static void Write(List<byte> bytes, int at, ReadOnlySpan<byte> value)
    {
        for (var i = 0; i < value.Length && at + i < bytes.Count; i++)
        {
            bytes[at + i] = value[i];
        }
    }

    private static void WriteSize(List<byte> bytes, int at, uint size, bool bigEndian)
    {
        Span<byte> buffer = stackalloc byte[4];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(buffer, size);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(buffer, size);
        }

        Write(bytes, at, buffer);
    }

    private static void FixContainerSize(List<byte> bytes)
    {
        if (bytes.Count >= 8 && IsFourCC(bytes, 0) && ReadSize(bytes, 4, bigEndian: false) != uint.MaxValue)
        {
            WriteSize(bytes, 4, (uint)(bytes.Count - 8), IsBigEndian(bytes));
        }
    }

    private void MutateOnce(List<byte> bytes)
    {
        if (bytes.Count == 0)
        {
            Note($"insert into empty");
            bytes.AddRange(RandomBytes(_random.Next(1, 16)));
            return;
        }

        var chunks = WalkChunks(bytes);
        switch (_random.Next(17))
        {
            case 0:
                FlipBits(bytes);
                break;
            case 1:
                SetInterestingByte(bytes);
                break;
            case 2:
                SetInteresting16(bytes, chunks);
                break;
            case 3:
            case 4:
                SetInteresting32(bytes, chunks);
                break;
            case 5:
                SetInteresting64(bytes);
                break;
            case 6:
                Truncate(bytes);
                break;
            case 7:
            case 8:
                OverwriteChunkSize(bytes, chunks);
                break;
            case 9:
                SpliceChunk(bytes, chunks);
                break;
            case 10:
                InsertBytes(bytes);
                break;
            case 11:
                DeleteBytes(bytes);
                break;
            case 12:
                DuplicateChunk(bytes, chunks);
                break;
            case 13:
                RemoveChunk(bytes, chunks);
                break;
            case 14:
                SwapChunks(bytes, chunks);
                break;
            case 15:
                RenameChunk(bytes, chunks);
                break;
            default:
                DropPadByte(bytes, chunks);
                break;
        }
    }

    /// <summary>A position biased towards the header, where the parsing happens.</summary>
    private int Position(int count) => _random.Next(3) == 0 ? _random.Next(count) : _random.Next(Math.Min(count, 96));

    /// <summary>A random position, or the start of a field in the first 40 bytes of a random chunk's payload.</summary>
    private int FieldPosition(int count, List<ChunkSpan> chunks, int alignment)
    {
        if (chunks.Count > 0 && _random.Next(2) == 0)
        {
            var chunk = chunks[_random.Next(chunks.Count)];
            var at = chunk.Offset + 8 + (_random.Next(20 / alignment) * alignment);
            if (at < count)
            {
                return at;
            }
        }

        return Position(count);
    }

    private void FlipBits(List<byte> bytes)
    {
        var flips = _random.Next(1, 5);
        for (var i = 0; i < flips; i++)
        {
            var at = Position(bytes.Count);
            var bit = _random.Next(8);
            bytes[at] ^= (byte)(1 << bit);
            Note($"flip bit {bit} at {at}");
        }
    }

    private void SetInterestingByte(List<byte> bytes)
    {
        var at = Position(bytes.Count);
        var value = s_interestingBytes[_random.Next(s_interestingBytes.Length)];
        bytes[at] = value;
        Note($"byte {value:X2} at {at}");
    }

    private void SetInteresting16(List<byte> bytes, List<ChunkSpan> chunks)
    {
        var at = FieldPosition(bytes.Count, chunks, 2);
        var value = s_interesting16[_random.Next(s_interesting16.Length)];
        Span<byte> buffer = stackalloc byte[2];
        var bigEndian = _random.Next(3) == 0 ? !IsBigEndian(bytes) : IsBigEndian(bytes);
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(buffer, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(buffer, value);
        }

        Write(bytes, at, buffer);
        Note($"u16 {value} ({(bigEndian ? "BE" : "LE")}) at {at}");
    }

    private void SetInteresting32(List<byte> bytes, List<ChunkSpan> chunks)
    {
        var at = FieldPosition(bytes.Count, chunks, 4);
        var value = _random.Next(6) == 0 ? (uint)_random.NextInt64(0, 1L << 32) : s_interesting32[_random.Next(s_interesting32.Length)];
        var bigEndian = _random.Next(3) == 0 ? !IsBigEndian(bytes) : IsBigEndian(bytes);
        WriteSize(bytes, at, value, bigEndian);
        Note($"u32 {value} ({(bigEndian ? "BE" : "LE")}) at {at}");
    }

    private void SetInteresting64(List<byte> bytes)
    {
        // Aimed mostly at the three 64-bit sizes of 'ds64' (payload offsets 0, 8 and 16 of the first chunk).
        var at = _random.Next(2) == 0 ? 20 + (_random.Next(3) * 8) : Position(bytes.Count);
        var value = _random.Next(4) == 0 ? (ulong)_random.NextInt64() : s_interesting64[_random.Next(s_interesting64.Length)];
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(buffer, value);
        Write(bytes, Math.Min(at, bytes.Count - 1), buffer);
        Note($"u64 {value} at {at}");
    }

    private void Truncate(List<byte> bytes)
    {
        var length = _random.Next(2) == 0 ? Position(bytes.Count) : _random.Next(bytes.Count);
        bytes.RemoveRange(length, bytes.Count - length);
        Note($"truncate to {length}");
    }

    private void OverwriteChunkSize(List<byte> bytes, List<ChunkSpan> chunks)
    {
        // A header found by the walk, or any run of four printable bytes (a header the walk could not reach).
        int at;
        if (chunks.Count > 0 && _random.Next(4) != 0)
        {
            at = chunks[_random.Next(chunks.Count)].Offset;
        }
        else
        {
            var candidates = Enumerable.Range(0, Math.Max(0, bytes.Count - 8)).Where(i => IsFourCC(bytes, i)).ToList();
            if (candidates.Count == 0)
            {
                SetInteresting32(bytes, chunks);
                return;
            }

            at = candidates[_random.Next(candidates.Count)];
        }

        if (at + 8 > bytes.Count)
        {
            return;
        }

        var bigEndian = at == 0 ? IsBigEndian(bytes) : IsBigEndian(bytes) ^ (_random.Next(8) == 0);
        var current = ReadSize(bytes, at + 4, bigEndian);
        var remaining = (uint)(bytes.Count - at - 8);
        uint[] choices =
        [
            current + 1, current - 1, current + 2, current | 1, current * 2, remaining, remaining + 1, remaining - 1,
            s_interesting32[_random.Next(s_interesting32.Length)], (uint)_random.Next(),
        ];
        var size = choices[_random.Next(choices.Length)];
        WriteSize(bytes, at + 4, size, bigEndian);
        Note($"size of chunk at {at}: {current} -> {size}");
    }

    private void SpliceChunk(List<byte> bytes, List<ChunkSpan> chunks)
    {
        var donor = _corpus[_random.Next(_corpus.Count)];
        var donorChunks = WalkChunks(donor);
        if (donorChunks.Count == 0)
        {
            return;
        }

        var piece = donorChunks[_random.Next(donorChunks.Count)];
        var slice = donor.AsSpan(piece.Offset, piece.Length).ToArray();
        var at = chunks.Count == 0 ? Math.Min(12, bytes.Count) : chunks[_random.Next(chunks.Count)].Offset;
        if (chunks.Count > 0 && _random.Next(2) == 0)
        {
            var replaced = chunks.First(c => c.Offset == at);
            bytes.RemoveRange(at, replaced.Length);
            Note($"replace chunk at {at} with a {slice.Length}-byte chunk from another seed");
        }
        else
        {
            Note($"insert a {slice.Length}-byte chunk from another seed at {at}");
        }

        bytes.InsertRange(at, slice);
    }

    private void InsertBytes(List<byte> bytes)
    {
        var at = Position(bytes.Count + 1);
        var count = _random.Next(1, 17);
        bytes.InsertRange(at, _random.Next(2) == 0 ? RandomBytes(count) : new byte[count]);
        Note($"insert {count} bytes at {at}");
    }

    private void DeleteBytes(List<byte> bytes)
    {
        var at = Position(bytes.Count);
        var count = Math.Min(_random.Next(1, 17), bytes.Count - at);
        bytes.RemoveRange(at, count);
        Note($"delete {count} bytes at {at}");
    }

    private void DuplicateChunk(List<byte> bytes, List<ChunkSpan> chunks)
    {
        if (chunks.Count == 0)
        {
            return;
        }

        var chunk = chunks[_random.Next(chunks.Count)];
        var copy = bytes.GetRange(chunk.Offset, chunk.Length);
        var target = chunks[_random.Next(chunks.Count)];
        var at = _random.Next(2) == 0 ? target.Offset : target.Offset + target.Length;
        bytes.InsertRange(at, copy);
        Note($"duplicate chunk at {chunk.Offset} to {at}");
    }

    private void RemoveChunk(List<byte> bytes, List<ChunkSpan> chunks)
    {
        if (chunks.Count == 0)
        {
            return;
        }

        var chunk = chunks[_random.Next(chunks.Count)];
        bytes.RemoveRange(chunk.Offset, chunk.Length);
        Note($"remove chunk at {chunk.Offset}");
    }

    private void SwapChunks(List<byte> bytes, List<ChunkSpan> chunks)
    {
        if (chunks.Count < 2)
        {
            return;
        }

        var first = _random.Next(chunks.Count - 1);
        var second = _random.Next(first + 1, chunks.Count);
        var a = chunks[first];
        var b = chunks[second];
        var aBytes = bytes.GetRange(a.Offset, a.Length);
        var between = bytes.GetRange(a.Offset + a.Length, b.Offset - (a.Offset + a.Length));
        var bBytes = bytes.GetRange(b.Offset, b.Length);
        bytes.RemoveRange(a.Offset, b.Offset + b.Length - a.Offset);
        bytes.InsertRange(a.Offset, [.. bBytes, .. between, .. aBytes]);
        Note($"swap chunks at {a.Offset} and {b.Offset}");
    }

    private void RenameChunk(List<byte> bytes, List<ChunkSpan> chunks)
    {
        var at = chunks.Count > 0 && _random.Next(4) != 0 ? chunks[_random.Next(chunks.Count)].Offset : 4 * _random.Next(4);
        var name = s_fourCCs[_random.Next(s_fourCCs.Length)];
        Write(bytes, at, System.Text.Encoding.ASCII.GetBytes(name));
        Note($"rename at {at} to '{name}'");
    }

    private void DropPadByte(List<byte> bytes, List<ChunkSpan> chunks)
    {
        var odd = chunks.Where(c => (c.Size & 1) == 1 && c.Offset + 8 + c.Size < bytes.Count).ToList();
        if (odd.Count == 0)
        {
            // Make one odd instead: shrink a chunk's stated size by one, leaving its last byte as a stray pad.
            OverwriteChunkSize(bytes, chunks);
            return;
        }

        var chunk = odd[_random.Next(odd.Count)];
        var pad = (int)(chunk.Offset + 8 + chunk.Size);
        bytes.RemoveAt(pad);
        Note($"drop pad byte at {pad}");
    }

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    private void Note(FormattableString mutation) => _log.Add(FormattableString.Invariant(mutation));
}

/// <summary>A chunk found by <see cref="Mutator.WalkChunks"/>: header offset, length with payload and pad (clipped to the file), stated size.</summary>
internal readonly record struct ChunkSpan(int Offset, int Length, uint Size);
