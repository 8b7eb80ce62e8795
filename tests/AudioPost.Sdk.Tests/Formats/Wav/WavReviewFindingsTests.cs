using System.Buffers.Binary;
using System.Text;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Metadata;
using AudioPost.Sdk.Formats.Wav;

namespace AudioPost.Sdk.Tests.Formats.Wav;

/// <summary>A MemoryStream that records the whole content after every write: each snapshot is a state a kill -9
/// could leave on disk (FileStream flushes its buffer on every seek, so each patch reaches the OS on its own).</summary>
internal sealed class SnapshotStream : MemoryStream
{
    public List<byte[]> Snapshots { get; } = [];

    public override void Write(byte[] buffer, int offset, int count)
    {
        base.Write(buffer, offset, count);
        Snapshots.Add(ToArray());
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        base.Write(buffer);
        Snapshots.Add(ToArray());
    }

    public override void WriteByte(byte value)
    {
        base.WriteByte(value);
        Snapshots.Add(ToArray());
    }
}

/// <summary>
/// Findings of the format review, each proven by a test that failed before its fix: crash states during RF64
/// promotion and the final refresh, recovery edge cases, metadata immutability and tolerance of common writer bugs.
/// </summary>
public sealed class WavReviewFindingsTests
{
    private static readonly DecoderOptions Recovery = new() { RecoveryMode = true };

    // F1: the RF64 promotion writes "RF64" before it turns JUNK into ds64: a kill in between leaves an RF64 file whose
    // first chunk is JUNK, which the reader rejects even in recovery mode.
    [Fact]
    public void Rf64Promotion_EveryIntermediateState_IsReadableInRecoveryMode()
    {
        var signal = TestSignals.Exact(SampleFormat.Pcm16, 2, 4000);
        using var stream = new SnapshotStream();
        var encoder = new WavEncoder(new WavEncoderOptions { LargeFileThreshold = 8_000, HeaderRefreshInterval = TimeSpan.FromSeconds(1) });
        using (var writer = encoder.Create(stream, new AudioSpec(1000, ChannelLayout.Stereo), SampleFormat.Pcm16, new EncoderOptions { LeaveOpen = true, BufferSize = 400 }))
        {
            WavRoundTripTests.WriteInBlocks(writer, signal, 2, 100);
        }

        var failures = new List<string>();
        for (var i = 0; i < stream.Snapshots.Count; i++)
        {
            var snapshot = stream.Snapshots[i];
            try
            {
                using var reader = WavDecoder.Instance.Open(new MemoryStream(snapshot), Recovery);
            }
            catch (AudioFormatException e)
            {
                failures.Add($"snapshot {i} ({Encoding.ASCII.GetString(snapshot, 0, 4)}/{Encoding.ASCII.GetString(snapshot, 12, 4)}): {e.Message}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    // F2: the last refresh writes cue/LIST after the audio before it patches the sizes; recovery then takes those
    // chunks (cut short by the stale data size) for audio.
    [Fact]
    public void FinalRefreshWithMarkers_EveryIntermediateState_RecoveryNeverReadsMoreFramesThanWritten()
    {
        var signal = TestSignals.Exact(SampleFormat.Pcm16, 2, 2500);
        using var stream = new SnapshotStream();
        var metadata = new AudioMetadata { Markers = [new AudioMarker(10, "Slate"), new AudioMarker(100, "Take", 50) { Note = "good" }] };
        var encoder = new WavEncoder(new WavEncoderOptions { HeaderRefreshInterval = TimeSpan.FromSeconds(1) });
        using (var writer = encoder.Create(stream, new AudioSpec(1000, ChannelLayout.Stereo), SampleFormat.Pcm16, new EncoderOptions { LeaveOpen = true, BufferSize = 400, Metadata = metadata }))
        {
            WavRoundTripTests.WriteInBlocks(writer, signal, 2, 100);
        }

        var failures = new List<string>();
        for (var i = 0; i < stream.Snapshots.Count; i++)
        {
            using var reader = WavDecoder.Instance.Open(new MemoryStream(stream.Snapshots[i]), Recovery);
            if (reader.Info.Frames > 2500)
            {
                failures.Add($"snapshot {i}: {reader.Info.Frames} frames");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    // F3: frames written after the last refresh whose first four bytes happen to be printable ASCII (a loud sample)
    // and whose next four make a size past the end are not recovered: only TruncatedHeader or a non-printable id
    // counts as "audio behind the stale size".
    [Fact]
    public void Recovery_FramesAfterLastRefreshThatLookPrintable_AreRecovered()
    {
        const int Rate = 1000;
        var left = 0x6261 / 32768f;   // bytes 61 62 = "ab"
        var right = 0x6463 / 32768f;  // bytes 63 64 = "cd"
        var planar = new float[2 * 1500];
        for (var i = 0; i < 1500; i++)
        {
            planar[i] = i < 1000 ? 0.001f * (i % 7) : left;
            planar[1500 + i] = i < 1000 ? -0.001f * (i % 5) : right;
        }

        using var stream = new MemoryStream();
        var encoder = new WavEncoder(new WavEncoderOptions { HeaderRefreshInterval = TimeSpan.FromSeconds(1) });
        var writer = encoder.Create(stream, new AudioSpec(Rate, ChannelLayout.Stereo), SampleFormat.Pcm16, new EncoderOptions { LeaveOpen = true, BufferSize = 400 });
        WavRoundTripTests.WriteInBlocks(writer, planar, 2, 100);

        // Killed: 1000 frames covered by the refresh, ~500 more on disk.
        var snapshot = stream.ToArray();
        using var recovered = WavDecoder.Instance.Open(new MemoryStream(snapshot), Recovery);
        Assert.True(recovered.Info.Frames > 1000, $"recovered only {recovered.Info.Frames} frames of {(snapshot.Length - 44 - 36) / 4}+ on disk");
    }

    // F4: markers are validated at Create but serialised at Complete from the caller's (mutable) list.
    [Fact]
    public void Markers_AddedToTheCallersListAfterCreate_AreWrittenTruncated()
    {
        var markers = new List<AudioMarker> { new(10, "a") };
        using var stream = new MemoryStream();
        using (var writer = new WavEncoder().Create(
            stream, new AudioSpec(48000, ChannelLayout.Mono), SampleFormat.Pcm16, new EncoderOptions { LeaveOpen = true, Metadata = new AudioMetadata { Markers = markers } }))
        {
            markers.Add(new AudioMarker(5_000_000_000, "far"));
            writer.Write(TestSignals.Block(new float[100], 1));
        }

        stream.Position = 0;
        using var reader = WavDecoder.Instance.Open(stream);
        // 5e9 was refused at Create time; added later it is silently written as 5e9 mod 2^32 = 705032704 and then
        // clipped to the file's end.
        Assert.DoesNotContain(reader.Info.Metadata.Markers, m => m.Label == "far");
    }

    // F5: CodingHistory was not checked like the other text fields: non-Latin-1 text became '?' silently. Now it is
    // refused when set, and Latin-1 text round-trips.
    [Fact]
    public void CodingHistory_NonLatin1_IsRefusedAndLatin1RoundTrips()
    {
        Assert.Throws<ArgumentException>(() => new BroadcastExtension { CodingHistory = "A=PCM,T=Überspielung → Master\r\n" });

        var bext = new BroadcastExtension { CodingHistory = "A=PCM,T=Überspielung Master\r\n" };
        using var stream = new MemoryStream();
        using (var writer = new WavEncoder().Create(
            stream, new AudioSpec(48000, ChannelLayout.Mono), SampleFormat.Pcm16, new EncoderOptions { LeaveOpen = true, Metadata = new AudioMetadata { Broadcast = bext } }))
        {
        }

        stream.Position = 0;
        using var reader = WavDecoder.Instance.Open(stream);
        Assert.Equal(bext.CodingHistory, reader.Info.Metadata.Broadcast!.CodingHistory);
    }

    // F6: one unpadded odd-sized labl inside LIST/adtl (written that way by several tools) makes the whole file
    // unreadable in the default mode.
    [Fact]
    public void UnpaddedAdtlEntry_DoesNotMakeTheAudioUnreadable()
    {
        var cue = new byte[4 + 24];
        BinaryPrimitives.WriteUInt32LittleEndian(cue, 1);
        BinaryPrimitives.WriteUInt32LittleEndian(cue.AsSpan(4), 1);
        Encoding.ASCII.GetBytes("data").CopyTo(cue, 12);

        // labl for cue 1 with text "abc\0" + id = 8 bytes... make it odd: "ab\0" -> size 7, no pad byte.
        var labl = new List<byte>();
        labl.AddRange(Encoding.ASCII.GetBytes("labl"));
        labl.AddRange(BitConverter.GetBytes(7u));
        labl.AddRange(BitConverter.GetBytes(1u));
        labl.AddRange("ab\0"u8.ToArray());
        var note = new List<byte>();
        note.AddRange(Encoding.ASCII.GetBytes("note"));
        note.AddRange(BitConverter.GetBytes(8u));
        note.AddRange(BitConverter.GetBytes(1u));
        note.AddRange("xyz\0"u8.ToArray());
        byte[] adtl = [.. "adtl"u8, .. labl, .. note];

        var file = WavBytes.Wav(WavBytes.Fmt(), WavBytes.Data(400), WavBytes.Chunk("cue ", cue), WavBytes.Chunk("LIST", adtl));
        using var reader = WavDecoder.Instance.Open(new MemoryStream(file));
        Assert.Equal(100, reader.Info.Frames);
    }

    // F7: AudioMetadata is a record whose Markers list compares by reference: two reads of one file are not equal.
    // F10: iXML in a legacy encoding (not valid UTF-8) and with a BOM and NUL padding comes back byte for byte.
    [Fact]
    public void IXml_Latin1WithPadding_IsWrittenBackByteForByte()
    {
        byte[] ixml = [0xEF, 0xBB, 0xBF, .. Encoding.Latin1.GetBytes("<BWFXML><NOTE>Bühne</NOTE></BWFXML>"), 0, 0, 0];
        var file = WavBytes.Wav(WavBytes.Fmt(), WavBytes.Chunk("iXML", ixml), WavBytes.Data(40));
        var metadata = BwfMetadataTests.ReadInfo(file).Metadata;
        Assert.Equal("Bühne", metadata.IXml!.Note);

        var written = BwfMetadataTests.Write(metadata);
        var at = written.AsSpan().IndexOf("iXML"u8);
        Assert.Equal(ixml.Length, BinaryPrimitives.ReadInt32LittleEndian(written.AsSpan(at + 4)));
        Assert.Equal(ixml, written.AsSpan(at + 8, ixml.Length).ToArray());
    }

    // F11: a version 2 bext whose loudness fields all say "unknown" keeps version 2 through a read and write.
    [Fact]
    public void Bext_Version2WithUnknownLoudness_KeepsItsVersion()
    {
        var read = BwfMetadataTests.ReadInfo(BwfMetadataTests.Write(new AudioMetadata { Broadcast = new BroadcastExtension { Version = 2 } })).Metadata.Broadcast!;

        Assert.Equal((ushort)2, read.Version);
        Assert.False(read.HasLoudness);
        Assert.Equal(read, BwfMetadataTests.ReadInfo(BwfMetadataTests.Write(new AudioMetadata { Broadcast = read })).Metadata.Broadcast);
    }

    // F13: an odd-sized data chunk without its pad byte: the LIST after it is still found, also in recovery mode.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OddDataWithoutPad_FollowingChunkIsStillFound(bool recovery)
    {
        var fmt = WavBytes.Fmt(channels: 1, bits: 8);
        byte[] data = [.. "data"u8, 5, 0, 0, 0, 1, 2, 3, 4, 5];
        var cue = new byte[4 + 24];
        BinaryPrimitives.WriteUInt32LittleEndian(cue, 1);
        BinaryPrimitives.WriteUInt32LittleEndian(cue.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(cue.AsSpan(24), 2);
        var file = WavBytes.Wav(fmt, data, WavBytes.Chunk("cue ", cue), WavBytes.Chunk("LIST", [.. "adtl"u8, .. WavBytes.Chunk("labl", [1, 0, 0, 0, .. "hit\0"u8])]));

        using var reader = WavDecoder.Instance.Open(new MemoryStream(file), new DecoderOptions { RecoveryMode = recovery });

        Assert.Equal(5, reader.Info.Frames);
        Assert.Equal([new AudioMarker(2, "hit")], reader.Info.Metadata.Markers);
    }

    [Fact]
    public void AudioMetadata_SameContent_IsEqual()
    {
        var a = new AudioMetadata { Markers = [new AudioMarker(1, "x")] };
        var b = new AudioMetadata { Markers = [new AudioMarker(1, "x")] };
        Assert.Equal(a, b);
    }
}

public sealed class WavReviewFindingsRf64Tests
{
    // F8: an RF64 whose ds64 sizes were never patched (0, as a streaming/killed RF64-from-the-start writer leaves them)
    // is rejected as "missing fmt" by default: ds64 riffSize 0 is taken literally, unlike RIFF size 0.
    [Fact]
    public void Rf64WithZeroDs64Sizes_DefaultMode_IsReadOrNamesTheRealProblem()
    {
        var ds64 = new byte[28];
        byte[] file = [.. "RF64"u8, 0xFF, 0xFF, 0xFF, 0xFF, .. "WAVE"u8, .. WavBytes.Chunk("ds64", ds64), .. WavBytes.Fmt(), .. WavBytes.Data(400, statedSize: uint.MaxValue)];
        var e = Record.Exception(() => WavDecoder.Instance.Open(new MemoryStream(file)).Dispose());
        Assert.Null(e);
    }
}
