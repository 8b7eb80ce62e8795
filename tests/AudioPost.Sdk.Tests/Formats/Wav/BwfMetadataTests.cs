using System.Buffers.Binary;
using System.Text;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Metadata;
using AudioPost.Sdk.Formats.Wav;
using AudioPost.Sdk.Tests.Formats.Interop;

namespace AudioPost.Sdk.Tests.Formats.Wav;

public sealed class BwfMetadataTests
{
    private static readonly AudioSpec Stereo48k = new(48000, ChannelLayout.Stereo);

    private static BroadcastExtension FullBext() => new BroadcastExtension
    {
        Description = "Scene 12B take 3: harbour ambience, boom and lav",
        Originator = "AudioPost.Sdk tests",
        OriginatorReference = "USID-0123456789ABCDEF",
        TimeReference = 8_294_304_000, // 23:59:59 at 96 kHz: needs both 32-bit words (REFERENCE.md §5.1)
        Umid = Enumerable.Range(1, 64).Select(i => (byte)i).ToArray(),
        LoudnessValue = -23.00,
        LoudnessRange = 7.25,
        MaxTruePeakLevel = -1.00,
        MaxMomentaryLoudness = -15.37,
        MaxShortTermLoudness = -18.50,
        CodingHistory = "A=PCM,F=48000,W=24,M=stereo,T=AudioPost.Sdk tests\r\n",
    }.WithOrigination(new DateTime(2026, 11, 24, 7, 15, 30));

    [Fact]
    public void WriteThenRead_FullBextVersion2_EveryFieldRoundTrips()
    {
        var bext = FullBext();
        var file = Write(new AudioMetadata { Broadcast = bext });

        var read = ReadInfo(file).Metadata.Broadcast;

        Assert.NotNull(read);
        Assert.Equal((ushort)2, read.Version);
        Assert.Equal(bext with { Version = 2 }, read);
        Assert.Equal("2026-11-24", read.OriginationDate);
        Assert.Equal("07:15:30", read.OriginationTime);
        Assert.True(read.TryGetOrigination(out var origination));
        Assert.Equal(new DateTime(2026, 11, 24, 7, 15, 30), origination);
    }

    [Fact]
    public void Write_LoudnessFields_AreTheReferenceBytes()
    {
        // REFERENCE.md §5.1 encoding examples, and both TimeReference words of 23:59:59 at 96 kHz.
        var payload = BextPayload(Write(new AudioMetadata { Broadcast = FullBext() }));

        Assert.Equal(3_999_336_704u, BinaryPrimitives.ReadUInt32LittleEndian(payload.AsSpan(338)));
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(payload.AsSpan(342)));
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(payload.AsSpan(346)));
        Assert.Equal(new byte[] { 0x04, 0xF7 }, payload[412..414]); // -23.00 LUFS
        Assert.Equal(new byte[] { 0xD5, 0x02 }, payload[414..416]); // 7.25 LU
        Assert.Equal(new byte[] { 0x9C, 0xFF }, payload[416..418]); // -1.00 dBTP
        Assert.Equal(new byte[] { 0xFF, 0xF9 }, payload[418..420]); // -15.37 LUFS
        Assert.Equal(new byte[] { 0xC6, 0xF8 }, payload[420..422]); // -18.50 LUFS
        Assert.All(payload[422..602], b => Assert.Equal(0, b));
        Assert.Equal("A=PCM,F=48000,W=24,M=stereo,T=AudioPost.Sdk tests\r\n", Encoding.ASCII.GetString(payload[602..]));
    }

    [Theory]
    [InlineData(-16.04, new byte[] { 0xBC, 0xF9 })]
    [InlineData(-16.045, new byte[] { 0xBB, 0xF9 })] // rounded (ties away from zero) to -16.05, not truncated to -16.04
    public void Write_LoudnessValue_IsRoundedToHundredths(double lufs, byte[] expected)
    {
        var payload = BextPayload(Write(new AudioMetadata { Broadcast = new BroadcastExtension { LoudnessValue = lufs } }));

        Assert.Equal(expected, payload[412..414]);
    }

    [Fact]
    public void Write_UnmeasuredLoudnessFields_Are7FFFAndReadBackAsNull()
    {
        var file = Write(new AudioMetadata { Broadcast = new BroadcastExtension { LoudnessValue = -16.0 } });
        var payload = BextPayload(file);

        Assert.Equal(new byte[] { 0xFF, 0x7F }, payload[414..416]);
        var read = ReadInfo(file).Metadata.Broadcast!;
        Assert.Equal(-16.0, read.LoudnessValue);
        Assert.Null(read.LoudnessRange);
        Assert.Null(read.MaxTruePeakLevel);
    }

    [Theory]
    [InlineData(false, false, 0)]
    [InlineData(true, false, 1)]
    [InlineData(true, true, 2)]
    [InlineData(false, true, 2)]
    public void Write_Version_IsTheLowestThatHoldsTheContent(bool umid, bool loudness, int expected)
    {
        var bext = new BroadcastExtension
        {
            Umid = umid ? new byte[32].Select((_, i) => (byte)(i + 1)).ToArray() : ReadOnlyMemory<byte>.Empty,
            LoudnessRange = loudness ? 3.5 : null,
        };

        var payload = BextPayload(Write(new AudioMetadata { Broadcast = bext }));

        Assert.Equal(expected, BinaryPrimitives.ReadUInt16LittleEndian(payload.AsSpan(346)));
        Assert.Equal(602, payload.Length);
    }

    [Fact]
    public void Read_Version0_IgnoresUmidAndLoudnessBytes()
    {
        var payload = BextPayload(Write(new AudioMetadata { Broadcast = FullBext() }));
        BinaryPrimitives.WriteUInt16LittleEndian(payload.AsSpan(346), 0);
        var file = WavBytes.Wav(WavBytes.Fmt(), WavBytes.Chunk("bext", payload), WavBytes.Data(8));

        var read = ReadInfo(file).Metadata.Broadcast!;

        Assert.Equal((ushort)0, read.Version);
        Assert.True(read.Umid.IsEmpty);
        Assert.False(read.HasLoudness);
        Assert.Equal(FullBext().Description, read.Description);
        Assert.Equal(8_294_304_000ul, read.TimeReference);
    }

    [Fact]
    public void Read_Version1_ReadsUmidButNotLoudness()
    {
        var payload = BextPayload(Write(new AudioMetadata { Broadcast = FullBext() }));
        BinaryPrimitives.WriteUInt16LittleEndian(payload.AsSpan(346), 1);
        var file = WavBytes.Wav(WavBytes.Fmt(), WavBytes.Chunk("bext", payload), WavBytes.Data(8));

        var read = ReadInfo(file).Metadata.Broadcast!;

        Assert.Equal(FullBext().Umid.ToArray(), read.Umid.ToArray());
        Assert.False(read.HasLoudness);
    }

    [Fact]
    public void Read_FullWidthTextFields_HaveNoTerminatorAndKeepEveryCharacter()
    {
        var description = new string('d', 256);
        var originator = new string('o', 32);
        var file = Write(new AudioMetadata { Broadcast = new BroadcastExtension { Description = description, Originator = originator, OriginationDate = "2026:11:24", OriginationTime = "07-15-30" } });

        var read = ReadInfo(file).Metadata.Broadcast!;

        Assert.Equal(description, read.Description);
        Assert.Equal(originator, read.Originator);
        Assert.True(read.TryGetOrigination(out var origination));
        Assert.Equal(new DateTime(2026, 11, 24, 7, 15, 30), origination);
    }

    [Fact]
    public void BroadcastExtension_TooLongOrUnencodableText_IsRefusedWhenSet()
    {
        Assert.Throws<ArgumentException>(() => new BroadcastExtension { Description = new string('x', 257) });
        Assert.Throws<ArgumentException>(() => new BroadcastExtension { Originator = "\u65E5\u672C" });
        Assert.Throws<ArgumentOutOfRangeException>(() => new BroadcastExtension { LoudnessValue = 400 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new BroadcastExtension { MaxTruePeakLevel = double.NaN });
        Assert.Throws<ArgumentException>(() => new BroadcastExtension { Umid = new byte[10] });
    }

    [Fact]
    public void WriteThenRead_IXml_TypedFieldsAndUnknownElementsSurvive()
    {
        const string Source = """
            <?xml version="1.0" encoding="UTF-8"?>
            <BWFXML><IXML_VERSION>2.10</IXML_VERSION><PROJECT>Harbour</PROJECT><SCENE>12B</SCENE><TAKE>3</TAKE>
            <TAPE>R07</TAPE><CIRCLED>TRUE</CIRCLED><NOTE>plane at end — retake</NOTE>
            <VENDOR_THING attr="kept"><DEEP>value</DEEP></VENDOR_THING>
            <SPEED><TIMECODE_RATE>30000/1001</TIMECODE_RATE><TIMECODE_FLAG>DF</TIMECODE_FLAG><FILE_SAMPLE_RATE>48000</FILE_SAMPLE_RATE>
            <TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_HI>0</TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_HI>
            <TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_LO>172799827</TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_LO>
            <TIMESTAMP_SAMPLE_RATE>48000</TIMESTAMP_SAMPLE_RATE></SPEED>
            <TRACK_LIST><TRACK_COUNT>2</TRACK_COUNT>
            <TRACK><CHANNEL_INDEX>1</CHANNEL_INDEX><INTERLEAVE_INDEX>1</INTERLEAVE_INDEX><NAME>Boom</NAME></TRACK>
            <TRACK><CHANNEL_INDEX>2</CHANNEL_INDEX><INTERLEAVE_INDEX>2</INTERLEAVE_INDEX><NAME>Lav</NAME><FUNCTION>RIGHT</FUNCTION></TRACK>
            </TRACK_LIST></BWFXML>
            """;
        var ixml = IXmlMetadata.Parse(Source);

        var read = ReadInfo(Write(new AudioMetadata { IXml = ixml })).Metadata.IXml!;

        Assert.Equal(Source, read.Xml);
        Assert.True(read.IsWellFormed);
        Assert.Equal("Harbour", read.Project);
        Assert.Equal("12B", read.Scene);
        Assert.Equal("3", read.Take);
        Assert.Equal("R07", read.Tape);
        Assert.True(read.Circled);
        Assert.Equal("plane at end — retake", read.Note);
        Assert.Equal("30000/1001", read.TimecodeRate);
        Assert.Equal("DF", read.TimecodeFlag);
        Assert.Equal(48000, read.FileSampleRate);
        Assert.Equal(172_799_827ul, read.TimestampSamplesSinceMidnight);
        Assert.Equal([new IXmlTrack(1, 1, "Boom"), new IXmlTrack(2, 2, "Lav", "RIGHT")], read.Tracks);

        // Editing one element keeps the vendor's.
        var edited = read.WithValue("SCENE", "12C").WithTimestamp(1_728_000_000, 48000);
        Assert.Equal("12C", edited.Scene);
        Assert.Equal(1_728_000_000ul, edited.TimestampSamplesSinceMidnight);
        Assert.Equal("value", edited.GetValue("VENDOR_THING/DEEP"));
        Assert.Contains("attr=\"kept\"", edited.Xml, StringComparison.Ordinal);
        Assert.Equal("Harbour", edited.Project);
    }

    [Fact]
    public void Read_MalformedIXml_IsKeptAsTextAndWrittenBackUnchanged()
    {
        const string Broken = "<BWFXML><PROJECT>Harbour</PROJ";

        var read = ReadInfo(Write(new AudioMetadata { IXml = IXmlMetadata.Parse(Broken) })).Metadata.IXml!;

        Assert.False(read.IsWellFormed);
        Assert.Null(read.Project);
        Assert.Equal(Broken, read.Xml);
        Assert.Throws<InvalidOperationException>(() => read.WithValue("SCENE", "1"));
    }

    [Fact]
    public void Parse_IXmlWithDtd_IsNotExpanded()
    {
        const string Bomb = """<?xml version="1.0"?><!DOCTYPE BWFXML [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><BWFXML><PROJECT>&b;</PROJECT></BWFXML>""";

        var ixml = IXmlMetadata.Parse(Bomb);

        Assert.False(ixml.IsWellFormed);
        Assert.Null(ixml.Project);
    }

    [Fact]
    public void IXml_WithTracksAndTimecodeRate_WritesConsistentElements()
    {
        var ixml = IXmlMetadata.Create()
            .WithTimecodeRate(25, 1, dropFrame: false)
            .WithTracks([new IXmlTrack(1, 1, "Boom"), new IXmlTrack(2, 2, "Lav 1")]);

        Assert.Equal("25/1", ixml.TimecodeRate);
        Assert.Equal("NDF", ixml.TimecodeFlag);
        Assert.Equal("2", ixml.GetValue("TRACK_LIST/TRACK_COUNT"));
        Assert.Equal(2, ixml.Tracks.Count);
        Assert.Equal("2.10", ixml.GetValue("IXML_VERSION"));
    }

    [Fact]
    public void WriteThenRead_MarkersAndRegions_RoundTripInOrder()
    {
        AudioMarker[] markers =
        [
            new(4800, "Region A", 2400) { Note = "breath" },
            new(0, "Start"),
            new(9000, "Überschrift"),
            new(12000),
        ];

        var read = ReadInfo(Write(new AudioMetadata { Markers = markers }, frames: 48000)).Metadata.Markers;

        Assert.Equal([markers[1], markers[0], markers[2], markers[3]], read);
        Assert.True(read[1].IsRegion);
    }

    [Fact]
    public void Read_MetadataAfterData_IsFound()
    {
        // Recorders often append bext and iXML after the audio; the cue chunk here comes first, its labels last.
        var bext = BextPayload(Write(new AudioMetadata { Broadcast = FullBext() }));
        var cue = new byte[4 + 24];
        BinaryPrimitives.WriteUInt32LittleEndian(cue, 1);
        BinaryPrimitives.WriteUInt32LittleEndian(cue.AsSpan(4), 7);
        BinaryPrimitives.WriteUInt32LittleEndian(cue.AsSpan(4 + 20), 3);
        byte[] label = [.. "adtl"u8, .. WavBytes.Chunk("labl", [7, 0, 0, 0, .. "Hit"u8, 0])];
        var file = WavBytes.Wav(
            WavBytes.Fmt(),
            WavBytes.Chunk("cue ", cue),
            WavBytes.Data(16),
            WavBytes.Chunk("bext", bext),
            WavBytes.Chunk("iXML", Encoding.UTF8.GetBytes("<BWFXML><SCENE>4</SCENE></BWFXML>")),
            WavBytes.Chunk("LIST", label));

        var metadata = ReadInfo(file).Metadata;

        Assert.Equal(FullBext().Description, metadata.Broadcast?.Description);
        Assert.Equal("4", metadata.IXml?.Scene);
        Assert.Equal([new AudioMarker(3, "Hit")], metadata.Markers);
    }

    [Fact]
    public void Write_AllMetadata_SoxStillReadsTheSamplesExactly()
    {
        SoxPeer.Require();
        using var directory = new TempDirectory();
        var path = directory.File("bwf.wav");
        var signal = TestSignals.Exact(SampleFormat.Pcm24, 2, 4800);
        var metadata = new AudioMetadata
        {
            Broadcast = FullBext(),
            IXml = IXmlMetadata.Create().WithValue("PROJECT", "Harbour"),
            Markers = [new AudioMarker(100, "one"), new AudioMarker(200, "two", 50)],
        };
        using (var writer = AudioFormatRegistry.Default.Create(path, Stereo48k, SampleFormat.Pcm24, null, new EncoderOptions { Metadata = metadata }))
        {
            writer.Write(TestSignals.Block(signal, 2));
        }

        var decoded = SoxPeer.DecodeToFloat(path);

        Assert.Equal(TestSignals.Interleave(signal, 2), decoded);
    }

    [Fact]
    public void Read_DamagedCueChunk_IsTypedErrorOrSkippedInRecoveryMode()
    {
        var cue = new byte[4 + 24];
        BinaryPrimitives.WriteUInt32LittleEndian(cue, 1000);
        var file = WavBytes.Wav(WavBytes.Fmt(), WavBytes.Data(16), WavBytes.Chunk("cue ", cue));

        var exception = Assert.Throws<AudioFormatException>(() => WavDecoder.Instance.Open(new MemoryStream(file)));
        Assert.Equal(60, exception.Offset);
        Assert.Contains("bad 'cue ' chunk: it claims 1000 cue points but holds 1", exception.Reason, StringComparison.Ordinal);

        using var reader = WavDecoder.Instance.Open(new MemoryStream(file), new DecoderOptions { RecoveryMode = true });
        Assert.Equal(4, reader.Info.Frames);
        Assert.Empty(reader.Info.Metadata.Markers);
    }

    [Fact]
    public void Read_ShortBext_IsTypedError()
    {
        var file = WavBytes.Wav(WavBytes.Fmt(), WavBytes.Chunk("bext", new byte[100]), WavBytes.Data(16));

        var exception = Assert.Throws<AudioFormatException>(() => WavDecoder.Instance.Open(new MemoryStream(file)));

        Assert.Equal(36, exception.Offset);
        Assert.Contains("bad 'bext' chunk: 100 bytes", exception.Reason, StringComparison.Ordinal);
    }

    internal static byte[] Write(AudioMetadata metadata, int frames = 480, SampleFormat format = SampleFormat.Pcm24)
    {
        using var stream = new MemoryStream();
        using (var writer = new WavEncoder().Create(stream, Stereo48k, format, new EncoderOptions { LeaveOpen = true, Metadata = metadata }))
        {
            writer.Write(TestSignals.Block(TestSignals.Exact(format, 2, frames), 2));
        }

        return stream.ToArray();
    }

    internal static AudioFileInfo ReadInfo(byte[] file)
    {
        using var reader = AudioFormatRegistry.Default.OpenRead(new MemoryStream(file));
        return reader.Info;
    }

    /// <summary>Finds the bext payload by walking the chunks of a file.</summary>
    internal static byte[] BextPayload(byte[] file)
    {
        var at = 12;
        while (at + 8 <= file.Length)
        {
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 4));
            if (Encoding.ASCII.GetString(file, at, 4) == "bext")
            {
                return file[(at + 8)..(at + 8 + size)];
            }

            at += 8 + size + (size & 1);
        }

        throw new InvalidOperationException("no bext chunk");
    }
}
