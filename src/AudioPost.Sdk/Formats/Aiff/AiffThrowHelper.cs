using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using AudioPost.Sdk.IO;

namespace AudioPost.Sdk.Formats.Aiff;

/// <summary>
/// Throws the AIFF decoder's <see cref="AudioFormatException"/>s, kept out of line so the parsing and reading paths
/// stay small. Each message says what was found and what was expected; the offset says where.
/// </summary>
internal static class AiffThrowHelper
{
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowNotForm(long offset, uint id) =>
        throw Create(offset, $"expected 'FORM' but found {FourCC.ToDisplayString(id)}: not an AIFF file");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowNotAiff(long offset, uint formType) =>
        throw Create(offset, $"the FORM type is {FourCC.ToDisplayString(formType)}, not 'AIFF' or 'AIFC'");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowMissingComm(long offset) =>
        throw Create(offset, $"the chunks end without a 'COMM' chunk");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowMissingSsnd(long offset, long frames) =>
        throw Create(offset, $"the chunks end without an 'SSND' chunk, but 'COMM' declares {frames} frames");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowDuplicate(long offset, uint id) =>
        throw Create(offset, $"a second {FourCC.ToDisplayString(id)} chunk; the file is ambiguous");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowChunkTooSmall(long offset, uint id, long size, int needed) =>
        throw Create(offset, $"chunk {FourCC.ToDisplayString(id)} is {size} bytes, fewer than the {needed} it needs");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowBadSampleSize(long offset, int bits, uint compression) =>
        throw Create(offset, $"sample size {bits} bits is invalid for {FourCC.ToDisplayString(compression)}: it must be {MaxBitsFor(compression)}");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowBadSampleRate(long offset, AiffExtended.RateStatus status, double value)
    {
        var found = status switch
        {
            AiffExtended.RateStatus.NaN => "sample rate is not a number",
            AiffExtended.RateStatus.Infinite => "sample rate is infinite",
            _ => string.Create(CultureInfo.InvariantCulture, $"sample rate {value:R} Hz is invalid"),
        };
        throw Create(offset, $"{found}: it must round to 1 to {AiffConstants.MaxSampleRate} Hz");
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowUnsupportedCompression(long offset, uint compression) =>
        throw Create(
            offset,
            $"AIFF-C compression {FourCC.ToDisplayString(compression)}{DescribeCompression(compression)} is not supported; only 'NONE', 'twos', 'sowt', 'raw ', 'in24', 'in32', 'fl32' and 'fl64' are");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowBadSoundDataOffset(long offset, uint dataOffset, long available) =>
        throw Create(offset, $"'SSND' data offset {dataOffset} is past the {available} bytes of sound data in the chunk");

    private static AudioFormatException Create(long offset, FormattableString reason) =>
        ContainerThrowHelper.Create(offset, reason);

    private static string MaxBitsFor(uint compression) =>
        compression == AiffConstants.CompressionRaw ? "1 to 8" : $"1 to {AiffConstants.MaxPcmBits}";

    // Case-insensitive: 'ulaw'/'ULAW' and 'alaw'/'ALAW' both occur in the wild. ASCII letters differ only in bit 5.
    private static string DescribeCompression(uint compression) => (compression | 0x20202020) switch
    {
        AiffConstants.CompressionUlaw => " (G.711 mu-law)",
        AiffConstants.CompressionAlaw => " (G.711 A-law)",
        0x34616D69 => " (IMA ADPCM)",
        0x3363616D or 0x3663616D => " (MACE)",
        0x206D7367 => " (GSM)",
        _ => string.Empty,
    };
}
