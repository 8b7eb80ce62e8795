using System.Diagnostics;
using System.Text;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Wav;

namespace AudioPost.Sdk.Tests.Formats.Wav;

public sealed class WavMalformedInputTests
{
    // Offsets in a canonical file: RIFF header 0..11, fmt header at 12, fmt payload at 20, data header at 36.
    private const int FmtHeader = 12;
    private const int FmtPayload = 20;
    private const int DataHeader = 36;

    public static TheoryData<string, byte[], long, string> MalformedFiles() => new()
    {
        { "empty", [], 0, "shorter than the 12-byte RIFF header" },
        { "truncated RIFF header", WavBytes.Minimal()[..10], 0, "the file is 10 bytes" },
        { "not RIFF", [.. "RIFX"u8, .. WavBytes.Minimal()[4..]], 0, "expected 'RIFF' but found 'RIFX'" },
        { "control bytes in id", [0x01, 0x0A, 0x41, 0x42, .. WavBytes.Minimal()[4..]], 0, @"found '\x01\x0AAB'" },
        { "RF64 without ds64", [.. "RF64"u8, .. WavBytes.Minimal()[4..]], FmtHeader, "a 'RF64' file must start with a 'ds64' chunk holding its 64-bit sizes, but found 'fmt '" },
        { "not WAVE", [.. WavBytes.Minimal()[..8], .. "AVI "u8, .. WavBytes.Minimal()[12..]], 8, "form type is 'AVI '" },
        { "truncated chunk header", WavBytes.Minimal()[..15], FmtHeader, "truncated chunk header: only 3 of 8 bytes remain" },
        { "truncated inside fmt", WavBytes.Minimal()[..30], FmtHeader, "chunk 'fmt ' claims 16 bytes but only 10 remain" },
        { "truncated inside data", WavBytes.Minimal(16)[..60], DataHeader, "chunk 'data' claims 64 bytes but only 16 remain" },
        { "data size past EOF", WavBytes.Wav(WavBytes.Fmt(), WavBytes.Data(1000, statedSize: 4_000_000)), DataHeader, "chunk 'data' claims 4000000 bytes but only 1000 remain" },
        { "unknown chunk past EOF", WavBytes.Wav(WavBytes.Chunk("LIST", new byte[4], statedSize: 0xFFFFFFF0)), FmtHeader, "chunk 'LIST' claims 4294967280 bytes but only 4 remain" },
        { "fmt missing", WavBytes.Wav(WavBytes.Chunk("LIST", new byte[4])), 24, "without a 'fmt ' chunk" },
        { "nothing after WAVE", WavBytes.Wav(), FmtHeader, "without a 'fmt ' chunk" },
        { "data missing", WavBytes.Wav(WavBytes.Fmt()), DataHeader, "without a 'data' chunk" },
        { "data before fmt", WavBytes.Wav(WavBytes.Data(8), WavBytes.Fmt()), FmtHeader, "chunk 'data' comes before the 'fmt ' chunk" },
        { "duplicate fmt", WavBytes.Wav(WavBytes.Fmt(), WavBytes.Fmt(), WavBytes.Data(8)), DataHeader, "a second 'fmt ' chunk" },
        { "fmt too small", WavBytes.Wav(WavBytes.Chunk("fmt ", new byte[14]), WavBytes.Data(8)), FmtHeader, "chunk 'fmt ' is 14 bytes, fewer than the 16" },
        { "zero channels", WavBytes.Wav(WavBytes.Fmt(channels: 0, blockAlign: 4), WavBytes.Data(8)), FmtPayload + 2, "channel count 0 is invalid" },
        { "absurd channels", WavBytes.Wav(WavBytes.Fmt(channels: 2000), WavBytes.Data(8)), FmtPayload + 2, "channel count 2000 is invalid: it must be 1 to 1024" },
        { "more channels than a layout", WavBytes.Wav(WavBytes.Fmt(channels: 100), WavBytes.Data(8)), FmtPayload + 2, "100 channels are more than the 64" },
        { "zero sample rate", WavBytes.Wav(WavBytes.Fmt(rate: 0), WavBytes.Data(8)), FmtPayload + 4, "sample rate 0 Hz is invalid" },
        { "absurd sample rate", WavBytes.Wav(WavBytes.Fmt(rate: 2_000_000), WavBytes.Data(8)), FmtPayload + 4, "sample rate 2000000 Hz is invalid" },
        { "12-bit PCM", WavBytes.Wav(WavBytes.Fmt(bits: 12, blockAlign: 4), WavBytes.Data(8)), FmtPayload + 14, "12 bits per sample is not supported for PCM" },
        { "16-bit float", WavBytes.Wav(WavBytes.Fmt(tag: 3, bits: 16), WavBytes.Data(8)), FmtPayload + 14, "16 bits per sample is not supported for IEEE float" },
        { "MP3 tag", WavBytes.Wav(WavBytes.Fmt(tag: 0x55), WavBytes.Data(8)), FmtPayload, "format tag 0x0055 (MPEG Layer III) is not supported" },
        { "block align inconsistent", WavBytes.Wav(WavBytes.Fmt(blockAlign: 6), WavBytes.Data(12)), FmtPayload + 12, "block align 6 is inconsistent with 2 channel(s) of 2 byte(s): expected 4" },
        { "extensible in 16 bytes", WavBytes.Wav(WavBytes.Fmt(tag: 0xFFFE), WavBytes.Data(8)), FmtHeader, "chunk 'fmt ' is 16 bytes, fewer than the 40" },
        { "extensible cbSize 0", WavBytes.Wav(WavBytes.Chunk("fmt ", WavBytes.ExtensiblePayload(cbSize: 0)), WavBytes.Data(12)), FmtPayload + 16, "cbSize is 0" },
        { "extensible valid bits", WavBytes.Wav(WavBytes.Chunk("fmt ", WavBytes.ExtensiblePayload(validBits: 32)), WavBytes.Data(12)), FmtPayload + 18, "32 valid bits per sample do not fit the 24-bit container" },
        { "extensible unknown GUID", WavBytes.Wav(WavBytes.Chunk("fmt ", WavBytes.ExtensiblePayload(guidTail: new byte[14])), WavBytes.Data(12)), FmtPayload + 24, "sub-format GUID 01000000" },
        { "extensible ADPCM", WavBytes.Wav(WavBytes.Chunk("fmt ", WavBytes.ExtensiblePayload(subFormat: 2)), WavBytes.Data(12)), FmtPayload + 24, "format tag 0x0002 (Microsoft ADPCM)" },
        { "zero-length chunk loop", WavBytes.Wav([.. Enumerable.Range(0, 5000).Select(_ => WavBytes.Chunk("JUNK", []))]), FmtHeader + (4096 * 8), "more than 4096 chunks" },
    };

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public void Open_MalformedFile_ThrowsAudioFormatExceptionWithOffset(string name, byte[] file, long offset, string reason)
    {
        var exception = Assert.Throws<AudioFormatException>(() => WavDecoder.Instance.Open(new MemoryStream(file)));

        Assert.True(exception.Offset == offset, $"{name}: offset {exception.Offset}, expected {offset} ({exception.Message})");
        Assert.Contains(reason, exception.Reason, StringComparison.Ordinal);
        Assert.StartsWith($"offset {offset}: ", exception.Message, StringComparison.Ordinal);
        Assert.Null(exception.FilePath);
    }

    [Fact]
    public void OpenRead_MalformedFileOnDisk_MessageNamesFileOffsetAndReason()
    {
        using var directory = new TempDirectory();
        var path = directory.File("in.wav");
        File.WriteAllBytes(path, WavBytes.Wav(WavBytes.Fmt(), WavBytes.Data(1000, statedSize: 4_000_000)));

        var exception = Assert.Throws<AudioFormatException>(() => AudioFormatRegistry.Default.OpenRead(path));

        Assert.Equal(path, exception.FilePath);
        Assert.Equal(
            $"{path}: offset 36: chunk 'data' claims 4000000 bytes but only 1000 remain: the file is truncated; recovery mode reads what is there",
            exception.Message);
    }

    [Fact]
    public void Open_LongRunOfZeroLengthChunks_FailsQuickly()
    {
        var file = WavBytes.Wav([.. Enumerable.Range(0, 200_000).Select(_ => WavBytes.Chunk("JUNK", []))]);
        var watch = Stopwatch.StartNew();

        Assert.Throws<AudioFormatException>(() => WavDecoder.Instance.Open(new MemoryStream(file)));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void OpenRead_MutatedHeaders_OnlyEverThrowAudioFormatException()
    {
        // A valid file exercising every chunk the decoder looks at, and an unknown one with an odd size.
        var seed = WavBytes.Wav(
            WavBytes.Chunk("LIST", [1, 2, 3]),
            WavBytes.Chunk("fmt ", WavBytes.ExtensiblePayload(channels: 2, bits: 24, mask: 0x3)),
            WavBytes.Chunk("fact", [32, 0, 0, 0]),
            WavBytes.Chunk("data", [.. Enumerable.Range(0, 32 * 6).Select(i => (byte)(i * 7))]));
        MalformedInputHarness.AssertOnlyAudioFormatExceptions(
            seed,
            seedFrames: 32,
            randomSeed: 20_251_124,
            bigEndian: false,
            interesting32: [0, 1, 2, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0xFFFE, 16, 40],
            interesting16: [0, 1, 3, 8, 12, 20, 24, 32, 64, 65, 1024, 1025, 0xFFFE, 0xFFFF]);
    }

    [Fact]
    public void Open_TextFileThroughRegistry_SaysItIsNotARecognisedFormat()
    {
        var exception = Assert.Throws<AudioFormatException>(
            () => AudioFormatRegistry.Default.OpenRead(new MemoryStream(Encoding.ASCII.GetBytes("hello, world"))));

        Assert.Equal(0, exception.Offset);
        Assert.Contains("not a recognised audio format", exception.Message, StringComparison.Ordinal);
    }
}
