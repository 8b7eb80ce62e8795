using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Wav;

namespace AudioPost.Sdk.Tests.Formats.Wav;

public sealed class WavDecoderTests
{
    [Fact]
    public void Open_UnknownChunksWithOddSizesAndFact_SkipsThemWithPadBytes()
    {
        var data = WavBytes.Minimal(4)[44..];
        var bytes = WavBytes.Wav(
            WavBytes.Chunk("LIST", [1, 2, 3]),
            WavBytes.Fmt(),
            WavBytes.Chunk("fact", [4, 0, 0, 0]),
            WavBytes.Chunk("junk", new byte[7]),
            WavBytes.Chunk("data", data));

        using var reader = WavDecoder.Instance.Open(new MemoryStream(bytes));

        Assert.Equal(4, reader.Info.Frames);
        Assert.Equal(ChannelLayout.Stereo, reader.Info.ChannelLayout);
        var samples = WavRoundTripTests.ReadAll(reader, 3);
        Assert.Equal([0f, 200 / 32768f, 400 / 32768f, 600 / 32768f], samples[..4]);
        Assert.Equal([100 / 32768f, 300 / 32768f, 500 / 32768f, 700 / 32768f], samples[4..]);
    }

    [Fact]
    public void Open_ZeroLengthChunksBeforeFmt_AreSkipped()
    {
        var empties = Enumerable.Range(0, 100).Select(_ => WavBytes.Chunk("JUNK", [])).ToArray();
        var bytes = WavBytes.Wav([.. empties, WavBytes.Fmt(), WavBytes.Data(8)]);

        using var reader = WavDecoder.Instance.Open(new MemoryStream(bytes));

        Assert.Equal(2, reader.Info.Frames);
    }

    [Theory]
    [InlineData(0x3Fu, 6, "5.1-back")]
    [InlineData(0x60Fu, 6, "5.1")]
    [InlineData(0x4u, 1, "mono")]
    [InlineData(0u, 3, "discrete")]
    public void Open_ExtensibleChannelMask_BecomesTheLayout(uint mask, int channels, string expectedName)
    {
        var fmt = WavBytes.Chunk("fmt ", WavBytes.ExtensiblePayload(channels: (ushort)channels, bits: 16, mask: mask));
        var bytes = WavBytes.Wav(fmt, WavBytes.Data(channels * 2 * 3));

        using var reader = WavDecoder.Instance.Open(new MemoryStream(bytes));

        Assert.Equal(expectedName, reader.Info.ChannelLayout.Name);
        Assert.Equal(3, reader.Info.Frames);
    }

    [Fact]
    public void Open_ExtensibleFloatWithTwentyValidBitsPcm_ReadsContainerFormat()
    {
        var pcm20 = WavBytes.Chunk("fmt ", WavBytes.ExtensiblePayload(bits: 24, validBits: 20));
        var float32 = WavBytes.Chunk("fmt ", WavBytes.ExtensiblePayload(subFormat: 3, bits: 32));

        using var pcm = WavDecoder.Instance.Open(new MemoryStream(WavBytes.Wav(pcm20, WavBytes.Data(12))));
        using var flt = WavDecoder.Instance.Open(new MemoryStream(WavBytes.Wav(float32, WavBytes.Data(16))));

        Assert.Equal(SampleFormat.Pcm24, pcm.Info.SampleFormat);
        Assert.Equal(SampleFormat.Float32, flt.Info.SampleFormat);
    }

    [Fact]
    public void Read_Pcm8_DecodesOffsetBinary()
    {
        var bytes = WavBytes.Wav(WavBytes.Fmt(channels: 1, bits: 8), WavBytes.Chunk("data", [0x80, 0x00, 0xFF, 0xC0]));

        using var reader = WavDecoder.Instance.Open(new MemoryStream(bytes));

        Assert.Equal(SampleFormat.Pcm8, reader.Info.SampleFormat);
        Assert.Equal([0f, -1f, 127 / 128f, 0.5f], WavRoundTripTests.ReadAll(reader, 8));
    }

    [Fact]
    public void Open_DataSizeNotAWholeNumberOfFrames_IgnoresThePartialFrame()
    {
        var bytes = WavBytes.Wav(WavBytes.Fmt(), WavBytes.Data(4 * 5 + 3));

        using var reader = WavDecoder.Instance.Open(new MemoryStream(bytes));

        Assert.Equal(5, reader.Info.Frames);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(uint.MaxValue)]
    public void Open_PlaceholderRiffSize_ReadsChunksToTheEndOfTheStream(uint riffSize)
    {
        var bytes = WavBytes.Riff(riffSize, WavBytes.Fmt(), WavBytes.Data(40));

        using var reader = WavDecoder.Instance.Open(new MemoryStream(bytes));

        Assert.Equal(10, reader.Info.Frames);
    }

    [Fact]
    public void Seek_BackwardsAndToTheEnd_ReadsTheSameFramesAgain()
    {
        using var reader = WavDecoder.Instance.Open(new MemoryStream(WavBytes.Minimal(16)));
        var first = WavRoundTripTests.ReadAll(reader, 5);

        reader.Seek(6);
        Assert.Equal(6, reader.Position);
        var tail = WavRoundTripTests.ReadAll(reader, 4);
        Assert.Equal(first[6..16], tail[..10]);
        Assert.Equal(first[22..32], tail[10..]);

        reader.Seek(16);
        Assert.Equal(0, reader.Read(new AudioBlock(new float[8], 2, 4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.Seek(17));
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.Seek(-1));
    }

    [Fact]
    public void Read_WrongChannelCount_ThrowsArgumentException()
    {
        using var reader = WavDecoder.Instance.Open(new MemoryStream(WavBytes.Minimal()));

        Assert.Throws<ArgumentException>(() => reader.Read(new AudioBlock(new float[8], 1, 8)));
    }

    [Fact]
    public void Read_StreamShorterThanHeaderAfterOpen_ReturnsWhatIsThere()
    {
        var bytes = WavBytes.Minimal(16);
        var stream = new MemoryStream();
        stream.Write(bytes);
        stream.Position = 0;
        using var reader = WavDecoder.Instance.Open(stream, new DecoderOptions { LeaveOpen = true });

        // Ten frames disappear after the header was validated (a file truncated under our feet).
        stream.SetLength(bytes.Length - 10 * 4 - 2);

        var read = reader.Read(new AudioBlock(new float[32], 2, 16));
        Assert.Equal(5, read);
        Assert.Equal(5, reader.Position);
        Assert.Equal(0, reader.Read(new AudioBlock(new float[32], 2, 16)));
    }

    [Fact]
    public void Open_MalformedAndNotLeaveOpen_DisposesTheStream()
    {
        var stream = new MemoryStream(new byte[5]);

        Assert.Throws<AudioFormatException>(() => WavDecoder.Instance.Open(stream));
        Assert.False(stream.CanRead);
    }

    [Fact]
    public void Info_Duration_IsFramesOverRate()
    {
        var bytes = WavBytes.Wav(WavBytes.Fmt(rate: 48000), WavBytes.Data(4 * 72000));

        using var reader = WavDecoder.Instance.Open(new MemoryStream(bytes));

        Assert.Equal(1.5, reader.Info.DurationSeconds);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), reader.Info.Duration);
    }
}
