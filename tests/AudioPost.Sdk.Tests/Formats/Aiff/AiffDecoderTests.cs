using System.Buffers.Binary;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Aiff;
using AudioPost.Sdk.Tests.Formats.Wav;

namespace AudioPost.Sdk.Tests.Formats.Aiff;

public sealed class AiffDecoderTests
{
    [Fact]
    public void Open_PlainAiff16BitStereo_ReadsBigEndianSamples()
    {
        using var reader = AiffDecoder.Instance.Open(new MemoryStream(AiffBytes.Minimal(4)));

        Assert.Same(AiffFormat.Instance, reader.Info.Format);
        Assert.Equal(SampleFormat.Pcm16, reader.Info.SampleFormat);
        Assert.Equal(48000, reader.Info.SampleRate);
        Assert.Equal(ChannelLayout.Stereo, reader.Info.ChannelLayout);
        Assert.Equal(4, reader.Info.Frames);
        var samples = WavRoundTripTests.ReadAll(reader, 3);

        // Interleaved ramp i*1000 - 8000: left gets the even indices, right the odd ones.
        Assert.Equal([-8000, -6000, -4000, -2000, -7000, -5000, -3000, -1000], samples.Select(s => (int)(s * 32768)));
    }

    [Fact]
    public void Open_8BitAiff_IsSigned()
    {
        var file = AiffBytes.Aiff(AiffBytes.Comm(channels: 1, frames: 4, bits: 8), AiffBytes.Ssnd([0x80, 0x00, 0x7F, 0xFF]));

        using var reader = AiffDecoder.Instance.Open(new MemoryStream(file));

        Assert.Equal(SampleFormat.Pcm8, reader.Info.SampleFormat);
        Assert.Equal([-1f, 0f, 127 / 128f, -1 / 128f], WavRoundTripTests.ReadAll(reader, 10));
    }

    [Theory]
    [InlineData(20, 3, SampleFormat.Pcm24)]
    [InlineData(12, 2, SampleFormat.Pcm16)]
    [InlineData(4, 1, SampleFormat.Pcm8)]
    [InlineData(1, 1, SampleFormat.Pcm8)]
    [InlineData(28, 4, SampleFormat.Pcm32)]
    public void Open_OddBitDepth_DecodesLeftJustifiedContainer(short bits, int bytes, SampleFormat container)
    {
        // Full scale negative, one step below zero at this depth, and full scale positive, left-justified.
        var steps = new long[] { -(1L << (bits - 1)), -1, (1L << (bits - 1)) - 1 };
        var data = new byte[steps.Length * bytes];
        for (var i = 0; i < steps.Length; i++)
        {
            var value = steps[i] << ((bytes * 8) - bits);
            for (var b = 0; b < bytes; b++)
            {
                data[(i * bytes) + b] = (byte)(value >> (8 * (bytes - 1 - b)));
            }
        }

        var file = AiffBytes.Aiff(AiffBytes.Comm(channels: 1, frames: 3, bits: bits), AiffBytes.Ssnd(data));
        using var reader = AiffDecoder.Instance.Open(new MemoryStream(file));

        Assert.Equal(container, reader.Info.SampleFormat);
        var expected = steps.Select(s => (float)(s / (double)(1L << (bits - 1)))).ToArray();
        Assert.Equal(expected, WavRoundTripTests.ReadAll(reader, 10));
    }

    public static TheoryData<string, short, byte[], SampleFormat, float[]> CompressionTypes() => new()
    {
        { "NONE", 16, [0x80, 0x00, 0x40, 0x00], SampleFormat.Pcm16, [-1f, 0.5f] },
        { "twos", 16, [0x80, 0x00, 0x40, 0x00], SampleFormat.Pcm16, [-1f, 0.5f] },
        { "sowt", 16, [0x00, 0x80, 0x00, 0x40], SampleFormat.Pcm16, [-1f, 0.5f] },
        { "sowt", 24, [0x00, 0x00, 0x80, 0x00, 0x00, 0x40], SampleFormat.Pcm24, [-1f, 0.5f] },
        { "sowt", 8, [0x80, 0x40], SampleFormat.Pcm8, [-1f, 0.5f] },
        { "raw ", 8, [0x00, 0xC0], SampleFormat.Pcm8, [-1f, 0.5f] },
        { "in24", 24, [0x80, 0x00, 0x00, 0x40, 0x00, 0x00], SampleFormat.Pcm24, [-1f, 0.5f] },
        { "in32", 32, [0x80, 0, 0, 0, 0x40, 0, 0, 0], SampleFormat.Pcm32, [-1f, 0.5f] },
        { "fl32", 32, [0xBF, 0x80, 0, 0, 0x3F, 0, 0, 0], SampleFormat.Float32, [-1f, 0.5f] },
        { "FL32", 32, [0xBF, 0x80, 0, 0, 0x3F, 0, 0, 0], SampleFormat.Float32, [-1f, 0.5f] },
        { "fl32", 0, [0xBF, 0x80, 0, 0, 0x3F, 0, 0, 0], SampleFormat.Float32, [-1f, 0.5f] },
        { "fl64", 64, [0xBF, 0xF0, 0, 0, 0, 0, 0, 0, 0x3F, 0xE0, 0, 0, 0, 0, 0, 0], SampleFormat.Float64, [-1f, 0.5f] },
        { "FL64", 64, [0xBF, 0xF0, 0, 0, 0, 0, 0, 0, 0x3F, 0xE0, 0, 0, 0, 0, 0, 0], SampleFormat.Float64, [-1f, 0.5f] },
    };

    [Theory]
    [MemberData(nameof(CompressionTypes))]
    public void Open_AifcCompression_DecodesSamples(string compression, short bits, byte[] data, SampleFormat format, float[] expected)
    {
        var file = AiffBytes.Aifc(AiffBytes.Comm(channels: 1, frames: 2, bits: bits, compression: compression, name: "whatever"), AiffBytes.Ssnd(data));

        using var reader = AudioFormatRegistry.Default.OpenRead(new MemoryStream(file));

        Assert.Equal(format, reader.Info.SampleFormat);
        Assert.Equal(expected, WavRoundTripTests.ReadAll(reader, 10));
    }

    [Fact]
    public void Open_AifcCommWithoutName_IsTolerated()
    {
        var comm = AiffBytes.Comm(channels: 1, frames: 1, compression: "NONE");
        var file = AiffBytes.Aifc(AiffBytes.Chunk("COMM", comm.AsSpan(8, 22).ToArray()), AiffBytes.Ssnd([0x40, 0x00]));

        using var reader = AiffDecoder.Instance.Open(new MemoryStream(file));

        Assert.Equal([0.5f], WavRoundTripTests.ReadAll(reader, 10));
    }

    [Fact]
    public void Open_SsndOffset_SkipsTheFillerBytes()
    {
        var file = AiffBytes.Aiff(AiffBytes.Comm(channels: 1, frames: 2), AiffBytes.Ssnd([0x40, 0x00, 0xC0, 0x00], offset: 6, blockSize: 8));

        using var reader = AiffDecoder.Instance.Open(new MemoryStream(file));

        Assert.Equal([0.5f, -0.5f], WavRoundTripTests.ReadAll(reader, 10));
    }

    [Fact]
    public void Open_SsndBeforeCommWithChunksAround_IsAccepted()
    {
        var file = AiffBytes.Aiff(
            AiffBytes.Chunk("NAME", "odd"u8.ToArray()),
            AiffBytes.Ssnd([0x40, 0x00, 0xC0, 0x00]),
            AiffBytes.Chunk("ANNO", [1]),
            AiffBytes.Comm(channels: 1, frames: 2));

        using var reader = AiffDecoder.Instance.Open(new MemoryStream(file));

        Assert.Equal([0.5f, -0.5f], WavRoundTripTests.ReadAll(reader, 10));
    }

    [Fact]
    public void Open_DeclaredFramesBeyondSsnd_ClampsToTheWholeFramesPresent()
    {
        // 5 bytes of 16-bit stereo: one whole frame and a partial one; COMM claims a million.
        var file = AiffBytes.Aiff(AiffBytes.Comm(frames: 1_000_000), AiffBytes.Ssnd([0x40, 0, 0xC0, 0, 0x11]));

        using var reader = AiffDecoder.Instance.Open(new MemoryStream(file));

        Assert.Equal(1, reader.Info.Frames);
        Assert.Equal([0.5f, -0.5f], WavRoundTripTests.ReadAll(reader, 10));
    }

    [Fact]
    public void Open_DeclaredFramesBelowSsnd_ReadsOnlyTheDeclaredFrames()
    {
        var file = AiffBytes.Aiff(AiffBytes.Comm(channels: 1, frames: 1), AiffBytes.Ssnd([0x40, 0, 0xC0, 0]));

        using var reader = AiffDecoder.Instance.Open(new MemoryStream(file));

        Assert.Equal([0.5f], WavRoundTripTests.ReadAll(reader, 10));
    }

    [Fact]
    public void Open_NoSsndAndZeroFrames_IsAnEmptyFile()
    {
        using var reader = AiffDecoder.Instance.Open(new MemoryStream(AiffBytes.Aiff(AiffBytes.Comm(frames: 0))));

        Assert.Equal(0, reader.Info.Frames);
        Assert.Equal(0, reader.Read(new AudioBlock(new float[8], 2, 4)));
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(0xFFFFFFFFu)]
    public void Open_UnpatchedFormSize_ReadsToTheEndOfTheStream(uint formSize)
    {
        var file = AiffBytes.Minimal(4);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(4), formSize);

        using var reader = AiffDecoder.Instance.Open(new MemoryStream(file));

        Assert.Equal(4, reader.Info.Frames);
    }

    [Theory]
    [InlineData(1, "mono")]
    [InlineData(2, "stereo")]
    [InlineData(6, "5.1")]
    [InlineData(7, "discrete")]
    public void Open_ChannelCount_GuessesTheConventionalLayout(short channels, string layout)
    {
        var file = AiffBytes.Aiff(AiffBytes.Comm(channels: channels, frames: 1), AiffBytes.Ssnd(new byte[channels * 2]));

        using var reader = AiffDecoder.Instance.Open(new MemoryStream(file));

        Assert.Equal(ChannelLayout.FromChannelCount(channels), reader.Info.ChannelLayout);
        Assert.Equal(layout, reader.Info.ChannelLayout.Name);
    }

    [Fact]
    public void Seek_ThenRead_StartsAtTheFrame()
    {
        using var reader = AiffDecoder.Instance.Open(new MemoryStream(AiffBytes.Minimal(4)));

        reader.Seek(2);

        Assert.Equal([-4000, -2000, -3000, -1000], WavRoundTripTests.ReadAll(reader, 1).Select(s => (int)(s * 32768)));
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.Seek(5));
    }

    [Fact]
    public void Detect_AiffAndAifcHeaders_AreAiff()
    {
        var detector = new AiffFormatDetector();

        Assert.True(detector.TryDetectFormat(AiffBytes.Minimal(), out var format));
        Assert.Same(AiffFormat.Instance, format);
        Assert.True(detector.TryDetectFormat(AiffBytes.Aifc(), out _));
        Assert.False(detector.TryDetectFormat(AiffBytes.Form("8SVX", null), out _));
        Assert.False(detector.TryDetectFormat(AiffBytes.Minimal().AsSpan(0, 11), out _));
        Assert.False(detector.TryDetectFormat(WavBytes.Minimal(), out _));
    }

    [Fact]
    public void Registry_ExtensionFallback_KnowsAiffNames()
    {
        foreach (var name in new[] { "a.aif", "a.AIFF", "a.aifc" })
        {
            Assert.True(AudioFormatRegistry.Default.TryDetect("????"u8, name, out var format));
            Assert.Same(AiffFormat.Instance, format);
        }

        Assert.Equal("aiff", AiffFormat.Instance.Name);
        Assert.Equal(["audio/aiff", "audio/x-aiff"], AiffFormat.Instance.MimeTypes);
    }
}
