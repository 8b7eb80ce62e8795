using System.Buffers.Binary;
using System.Text;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Wav;

namespace AudioPost.Sdk.Tests.Formats.Wav;

public sealed class WavEncoderTests
{
    // RIFF header (12) + JUNK reserved for ds64 (8 + 28): the fmt chunk header starts here.
    private const int FmtOffset = 48;

    [Theory]
    [InlineData(SampleFormat.Pcm16, 1, 1, 16)]
    [InlineData(SampleFormat.Pcm24, 2, 1, 16)]
    [InlineData(SampleFormat.Pcm32, 2, 1, 16)]
    [InlineData(SampleFormat.Float32, 1, 3, 18)]
    [InlineData(SampleFormat.Float32, 2, 3, 18)]
    public void Create_MonoOrStereo_WritesPlainHeader(SampleFormat format, int channels, int expectedTag, int expectedFmtSize)
    {
        var bytes = WriteFile(format, ChannelLayout.FromChannelCount(channels), frames: 10);

        Assert.Equal("JUNK", Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal("fmt ", Encoding.ASCII.GetString(bytes, FmtOffset, 4));
        Assert.Equal(expectedFmtSize, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(FmtOffset + 4)));
        Assert.Equal(expectedTag, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(FmtOffset + 8)));
    }

    [Theory]
    [InlineData(6, 0x60Fu)]
    [InlineData(8, 0x63Fu)]
    public void Create_MoreThanTwoChannels_WritesExtensibleWithLayoutMask(int channels, uint expectedMask)
    {
        var layout = ChannelLayout.FromChannelCount(channels);
        var bytes = WriteFile(SampleFormat.Pcm24, layout, frames: 10);

        var fmt = bytes.AsSpan(FmtOffset + 8);
        Assert.Equal(40, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(FmtOffset + 4)));
        Assert.Equal(0xFFFE, BinaryPrimitives.ReadUInt16LittleEndian(fmt));
        Assert.Equal(22, BinaryPrimitives.ReadUInt16LittleEndian(fmt[16..]));
        Assert.Equal(24, BinaryPrimitives.ReadUInt16LittleEndian(fmt[18..]));
        Assert.Equal(expectedMask, BinaryPrimitives.ReadUInt32LittleEndian(fmt[20..]));
        Assert.Equal([0x01, 0x00, .. WavBytes.PcmGuidTail], fmt[24..40].ToArray());

        using var reader = WavDecoder.Instance.Open(new MemoryStream(bytes));
        Assert.Equal(layout, reader.Info.ChannelLayout);
    }

    [Fact]
    public void Create_Surround51Back_KeepsItsMaskThroughARoundTrip()
    {
        var bytes = WriteFile(SampleFormat.Pcm16, ChannelLayout.Surround51Back, frames: 4);

        using var reader = WavDecoder.Instance.Open(new MemoryStream(bytes));
        Assert.Equal(ChannelLayout.Surround51Back, reader.Info.ChannelLayout);
        Assert.Equal(0x3Fu, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(FmtOffset + 8 + 20)));
    }

    [Fact]
    public void Create_DiscreteStereo_WritesExtensibleWithoutPositions()
    {
        var bytes = WriteFile(SampleFormat.Pcm16, ChannelLayout.Discrete(2), frames: 4);

        Assert.Equal(0xFFFE, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(FmtOffset + 8)));
        using var reader = WavDecoder.Instance.Open(new MemoryStream(bytes));
        Assert.Equal(ChannelLayout.Discrete(2), reader.Info.ChannelLayout);
    }

    [Fact]
    public void Complete_Float_PatchesFactAndSizes()
    {
        var bytes = WriteFile(SampleFormat.Float32, ChannelLayout.Stereo, frames: 1234);

        var factAt = FmtOffset + 8 + 18;
        Assert.Equal("fact", Encoding.ASCII.GetString(bytes, factAt, 4));
        Assert.Equal(1234, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(factAt + 8)));
        var dataAt = factAt + 12;
        Assert.Equal("data", Encoding.ASCII.GetString(bytes, dataAt, 4));
        Assert.Equal(1234 * 8, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(dataAt + 4)));
        Assert.Equal(bytes.Length - 8, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4)));
    }

    [Fact]
    public void Complete_OddDataSize_AppendsPadByteCountedInRiffOnly()
    {
        var bytes = WriteFile(SampleFormat.Pcm8, ChannelLayout.Mono, frames: 3);

        var dataAt = FmtOffset + 8 + 16;
        Assert.Equal(3, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(dataAt + 4)));
        Assert.Equal(dataAt + 8 + 3 + 1, bytes.Length);
        Assert.Equal(0, bytes[^1]);
        Assert.Equal(bytes.Length - 8, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4)));
    }

    [Fact]
    public void Dispose_WithoutComplete_CompletesTheFile()
    {
        using var stream = new MemoryStream();
        var signal = TestSignals.Exact(SampleFormat.Pcm16, 2, 100);
        using (var writer = new WavEncoder(new WavEncoderOptions { HeaderRefreshInterval = TimeSpan.Zero })
            .Create(stream, new AudioSpec(48000, ChannelLayout.Stereo), SampleFormat.Pcm16, new EncoderOptions { LeaveOpen = true }))
        {
            writer.Write(TestSignals.Block(signal, 2));
        }

        stream.Position = 0;
        using var reader = WavDecoder.Instance.Open(stream);
        Assert.Equal(100, reader.Info.Frames);
        Assert.Equal(signal, WavRoundTripTests.ReadAll(reader, 64));
    }

    [Fact]
    public void Write_AfterComplete_Throws()
    {
        using var writer = new WavEncoder().Create(new MemoryStream(), new AudioSpec(48000, ChannelLayout.Mono), SampleFormat.Pcm16);
        writer.Complete();
        writer.Complete();

        Assert.Throws<InvalidOperationException>(() => writer.Write(new ReadOnlyAudioBlock(new float[4], 1, 4)));
    }

    [Fact]
    public void Write_WrongChannelCount_ThrowsArgumentException()
    {
        using var writer = new WavEncoder().Create(new MemoryStream(), new AudioSpec(48000, ChannelLayout.Stereo), SampleFormat.Pcm16);

        Assert.Throws<ArgumentException>(() => writer.Write(new ReadOnlyAudioBlock(new float[4], 1, 4)));
    }

    [Fact]
    public void Create_NonSeekableStream_ThrowsArgumentException()
    {
        var stream = new NonSeekableStream();

        Assert.Throws<ArgumentException>(() => new WavEncoder().Create(stream, new AudioSpec(48000, ChannelLayout.Mono), SampleFormat.Pcm16));
    }

    [Fact]
    public void Create_BeforeAnyWrite_LeavesAValidEmptyFile()
    {
        using var stream = new MemoryStream();
        using var writer = new WavEncoder().Create(stream, new AudioSpec(48000, ChannelLayout.Stereo), SampleFormat.Pcm24, new EncoderOptions { LeaveOpen = true });

        using var reader = WavDecoder.Instance.Open(new MemoryStream(stream.ToArray()));
        Assert.Equal(0, reader.Info.Frames);
    }

    internal static byte[] WriteFile(SampleFormat format, ChannelLayout layout, int frames)
    {
        using var stream = new MemoryStream();
        using (var writer = new WavEncoder().Create(stream, new AudioSpec(48000, layout), format, new EncoderOptions { LeaveOpen = true }))
        {
            var signal = TestSignals.Exact(format, layout.Count, frames);
            writer.Write(TestSignals.Block(signal, layout.Count));
            writer.Complete();
        }

        return stream.ToArray();
    }

    private sealed class NonSeekableStream : MemoryStream
    {
        public override bool CanSeek => false;
    }
}
