using System.Buffers.Binary;
using System.Text;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Aiff;
using AudioPost.Sdk.Formats.Metadata;
using AudioPost.Sdk.Tests.Formats.Interop;
using AudioPost.Sdk.Tests.Formats.Wav;

namespace AudioPost.Sdk.Tests.Formats.Aiff;

/// <summary>The <c>MARK</c> chunk: writing <see cref="EncoderOptions.Metadata"/> markers, reading them back, and damage.</summary>
public sealed class AiffMarkerTests
{
    // In AiffBytes.Aiff(Comm(), Mark(...), ...): FORM 0..11, COMM 12..37, MARK header at 38, its payload at 46.
    private const int MarkHeader = 38;
    private const int MarkPayload = 46;

    private static readonly AudioSpec Spec = new(1000, ChannelLayout.Stereo);

    public static TheoryData<string, byte[], long, string> MalformedMarks() => new()
    {
        { "no count", MarkPayloadBytes(0)[..1], MarkHeader, "bad 'MARK' chunk: 1 bytes, too few for its marker count" },
        { "count beyond the chunk", [0, 3, .. Marker(1, 0, "a")], MarkHeader, "it claims 3 markers but 10 bytes hold at most 1" },
        { "all-ones count", [0xFF, 0xFF, .. Marker(1, 0, "a")], MarkHeader, "it claims 65535 markers" },
        { "name past the end", [0, 1, 0, 1, 0, 0, 0, 0, 200, (byte)'x'], MarkPayload + 2 + 6, "the name of marker 1 claims 200 bytes but only 1 remain" },
        { "second marker cut", [0, 2, .. Marker(1, 0, "abcdefghijklmnop"), 0, 2, 0, 0], MarkPayload + 2 + 24, "marker 2 of 2 runs past the end of the chunk" },
    };

    [Fact]
    public void Create_MarkersAndRegion_ReadBackWithPositionsAndLabels()
    {
        var markers = new List<AudioMarker>
        {
            new(700, "Chorus", length: 200),
            new(0, "Start"),
            new(250),
            new(999, "Ünïcödé ✓"),
        };

        var file = Write(markers, frames: 1000);

        using var reader = AiffDecoder.Instance.Open(new MemoryStream(file));
        Assert.Equal(1000, reader.Info.Frames);
        Assert.Equal(
            [new AudioMarker(0, "Start"), new AudioMarker(250), new AudioMarker(700, "Chorus"), new AudioMarker(900, "Chorus end"), new AudioMarker(999, "Ünïcödé ✓")],
            reader.Info.Metadata.Markers);
    }

    [Fact]
    public void Create_UnlabelledRegion_EndMarkerIsNamedEnd()
    {
        var file = Write([new AudioMarker(10, length: 5)], frames: 100);

        using var reader = AiffDecoder.Instance.Open(new MemoryStream(file));
        Assert.Equal([new AudioMarker(10), new AudioMarker(15, "end")], reader.Info.Metadata.Markers);
    }

    [Fact]
    public void Create_NoMarkers_WritesNoMarkChunk()
    {
        var file = Write([], frames: 10);

        Assert.True(file.AsSpan().IndexOf("MARK"u8) < 0);
        using var reader = AiffDecoder.Instance.Open(new MemoryStream(file));
        Assert.Same(AudioMetadata.Empty, reader.Info.Metadata);
    }

    [Fact]
    public void Create_MarkerListChangedAfterCreate_FileHasTheListAsItWasAtCreate()
    {
        var markers = new List<AudioMarker> { new(5, "kept") };
        using var stream = new MemoryStream();
        using (var writer = new AiffEncoder().Create(stream, Spec, SampleFormat.Pcm16, Options(markers)))
        {
            markers.Add(new AudioMarker(6, "added later"));
            markers[0] = new AudioMarker(7, "replaced later");
            writer.Write(new ReadOnlyAudioBlock(new float[20], 2, 10));
        }

        using var reader = AiffDecoder.Instance.Open(new MemoryStream(stream.ToArray()));
        Assert.Equal([new AudioMarker(5, "kept")], reader.Info.Metadata.Markers);
    }

    [Theory]
    [InlineData(uint.MaxValue + 1L, 0)]
    [InlineData(uint.MaxValue - 10L, 11)]
    public void Create_MarkerBeyondUInt32Frames_ThrowsNotSupportedBeforeWriting(long position, long length)
    {
        using var stream = new MemoryStream();

        var exception = Assert.Throws<NotSupportedException>(
            () => new AiffEncoder().Create(stream, Spec, SampleFormat.Pcm16, Options([new AudioMarker(position, "far", length)])));

        Assert.Contains("at most frame 4294967295", exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void Create_MarkerAtUInt32Max_IsAccepted()
    {
        using var stream = new MemoryStream();
        using var writer = new AiffEncoder().Create(stream, Spec, SampleFormat.Pcm16, Options([new AudioMarker(uint.MaxValue)]));
        Assert.Equal(0, writer.FramesWritten);
    }

    [Fact]
    public void Create_MoreThan32767Markers_ThrowsNotSupported()
    {
        var markers = Enumerable.Range(0, 16384).Select(i => new AudioMarker(i, length: 1)).ToList();

        var exception = Assert.Throws<NotSupportedException>(
            () => new AiffEncoder().Create(new MemoryStream(), Spec, SampleFormat.Pcm16, Options(markers)));

        Assert.Contains("at most 32767 markers; 32768 were given", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_LabelLongerThan255Bytes_IsCutOnACharacterBoundary()
    {
        // 128 ASCII bytes, then two-byte characters: byte 255 is the second byte of the 64th of them.
        var label = new string('a', 128) + new string('é', 100);

        var file = Write([new AudioMarker(1, label)], frames: 10);

        using var reader = AiffDecoder.Instance.Open(new MemoryStream(file));
        var read = Assert.Single(reader.Info.Metadata.Markers).Label!;
        Assert.Equal(254, Encoding.UTF8.GetByteCount(read));
        Assert.Equal(label[..read.Length], read);
    }

    [Fact]
    public void Open_MarkersPastTheEnd_AreClippedToTheFrameCountAndSorted()
    {
        var file = AiffBytes.Aiff(
            AiffBytes.Comm(frames: 4),
            AiffBytes.Ssnd(new byte[16]),
            AiffBytes.Chunk("MARK", [0, 3, .. Marker(1, 4_000_000_000, "late"), .. Marker(2, 3, "three"), .. Marker(3, 1, "")]));

        using var reader = AiffDecoder.Instance.Open(new MemoryStream(file));

        Assert.Equal([new AudioMarker(1), new AudioMarker(3, "three"), new AudioMarker(4, "late")], reader.Info.Metadata.Markers);
    }

    [Fact]
    public void Open_MarkNamesWithNulAndLatin1_AreReadAsText()
    {
        var file = AiffBytes.Aiff(
            AiffBytes.Comm(frames: 4),
            AiffBytes.Chunk("MARK", [0, 2, .. Marker(1, 0, "nul\0"), 0, 2, 0, 0, 0, 1, 3, (byte)'c', 0xE9, (byte)'!']),
            AiffBytes.Ssnd(new byte[16]));

        using var reader = AiffDecoder.Instance.Open(new MemoryStream(file));

        Assert.Equal([new AudioMarker(0, "nul"), new AudioMarker(1, "cé!")], reader.Info.Metadata.Markers);
    }

    [Fact]
    public void Open_SecondMarkChunk_IsIgnored()
    {
        var file = AiffBytes.Aiff(
            AiffBytes.Comm(frames: 4),
            AiffBytes.Chunk("MARK", [0, 1, .. Marker(1, 2, "first")]),
            AiffBytes.Ssnd(new byte[16]),
            AiffBytes.Chunk("MARK", [0, 1, .. Marker(1, 3, "second")]));

        using var reader = AiffDecoder.Instance.Open(new MemoryStream(file));

        Assert.Equal([new AudioMarker(2, "first")], reader.Info.Metadata.Markers);
    }

    [Theory]
    [MemberData(nameof(MalformedMarks))]
    public void Open_MalformedMark_ThrowsAudioFormatExceptionWithOffset(string name, byte[] payload, long offset, string reason)
    {
        var file = AiffBytes.Aiff(AiffBytes.Comm(frames: 4), AiffBytes.Chunk("MARK", payload), AiffBytes.Ssnd(new byte[16]));

        var exception = Assert.Throws<AudioFormatException>(() => AiffDecoder.Instance.Open(new MemoryStream(file)));

        Assert.True(exception.Offset == offset, $"{name}: offset {exception.Offset}, expected {offset} ({exception.Message})");
        Assert.Contains(reason, exception.Message, StringComparison.Ordinal);
        Assert.Contains("recovery mode skips damaged metadata", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(MalformedMarks))]
    public void Open_MalformedMarkInRecoveryMode_SkipsTheMarkersAndReadsTheAudio(string name, byte[] payload, long offset, string reason)
    {
        _ = (offset, reason);
        var file = AiffBytes.Aiff(AiffBytes.Comm(frames: 4), AiffBytes.Chunk("MARK", payload), AiffBytes.Ssnd(new byte[16]));

        using var reader = AiffDecoder.Instance.Open(new MemoryStream(file), new DecoderOptions { RecoveryMode = true });

        Assert.True(reader.Info.Metadata.Markers.Count == 0, name);
        Assert.Equal(4, reader.Info.Frames);
        Assert.Equal(4, reader.Read(new AudioBlock(new float[8], 2, 4)));
    }

    [Fact]
    public void Write_KilledWriterWithMarkers_TheSnapshotKeepsThem()
    {
        using var stream = new MemoryStream();
        var writer = new AiffEncoder().Create(stream, Spec, SampleFormat.Pcm16, Options([new AudioMarker(3, "take")]));
        writer.Write(new ReadOnlyAudioBlock(new float[20], 2, 10));
        writer.Flush();

        using var reader = AiffDecoder.Instance.Open(new MemoryStream(stream.ToArray()));
        Assert.Equal(10, reader.Info.Frames);
        Assert.Equal([new AudioMarker(3, "take")], reader.Info.Metadata.Markers);
        writer.Dispose();
    }

    [Theory]
    [InlineData(SampleFormat.Pcm16, AiffVariant.Automatic)]
    [InlineData(SampleFormat.Pcm24, AiffVariant.AiffC)]
    [InlineData(SampleFormat.Pcm16, AiffVariant.AiffCLittleEndian)]
    public void Create_WithMarkers_SoxDecodesTheSamplesExactly(SampleFormat format, AiffVariant variant)
    {
        SoxPeer.Require();
        using var directory = new TempDirectory();
        var path = directory.File(variant == AiffVariant.Automatic ? "marks.aiff" : "marks.aifc");
        const int Frames = 4410;
        var signal = TestSignals.Exact(format, 2, Frames);
        var markers = Enumerable.Range(0, 20).Select(i => new AudioMarker(i * 200, $"Marker {i}", length: i % 3 == 0 ? 50 : 0)).ToList();
        var encoder = new AiffEncoder(new AiffEncoderOptions { Variant = variant });
        using (var writer = encoder.Create(File.Create(path), new AudioSpec(44100, ChannelLayout.Stereo), format, Options(markers, leaveOpen: false)))
        {
            WavRoundTripTests.WriteInBlocks(writer, signal, 2, blockFrames: 512);
            writer.Complete();
        }

        Assert.True(File.ReadAllBytes(path).AsSpan().IndexOf("MARK"u8) > 0);
        Assert.Equal(Frames, SoxPeer.SoxiNumber("-s", path));
        Assert.Equal(TestSignals.Interleave(signal, 2), SoxPeer.DecodeToFloat(path));
    }

    private static EncoderOptions Options(IReadOnlyList<AudioMarker> markers, bool leaveOpen = true) =>
        new() { LeaveOpen = leaveOpen, Metadata = new AudioMetadata { Markers = markers } };

    private static byte[] Write(IReadOnlyList<AudioMarker> markers, int frames)
    {
        using var stream = new MemoryStream();
        using (var writer = new AiffEncoder().Create(stream, Spec, SampleFormat.Pcm16, Options(markers)))
        {
            writer.Write(new ReadOnlyAudioBlock(new float[frames * 2], 2, frames));
        }

        return stream.ToArray();
    }

    /// <summary>One MARK entry: id, position, Pascal-string name padded to an even length.</summary>
    private static byte[] Marker(short id, uint position, string name)
    {
        var text = Encoding.Latin1.GetBytes(name);
        var entry = new byte[6 + 1 + text.Length + ((1 + text.Length) & 1)];
        BinaryPrimitives.WriteInt16BigEndian(entry, id);
        BinaryPrimitives.WriteUInt32BigEndian(entry.AsSpan(2), position);
        entry[6] = (byte)text.Length;
        text.CopyTo(entry, 7);
        return entry;
    }

    private static byte[] MarkPayloadBytes(ushort count)
    {
        var payload = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(payload, count);
        return payload;
    }
}
