using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats.Aiff;
using AudioPost.Sdk.Formats.Wav;
using AudioPost.Sdk.Tests.Formats.Wav;

namespace AudioPost.Sdk.Formats.SndFile.Tests;

/// <summary>AddSndFileFormats and header detection: the registry finds each format by its bytes, then its extension.</summary>
public sealed class RegistrationTests
{
    private static readonly AudioFormatRegistry Registry = AudioFormatRegistry.Default.ToBuilder().AddSndFileFormats().Build();

    public static TheoryData<byte[], string> Headers() => new()
    {
        { [.. "fLaC"u8, 0, 0, 0, 34], "flac" },
        { OggPage("\u0001vorbis"u8), "ogg-vorbis" },
        { OggPage("OpusHead"u8), "opus" },
        { [.. "ID3"u8, 4, 0, 0, 0, 0, 0, 0], "mp3" },
        { [0xFF, 0xFB, 0x90, 0x64], "mp3" },   // MPEG-1 Layer III, 128 kbit/s, 44.1 kHz
        { [0xFF, 0xF3, 0x48, 0xC4], "mp3" },   // MPEG-2 Layer III
    };

    public static TheoryData<byte[]> NotOurs() => new()
    {
        { [0xFF, 0xF1, 0x50, 0x80] },          // AAC ADTS: layer 00
        { [0xFF, 0xFB, 0xF0, 0x64] },          // bitrate index 1111
        { [0xFF, 0xFB, 0x9C, 0x64] },          // rate index 11
        { OggPage("\u007FFLAC"u8) },           // Ogg FLAC: not registered
        { [.. "OggS"u8] },                     // too short to see the codec
        { [.. "RIFF"u8] },
        { [] },
    };

    [Fact]
    public void AddSndFileFormats_RegistersTheFourFormatsAfterTheManagedOnes()
    {
        Assert.Equal(
            [WavFormat.Instance, AiffFormat.Instance, SndFileFormat.Flac, SndFileFormat.OggVorbis, SndFileFormat.Opus, SndFileFormat.Mp3],
            Registry.Formats);
        foreach (var format in Registry.Formats.Skip(2))
        {
            Assert.Same(SndFileDecoder.Instance, Registry.GetDecoder(format));
            Assert.Same(format, ((SndFileEncoder)Registry.GetEncoder(format)).Format);
        }
    }

    [Theory]
    [MemberData(nameof(Headers))]
    public void TryDetect_Header_FindsTheFormat(byte[] header, string name)
    {
        Assert.True(Registry.TryDetect(header, fileName: null, out var format));
        Assert.Equal(name, format.Name);
    }

    [Theory]
    [MemberData(nameof(NotOurs))]
    public void TryDetect_OtherBytes_IsNotClaimed(byte[] header)
    {
        foreach (var format in Registry.Formats.OfType<SndFileFormat>())
        {
            Assert.False(new SndFileFormatDetector(format).TryDetectFormat(header, out _));
        }
    }

    [Theory]
    [InlineData("a.flac", "flac")]
    [InlineData("a.OGG", "ogg-vorbis")]
    [InlineData("a.oga", "ogg-vorbis")]
    [InlineData("a.opus", "opus")]
    [InlineData("a.mp3", "mp3")]
    public void TryGetFormatByExtension_Extension_FindsTheFormat(string fileName, string name)
    {
        Assert.True(Registry.TryGetFormatByExtension(fileName, out var format));
        Assert.Equal(name, format.Name);
    }

    [Theory]
    [InlineData("flac", "flac", 44100)]
    [InlineData("ogg", "ogg-vorbis", 44100)]
    [InlineData("opus", "opus", 48000)]
    [InlineData("mp3", "mp3", 44100)]
    public void CreateThenOpenRead_ByExtension_RoundTripsTheFormatAndSpec(string extension, string name, int rate)
    {
        NativePeers.RequireLibSndFile();
        using var directory = new TempDirectory();
        var path = directory.File("take." + extension);
        using (var writer = Registry.Create(path, new AudioSpec(rate, ChannelLayout.Stereo), SampleFormat.Pcm16))
        {
            Audio.Write(writer, Audio.Sines(2, rate / 2, rate), 2);
        }

        using var reader = Registry.OpenRead(path);
        Assert.Equal(name, reader.Info.Format.Name);
        Assert.Equal(rate, reader.Info.SampleRate);
        Assert.Equal(ChannelLayout.Stereo, reader.Info.ChannelLayout);
        Assert.InRange(reader.Info.Frames, (rate / 2) - 2304, (rate / 2) + 2304);
    }

    private static byte[] OggPage(ReadOnlySpan<byte> packetStart)
    {
        // A beginning-of-stream page header with one segment, then the packet.
        var page = new byte[28 + packetStart.Length + 11];
        "OggS"u8.CopyTo(page);
        page[5] = 0x02;
        page[26] = 1;
        page[27] = (byte)(packetStart.Length + 11);
        packetStart.CopyTo(page.AsSpan(28));
        return page;
    }
}
