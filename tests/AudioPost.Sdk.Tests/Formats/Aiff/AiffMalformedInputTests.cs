using System.Diagnostics;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Aiff;
using AudioPost.Sdk.Tests.Formats.Wav;

namespace AudioPost.Sdk.Tests.Formats.Aiff;

public sealed class AiffMalformedInputTests
{
    // Offsets in a canonical AIFF: FORM header 0..11, COMM header at 12, COMM payload at 20, SSND header at 38.
    // In an AIFF-C from AiffBytes.Aifc, FVER takes 12..23, so COMM's header is at 24 and its payload at 32.
    private const int CommHeader = 12;
    private const int CommPayload = 20;
    private const int SsndHeader = 38;
    private const int AifcCommPayload = 32;

    public static TheoryData<string, byte[], long, string> MalformedFiles() => new()
    {
        { "empty", [], 0, "shorter than the 12-byte FORM header" },
        { "truncated FORM header", AiffBytes.Minimal()[..10], 0, "the file is 10 bytes" },
        { "not FORM", [.. "RIFF"u8, .. AiffBytes.Minimal()[4..]], 0, "expected 'FORM' but found 'RIFF'" },
        { "not AIFF", AiffBytes.Form("8SVX", null), 8, "the FORM type is '8SVX'" },
        { "truncated chunk header", AiffBytes.Minimal()[..15], CommHeader, "truncated chunk header: only 3 of 8 bytes remain" },
        { "truncated inside COMM", AiffBytes.Minimal()[..30], CommHeader, "chunk 'COMM' claims 18 bytes but only 10 remain" },
        { "truncated inside SSND", AiffBytes.Minimal(4)[..60], SsndHeader, "chunk 'SSND' claims 24 bytes but only 14 remain" },
        { "SSND size past EOF", AiffBytes.Aiff(AiffBytes.Comm(), AiffBytes.Ssnd(new byte[16], statedSize: 4_000_000)), SsndHeader, "chunk 'SSND' claims 4000000 bytes but only 24 remain" },
        { "unknown chunk past EOF", AiffBytes.Aiff(AiffBytes.Chunk("ANNO", new byte[4], statedSize: 0xFFFFFFF0)), CommHeader, "chunk 'ANNO' claims 4294967280 bytes but only 4 remain" },
        { "COMM missing", AiffBytes.Aiff(AiffBytes.Ssnd(new byte[8])), 36, "without a 'COMM' chunk" },
        { "nothing after AIFF", AiffBytes.Aiff(), CommHeader, "without a 'COMM' chunk" },
        { "SSND missing", AiffBytes.Aiff(AiffBytes.Comm(frames: 4)), SsndHeader, "without an 'SSND' chunk, but 'COMM' declares 4 frames" },
        { "duplicate COMM", AiffBytes.Aiff(AiffBytes.Comm(), AiffBytes.Comm(), AiffBytes.Ssnd(new byte[16])), SsndHeader, "a second 'COMM' chunk" },
        { "duplicate SSND", AiffBytes.Aiff(AiffBytes.Ssnd(new byte[4]), AiffBytes.Ssnd(new byte[4]), AiffBytes.Comm()), 32, "a second 'SSND' chunk" },
        { "COMM too small", AiffBytes.Aiff(AiffBytes.Chunk("COMM", new byte[16]), AiffBytes.Ssnd(new byte[8])), CommHeader, "chunk 'COMM' is 16 bytes, fewer than the 18" },
        { "AIFC COMM without type", AiffBytes.Aifc(AiffBytes.Comm(), AiffBytes.Ssnd(new byte[8])), 24, "chunk 'COMM' is 18 bytes, fewer than the 22" },
        { "SSND too small", AiffBytes.Aiff(AiffBytes.Comm(), AiffBytes.Chunk("SSND", new byte[6])), SsndHeader, "chunk 'SSND' is 6 bytes, fewer than the 8" },
        { "SSND offset past its data", AiffBytes.Aiff(AiffBytes.Comm(), AiffBytes.Chunk("SSND", [0, 0, 0, 9, 0, 0, 0, 0, 1, 2, 3, 4])), SsndHeader + 8, "'SSND' data offset 9 is past the 4 bytes" },
        { "zero channels", AiffBytes.Aiff(AiffBytes.Comm(channels: 0), AiffBytes.Ssnd(new byte[8])), CommPayload, "channel count 0 is invalid: it must be 1 to 64" },
        { "negative channels", AiffBytes.Aiff(AiffBytes.Comm(channels: -2), AiffBytes.Ssnd(new byte[8])), CommPayload, "channel count -2 is invalid" },
        { "absurd channels", AiffBytes.Aiff(AiffBytes.Comm(channels: 65), AiffBytes.Ssnd(new byte[8])), CommPayload, "channel count 65 is invalid: it must be 1 to 64" },
        { "zero rate", AiffBytes.Aiff(AiffBytes.Comm(rate: new byte[10]), AiffBytes.Ssnd(new byte[8])), CommPayload + 8, "sample rate 0 Hz is invalid" },
        { "sample size 0", AiffBytes.Aiff(AiffBytes.Comm(bits: 0), AiffBytes.Ssnd(new byte[8])), CommPayload + 6, "sample size 0 bits is invalid for 'NONE': it must be 1 to 32" },
        { "sample size 33", AiffBytes.Aiff(AiffBytes.Comm(bits: 33), AiffBytes.Ssnd(new byte[8])), CommPayload + 6, "sample size 33 bits is invalid" },
        { "sample size negative", AiffBytes.Aiff(AiffBytes.Comm(bits: -16), AiffBytes.Ssnd(new byte[8])), CommPayload + 6, "sample size -16 bits is invalid" },
        { "raw wider than 8", AiffBytes.Aifc(AiffBytes.Comm(bits: 16, compression: "raw "), AiffBytes.Ssnd(new byte[8])), AifcCommPayload + 6, "invalid for 'raw ': it must be 1 to 8" },
        { "ulaw", AiffBytes.Aifc(AiffBytes.Comm(compression: "ulaw"), AiffBytes.Ssnd(new byte[8])), AifcCommPayload + 18, "compression 'ulaw' (G.711 mu-law) is not supported" },
        { "ALAW", AiffBytes.Aifc(AiffBytes.Comm(compression: "ALAW"), AiffBytes.Ssnd(new byte[8])), AifcCommPayload + 18, "compression 'ALAW' (G.711 A-law) is not supported" },
        { "ima4", AiffBytes.Aifc(AiffBytes.Comm(compression: "ima4"), AiffBytes.Ssnd(new byte[8])), AifcCommPayload + 18, "compression 'ima4' (IMA ADPCM) is not supported" },
        { "unknown compression", AiffBytes.Aifc(AiffBytes.Comm(compression: "ABCD"), AiffBytes.Ssnd(new byte[8])), AifcCommPayload + 18, "compression 'ABCD' is not supported; only 'NONE'" },
        { "zero-length chunk loop", AiffBytes.Aiff([.. Enumerable.Range(0, 5000).Select(_ => AiffBytes.Chunk("ANNO", []))]), CommHeader + (4096 * 8), "more than 4096 chunks" },
    };

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public void Open_MalformedFile_ThrowsAudioFormatExceptionWithOffset(string name, byte[] file, long offset, string reason)
    {
        var exception = Assert.Throws<AudioFormatException>(() => AiffDecoder.Instance.Open(new MemoryStream(file)));

        Assert.True(exception.Offset == offset, $"{name}: offset {exception.Offset}, expected {offset} ({exception.Message})");
        Assert.Contains(reason, exception.Reason, StringComparison.Ordinal);
        Assert.StartsWith($"offset {offset}: ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenRead_MalformedFileOnDisk_MessageNamesFileOffsetAndReason()
    {
        using var directory = new TempDirectory();
        var path = directory.File("in.aif");
        File.WriteAllBytes(path, AiffBytes.Aifc(AiffBytes.Comm(compression: "ulaw"), AiffBytes.Ssnd(new byte[8])));

        var exception = Assert.Throws<AudioFormatException>(() => AudioFormatRegistry.Default.OpenRead(path));

        Assert.Equal(path, exception.FilePath);
        Assert.StartsWith($"{path}: offset 50: AIFF-C compression 'ulaw'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_HugeDeclaredFramesInATinyFile_AllocatesOnlyWhatIsThere()
    {
        var file = AiffBytes.Aiff(AiffBytes.Comm(channels: 64, frames: uint.MaxValue, bits: 32), AiffBytes.Ssnd(new byte[256]));
        var before = GC.GetAllocatedBytesForCurrentThread();

        using var reader = AiffDecoder.Instance.Open(new MemoryStream(file));

        Assert.Equal(1, reader.Info.Frames);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 * 1024, "the read buffer was sized by a header field");
    }

    [Fact]
    public void Open_LongRunOfZeroLengthChunks_FailsQuickly()
    {
        var file = AiffBytes.Aiff([.. Enumerable.Range(0, 200_000).Select(_ => AiffBytes.Chunk("ANNO", []))]);
        var watch = Stopwatch.StartNew();

        Assert.Throws<AudioFormatException>(() => AiffDecoder.Instance.Open(new MemoryStream(file)));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void OpenRead_MutatedHeaders_OnlyEverThrowAudioFormatException()
    {
        // A valid AIFF-C exercising every chunk the decoder looks at, an odd-sized unknown one, and an SSND offset.
        var seed = AiffBytes.Aifc(
            AiffBytes.Chunk("NAME", [1, 2, 3]),
            AiffBytes.Comm(channels: 2, frames: 32, bits: 20, compression: "NONE", name: "not compressed"),
            AiffBytes.Ssnd([.. Enumerable.Range(0, 32 * 6).Select(i => (byte)(i * 7))], offset: 2));
        MalformedInputHarness.AssertOnlyAudioFormatExceptions(
            seed,
            seedFrames: 32,
            randomSeed: 20_251_125,
            bigEndian: true,
            interesting32: [0, 1, 2, 8, 18, 22, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF],
            interesting16: [0, 1, 7, 8, 9, 16, 24, 32, 33, 64, 65, 0x3FFF, 0x400E, 0x7FFF, 0x8000, 0xFFFF]);
    }
}
