using System.Buffers.Binary;
using System.Text;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Aiff;
using AudioPost.Sdk.Tests.Formats.Wav;

namespace AudioPost.Sdk.Tests.Formats.Aiff;

public sealed class AiffRoundTripTests
{
    private const int Frames = 5000;

    /// <summary>Every sample format at 1, 2 and 6 channels, in every variant that can hold it.</summary>
    public static TheoryData<SampleFormat, int, AiffVariant> FormatsChannelsAndVariants()
    {
        var data = new TheoryData<SampleFormat, int, AiffVariant>();
        foreach (var format in Enum.GetValues<SampleFormat>())
        {
            foreach (var channels in new[] { 1, 2, 6 })
            {
                foreach (var variant in Enum.GetValues<AiffVariant>())
                {
                    if (!(variant == AiffVariant.Aiff && format.IsFloatingPoint()))
                    {
                        data.Add(format, channels, variant);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FormatsChannelsAndVariants))]
    public void WriteThenRead_EveryFormatChannelCountAndVariant_ReturnsEverySampleExactly(SampleFormat format, int channels, AiffVariant variant)
    {
        var signal = TestSignals.Exact(format, channels, Frames);
        var layout = ChannelLayout.FromChannelCount(channels);
        using var stream = new MemoryStream();

        // Small buffers force both sides through many partial buffer fills.
        var encoder = new AiffEncoder(new AiffEncoderOptions { Variant = variant });
        using (var writer = encoder.Create(stream, new AudioSpec(44100, layout), format, new EncoderOptions { LeaveOpen = true, BufferSize = 1000 }))
        {
            WavRoundTripTests.WriteInBlocks(writer, signal, channels, blockFrames: 777);
            writer.Complete();
            Assert.Equal(Frames, writer.FramesWritten);
        }

        var bytes = stream.ToArray();
        var (formType, compression) = Describe(bytes);
        Assert.Equal(ExpectedHeader(format, variant), (formType, compression));
        Assert.Equal((uint)bytes.Length - 8, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4)));
        Assert.Equal(0, bytes.Length & 1);

        stream.Position = 0;
        using var reader = AudioFormatRegistry.Default.OpenRead(stream, new DecoderOptions { BufferSize = 999 });

        Assert.Same(AiffFormat.Instance, reader.Info.Format);
        Assert.Equal(format, reader.Info.SampleFormat);
        Assert.Equal(44100, reader.Info.SampleRate);
        Assert.Equal(layout, reader.Info.ChannelLayout);
        Assert.Equal(Frames, reader.Info.Frames);
        Assert.Equal(signal, WavRoundTripTests.ReadAll(reader, blockFrames: 1001));
    }

    [Fact]
    public void Write_Pcm8_StoresSignedBytesAndPadsTheOddChunk()
    {
        using var stream = new MemoryStream();
        using (var writer = new AiffEncoder().Create(stream, new AudioSpec(8000, ChannelLayout.Mono), SampleFormat.Pcm8, new EncoderOptions { LeaveOpen = true }))
        {
            writer.Write(new ReadOnlyAudioBlock([-1f, 0f, 0.5f], 1, 3));
        }

        var bytes = stream.ToArray();

        // FORM 12 + COMM 26 + SSND header 16 = 54; three samples and a pad byte follow.
        Assert.Equal(58, bytes.Length);
        Assert.Equal<byte>([0x80, 0x00, 0x40, 0x00], bytes[54..]);
        Assert.Equal(8u + 3, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(42)));
        Assert.Equal(58u - 8, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4)));
        Assert.Equal(3u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(22)));
    }

    [Fact]
    public void Write_Pcm16_StoresBigEndianSamples()
    {
        using var stream = new MemoryStream();
        using (var writer = new AiffEncoder().Create(stream, new AudioSpec(8000, ChannelLayout.Mono), SampleFormat.Pcm16, new EncoderOptions { LeaveOpen = true }))
        {
            writer.Write(new ReadOnlyAudioBlock([0.5f, -1f], 1, 2));
        }

        Assert.Equal<byte>([0x40, 0x00, 0x80, 0x00], stream.ToArray()[54..]);
    }

    [Fact]
    public void Create_FloatInPlainAiffVariant_ThrowsNotSupportedAndDisposesTheStream()
    {
        var stream = new MemoryStream();
        var encoder = new AiffEncoder(new AiffEncoderOptions { Variant = AiffVariant.Aiff });

        Assert.Throws<NotSupportedException>(() => encoder.Create(stream, new AudioSpec(48000, ChannelLayout.Stereo), SampleFormat.Float32));
        Assert.False(stream.CanWrite);
    }

    [Fact]
    public void Options_UndefinedVariant_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AiffEncoderOptions { Variant = (AiffVariant)42 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AiffEncoderOptions { HeaderRefreshInterval = TimeSpan.FromSeconds(-1) });
    }

    [Fact]
    public void Create_ThroughRegistryByExtension_WritesAiff()
    {
        using var directory = new TempDirectory();
        var path = directory.File("take.aif");
        using (var writer = AudioFormatRegistry.Default.Create(path, new AudioSpec(48000, ChannelLayout.Stereo), SampleFormat.Pcm24))
        {
            writer.Write(new ReadOnlyAudioBlock(new float[20], 2, 10));
        }

        using var reader = AudioFormatRegistry.Default.OpenRead(path);
        Assert.Same(AiffFormat.Instance, reader.Info.Format);
        Assert.Equal(10, reader.Info.Frames);
    }

    internal static (string FormType, string? Compression) ExpectedHeader(SampleFormat format, AiffVariant variant) => format switch
    {
        SampleFormat.Float32 => ("AIFC", "fl32"),
        SampleFormat.Float64 => ("AIFC", "fl64"),
        _ => variant switch
        {
            AiffVariant.AiffC => ("AIFC", "NONE"),
            AiffVariant.AiffCLittleEndian => ("AIFC", "sowt"),
            _ => ("AIFF", null),
        },
    };

    /// <summary>The form type and, for AIFF-C, the compression type of a file written by our encoder.</summary>
    internal static (string FormType, string? Compression) Describe(byte[] file)
    {
        var formType = Encoding.ASCII.GetString(file, 8, 4);
        if (formType != "AIFC")
        {
            return (formType, null);
        }

        // FORM 12, FVER 12, COMM header 8, then 18 bytes before the compression type.
        Assert.Equal("FVER", Encoding.ASCII.GetString(file, 12, 4));
        Assert.Equal("COMM", Encoding.ASCII.GetString(file, 24, 4));
        return (formType, Encoding.ASCII.GetString(file, 24 + 8 + 18, 4));
    }
}
