using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Wav;
using AudioPost.Sdk.Tests.Formats.Interop;

namespace AudioPost.Sdk.Tests.Formats.Wav;

/// <summary>
/// RF64/BW64 (EBU Tech 3306, REFERENCE.md §5.2): promotion past the 32-bit limit, reading ds64 sizes, bad ds64,
/// and one real file just over 4 GiB.
/// </summary>
public sealed class Rf64Tests
{
    private static readonly AudioSpec Stereo = new(48000, ChannelLayout.Stereo);

    [Fact]
    public void Write_PastTheThreshold_PromotesToRf64InPlace()
    {
        // A lowered threshold stands in for 4 GiB: the writer must turn JUNK into ds64 and mark every 32-bit size.
        var signal = TestSignals.Exact(SampleFormat.Pcm24, 2, 10_000);
        var file = WriteWithThreshold(signal, SampleFormat.Pcm24, threshold: 32_000);

        Assert.Equal("RF64", Encoding.ASCII.GetString(file, 0, 4));
        Assert.Equal(uint.MaxValue, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(4)));
        Assert.Equal("WAVE", Encoding.ASCII.GetString(file, 8, 4));
        Assert.Equal("ds64", Encoding.ASCII.GetString(file, 12, 4));
        Assert.Equal(28u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(16)));
        Assert.Equal((ulong)(file.Length - 8), BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(20)));
        Assert.Equal(60_000ul, BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(28)));
        Assert.Equal(10_000ul, BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(36)));
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(44)));
        var data = IndexOf(file, "data");
        Assert.Equal(uint.MaxValue, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(data + 4)));

        using var reader = WavDecoder.Instance.Open(new MemoryStream(file));
        Assert.Equal(10_000, reader.Info.Frames);
        Assert.Equal(signal, WavRoundTripTests.ReadAll(reader, 777));
    }

    [Fact]
    public void Write_BelowTheThreshold_StaysPlainRiffWithItsJunkChunk()
    {
        var file = WriteWithThreshold(TestSignals.Exact(SampleFormat.Pcm24, 2, 1000), SampleFormat.Pcm24, threshold: 1_000_000);

        Assert.Equal("RIFF", Encoding.ASCII.GetString(file, 0, 4));
        Assert.Equal("JUNK", Encoding.ASCII.GetString(file, 12, 4));
    }

    [Fact]
    public void Write_PromotedFile_FfmpegReadsEverySampleExactly()
    {
        FfmpegPeer.Require();
        using var directory = new TempDirectory();
        var path = directory.File("promoted.wav");
        var signal = TestSignals.Exact(SampleFormat.Float32, 2, 5000);
        File.WriteAllBytes(path, WriteWithThreshold(signal, SampleFormat.Float32, threshold: 10_000));

        var decoded = FfmpegPeer.DecodeToFloat(path);

        Assert.Equal(TestSignals.Interleave(signal, 2), decoded);
    }

    [Fact]
    public void Read_FfmpegRf64Always_ReadsEverySampleExactly()
    {
        FfmpegPeer.Require();
        using var directory = new TempDirectory();
        var path = directory.File("ffmpeg-rf64.wav");
        FfmpegPeer.Run("-f", "lavfi", "-i", "sine=frequency=997:sample_rate=48000:duration=0.5", "-ac", "2", "-c:a", "pcm_s24le", "-rf64", "always", path);
        Assert.Equal("RF64", Encoding.ASCII.GetString(File.ReadAllBytes(path), 0, 4));

        using var reader = AudioFormatRegistry.Default.OpenRead(path);
        var ours = TestSignals.Interleave(WavRoundTripTests.ReadAll(reader, 1000), 2);

        Assert.Equal(24_000, reader.Info.Frames);
        Assert.Equal(FfmpegPeer.DecodeToFloat(path), ours);
    }

    [Fact]
    public void Read_Bw64_IsReadLikeRf64()
    {
        var signal = TestSignals.Exact(SampleFormat.Pcm16, 2, 3000);
        var file = WriteWithThreshold(signal, SampleFormat.Pcm16, threshold: 100);
        "BW64"u8.CopyTo(file);

        using var reader = WavDecoder.Instance.Open(new MemoryStream(file));

        Assert.Equal(signal, WavRoundTripTests.ReadAll(reader, 1000));
    }

    public static TheoryData<string, byte[], long, string> BadDs64Files() => new()
    {
        { "ds64 too small", Rf64(WavBytes.Chunk("ds64", new byte[20])), 12, "bad 'ds64' chunk: 20 bytes, but it needs at least 28" },
        { "table longer than chunk", Rf64(WavBytes.Chunk("ds64", Ds64(1000, 400, 100, tableLength: 5))), 44, "its table claims 5 entries but the chunk holds 0" },
        { "data size past the end", Rf64(WavBytes.Chunk("ds64", Ds64(1000, 1_000_000, 100))), 72, "chunk 'data' claims 1000000 bytes but only 400 remain" },
        { "ds64 not first", [.. "RF64"u8, 0xFF, 0xFF, 0xFF, 0xFF, .. "WAVE"u8, .. WavBytes.Fmt(), .. WavBytes.Chunk("ds64", Ds64(1, 1, 1))], 12, "must start with a 'ds64' chunk" },
        { "no chunk at all", [.. "RF64"u8, 0xFF, 0xFF, 0xFF, 0xFF, .. "WAVE"u8], 12, "must start with a 'ds64' chunk" },
    };

    [Theory]
    [MemberData(nameof(BadDs64Files))]
    public void Open_BadDs64_ThrowsAudioFormatExceptionWithOffset(string name, byte[] file, long offset, string reason)
    {
        var exception = Assert.Throws<AudioFormatException>(() => WavDecoder.Instance.Open(new MemoryStream(file)));

        Assert.True(exception.Offset == offset, $"{name}: offset {exception.Offset}, expected {offset} ({exception.Message})");
        Assert.Contains(reason, exception.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_KilledAfterPromotion_SnapshotIsReadableUpToTheLastRefresh()
    {
        var signal = TestSignals.Exact(SampleFormat.Pcm16, 1, 4000);
        using var stream = new MemoryStream();
        var encoder = new WavEncoder(new WavEncoderOptions { HeaderRefreshInterval = TimeSpan.FromMilliseconds(1000), LargeFileThreshold = 2000 });
        var writer = encoder.Create(stream, new AudioSpec(1000, ChannelLayout.Mono), SampleFormat.Pcm16, new EncoderOptions { LeaveOpen = true });
        WavRoundTripTests.WriteInBlocks(writer, signal, 1, 500);
        writer.Write(TestSignals.Block(new float[300], 1));

        using var reader = WavDecoder.Instance.Open(new MemoryStream(stream.ToArray()));

        Assert.Equal("RF64", Encoding.ASCII.GetString(stream.GetBuffer(), 0, 4));
        Assert.Equal(4000, reader.Info.Frames);
        Assert.Equal(signal, WavRoundTripTests.ReadAll(reader, 999));
    }

    /// <summary>
    /// A real file just over 4 GiB: written by us, promoted by itself, read by ffmpeg and by us at its far end.
    /// Long (about a minute, 4.3 GB of disk), deleted afterwards; CI runs it.
    /// </summary>
    [Fact]
    [Trait("Category", "Long")]
    public void Write_JustOver4GiB_PromotesAndIsReadByFfmpegAndByUs()
    {
        FfmpegPeer.Require();
        using var directory = new TempDirectory();
        var path = directory.File("over-4gib.wav");
        const int BlockFrames = 1 << 16;
        const long Frames = (4L << 30) / 4 + (3 * BlockFrames); // 16-bit stereo: 4 bytes a frame, just past 4 GiB of data
        var planar = new float[2 * BlockFrames];
        var spec = new AudioSpec(48000, ChannelLayout.Stereo);
        using (var writer = AudioFormatRegistry.Default.Create(path, spec, SampleFormat.Pcm16))
        {
            for (long frame = 0; frame < Frames; frame += BlockFrames)
            {
                FillCounter(planar, frame, BlockFrames);
                writer.Write(new ReadOnlyAudioBlock(planar, 2, BlockFrames));
            }
        }

        var length = new FileInfo(path).Length;
        Assert.True(length > 4L << 30, $"{length} bytes");
        using (var stream = File.OpenRead(path))
        {
            Span<byte> head = stackalloc byte[48];
            stream.ReadExactly(head);
            Assert.Equal("RF64", Encoding.ASCII.GetString(head[..4]));
            Assert.Equal((ulong)(length - 8), BinaryPrimitives.ReadUInt64LittleEndian(head[20..]));
            Assert.Equal((ulong)Frames, BinaryPrimitives.ReadUInt64LittleEndian(head[36..]));
        }

        // Our reader, at the far end (past the 4 GiB a 32-bit size could reach).
        var tail = new float[2 * 1000];
        using (var reader = AudioFormatRegistry.Default.OpenRead(path))
        {
            Assert.Equal(Frames, reader.Info.Frames);
            reader.Seek(Frames - 1000);
            Assert.Equal(1000, reader.Read(new AudioBlock(tail, 2, 1000)));
        }

        var expected = new float[2 * 1000];
        FillCounter(expected, Frames - 1000, 1000);
        Assert.Equal(expected, tail);

        // ffmpeg: the duration it derives from ds64, and the last samples it decodes.
        var duration = double.Parse(
            FfmpegPeer.ProbeText("-show_entries", "stream=duration_ts", "-of", "csv=p=0", path).Trim(), CultureInfo.InvariantCulture);
        Assert.Equal(Frames, (long)duration);
        var seconds = ((double)(Frames - 1000) / 48000).ToString("F6", CultureInfo.InvariantCulture);
        var decoded = FfmpegPeer.DecodeToFloat(path, "-ss", seconds);
        Assert.InRange(decoded.Length, 1900, 2100);
        var offset = (int)(Frames - 1000 - (long)Math.Round(double.Parse(seconds, CultureInfo.InvariantCulture) * 48000));
        var interleaved = TestSignals.Interleave(expected, 2);
        var overlap = Math.Min(decoded.Length, interleaved.Length - (2 * offset));
        Assert.Equal(interleaved.AsSpan(2 * offset, overlap).ToArray(), decoded.AsSpan(0, overlap).ToArray());
    }

    // A signal that never repeats within the file, so a frame read at the wrong offset shows: each sample is the
    // frame index hashed onto the 16-bit grid.
    private static void FillCounter(float[] planar, long firstFrame, int frames)
    {
        for (var c = 0; c < 2; c++)
        {
            for (var i = 0; i < frames; i++)
            {
                var hash = (uint)((ulong)(firstFrame + i) * 2_654_435_761UL >> 7) + (uint)(c * 40503);
                planar[(c * frames) + i] = (short)hash / 32768f;
            }
        }
    }

    private static byte[] WriteWithThreshold(float[] signal, SampleFormat format, long threshold)
    {
        using var stream = new MemoryStream();
        var encoder = new WavEncoder(new WavEncoderOptions { LargeFileThreshold = threshold });
        using (var writer = encoder.Create(stream, Stereo, format, new EncoderOptions { LeaveOpen = true }))
        {
            WavRoundTripTests.WriteInBlocks(writer, signal, 2, 1024);
        }

        return stream.ToArray();
    }

    private static byte[] Rf64(byte[] ds64) =>
        [.. "RF64"u8, 0xFF, 0xFF, 0xFF, 0xFF, .. "WAVE"u8, .. ds64, .. WavBytes.Fmt(), .. WavBytes.Data(400, statedSize: uint.MaxValue)];

    private static byte[] Ds64(ulong riffSize, ulong dataSize, ulong sampleCount, uint tableLength = 0)
    {
        var payload = new byte[28];
        BinaryPrimitives.WriteUInt64LittleEndian(payload, riffSize);
        BinaryPrimitives.WriteUInt64LittleEndian(payload.AsSpan(8), dataSize);
        BinaryPrimitives.WriteUInt64LittleEndian(payload.AsSpan(16), sampleCount);
        BinaryPrimitives.WriteUInt32LittleEndian(payload.AsSpan(24), tableLength);
        return payload;
    }

    private static int IndexOf(byte[] file, string id) => file.AsSpan().IndexOf(Encoding.ASCII.GetBytes(id));
}
