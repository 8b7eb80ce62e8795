using System.Buffers.Binary;
using AudioPost.Sdk.Tests.Formats.Wav;
using FsCheck;
using FsCheck.Fluent;

namespace AudioPost.Sdk.Tests.Formats.Fuzz;

/// <summary>
/// FsCheck properties for the same contract as the mutation fuzzer (see <see cref="DecoderFuzzTarget"/>): arbitrary
/// bytes behind a valid container prefix, and structurally valid WAV files whose every header field is random.
/// A bounded number of cases, so they cost about a second.
/// </summary>
public sealed class DecoderPropertyTests
{
    private const int MaxTest = 500;

    [Fact]
    public void Open_ArbitraryBytesAfterAContainerPrefix_KeepsTheBadInputContract()
    {
        byte[][] prefixes =
        [
            [],
            [.. "RIFF"u8],
            [.. "RIFF"u8, 0, 0, 0, 0, .. "WAVE"u8],
            [.. "RIFF"u8, 0xFF, 0xFF, 0xFF, 0xFF, .. "WAVEfmt "u8],
            [.. "RF64"u8, 0xFF, 0xFF, 0xFF, 0xFF, .. "WAVEds64"u8],
            [.. "FORM"u8, 0, 0, 0, 0, .. "AIFFCOMM"u8],
        ];
        var files =
            from prefix in Gen.Elements(prefixes)
            from tail in ArbMap.Default.GeneratorFor<byte[]>()
            select (byte[])[.. prefix, .. tail];

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(MaxTest), Prop.ForAll(files.ToArbitrary(), Holds));
    }

    [Fact]
    public void Open_WavWithRandomHeaderFields_KeepsTheBadInputContract()
    {
        var fields =
            from tag in Gen.Elements<ushort>(1, 3, 0xFFFE, 0, 2, 0x55)
            from channels in Gen.OneOf(Gen.Choose(0, 9), Gen.Choose(0, 0xFFFF))
            from rate in Gen.Elements<uint>(0, 1, 8000, 48000, 1_536_000, 1_536_001, 0x7FFFFFFF, uint.MaxValue)
            from bits in Gen.Elements<int>(0, 8, 12, 16, 20, 24, 32, 64, 0xFFFF)
            from blockAlign in Gen.OneOf(Gen.Constant(-1), Gen.Choose(0, 0xFFFF))
            from fmtSize in Gen.Elements<uint>(16, 18, 40, 14, 39, 41, 0xFFFFFFFF)
            from dataBytes in Gen.Choose(0, 200)
            from dataSize in Gen.OneOf(Gen.Constant(-1L), Gen.Elements(0L, 1L, 0x7FFFFFFFL, 0xFFFFFFFFL), Gen.Choose(0, 400).Select(n => (long)n))
            from riffSize in Gen.OneOf(Gen.Constant(-1L), Gen.Elements(0L, 4L, 0xFFFFFFFFL))
            select BuildWav(tag, (ushort)channels, rate, (ushort)bits, blockAlign, fmtSize, dataBytes, dataSize, riffSize);

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(MaxTest), Prop.ForAll(fields.ToArbitrary(), Holds));
    }

    private static bool Holds(byte[] file)
    {
        // Throws FuzzFailureException, which FsCheck reports with the shrunk input, when the contract is broken.
        DecoderFuzzTarget.Run(file, new Random(file.Length));
        return true;
    }

    /// <summary>A WAV file whose structure is right but whose fields are given; -1 means "the consistent value".</summary>
    private static byte[] BuildWav(
        ushort tag, ushort channels, uint rate, ushort bits, int blockAlign, uint fmtSize, int dataBytes, long dataSize, long riffSize)
    {
        var fmt = WavBytes.ExtensiblePayload(subFormat: tag == 0xFFFE ? (ushort)1 : tag, channels: channels, rate: rate, bits: bits, mask: 0x3);
        if (tag != 0xFFFE)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(fmt, tag);
        }

        var align = blockAlign >= 0 ? (ushort)blockAlign : (ushort)(channels * ((bits + 7) / 8));
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(12), align);
        var fmtLength = (int)Math.Min(fmtSize, 40);
        var data = new byte[dataBytes];
        new Random(dataBytes).NextBytes(data);
        return WavBytes.Riff(
            riffSize >= 0 ? (uint)riffSize : null,
            WavBytes.Chunk("fmt ", fmt[..fmtLength], fmtSize),
            WavBytes.Chunk("data", data, dataSize >= 0 ? (uint)dataSize : null));
    }
}
