using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.IO;

namespace AudioPost.Sdk.Formats.Wav;

/// <summary>
/// Throws the WAV decoder's <see cref="AudioFormatException"/>s, kept out of line so the parsing and reading paths
/// stay small. Each message says what was found and what was expected; the offset says where.
/// </summary>
internal static class WavThrowHelper
{
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowNotRiff(long offset, uint id) =>
        throw Create(offset, $"expected 'RIFF' but found {FourCC.ToDisplayString(id)}: not a WAV file");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowMissingDs64(long offset, uint formId, uint found) =>
        throw Create(offset, $"a {FourCC.ToDisplayString(formId)} file must start with a 'ds64' chunk holding its 64-bit sizes, but found {FourCC.ToDisplayString(found)}");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowBadDs64(long offset, string what) =>
        throw Create(offset, $"bad 'ds64' chunk: {what}");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowNotWave(long offset, uint formType) =>
        throw Create(offset, $"the RIFF form type is {FourCC.ToDisplayString(formType)}, not 'WAVE'");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowDataPastEnd(long offset, long size, long remaining) =>
        throw Create(offset, $"chunk 'data' claims {size} bytes but only {remaining} remain: the file is truncated; recovery mode reads what is there");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowMissingFmt(long offset) =>
        throw Create(offset, $"the chunks end without a 'fmt ' chunk");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowMissingData(long offset) =>
        throw Create(offset, $"the chunks end without a 'data' chunk");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowDataBeforeFmt(long offset) =>
        throw Create(offset, $"chunk 'data' comes before the 'fmt ' chunk, so its samples cannot be interpreted");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowDuplicateFmt(long offset) =>
        throw Create(offset, $"a second 'fmt ' chunk; the format is ambiguous");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowFmtTooSmall(long offset, long size, int needed) =>
        throw Create(offset, $"chunk 'fmt ' is {size} bytes, fewer than the {needed} its format needs");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowUnsupportedFormatTag(long offset, ushort tag) =>
        throw Create(
            offset,
            $"format tag 0x{tag:X4}{DescribeTag(tag)} is not supported; only PCM (0x0001), IEEE float (0x0003) and WAVE_FORMAT_EXTENSIBLE (0xFFFE) are");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowUnsupportedSubFormat(long offset, ReadOnlySpan<byte> guid) =>
        throw Create(
            offset,
            $"WAVE_FORMAT_EXTENSIBLE sub-format GUID {Convert.ToHexString(guid)} is not supported; only the PCM and IEEE float sub-formats are");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowBadExtensibleSize(long offset, int cbSize) =>
        throw Create(offset, $"WAVE_FORMAT_EXTENSIBLE cbSize is {cbSize}, fewer than the {WavConstants.ExtensibleExtraSize} bytes of its extension");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowTooManyChannelsForLayout(long offset, int channels) =>
        throw Create(offset, $"{channels} channels are more than the {ChannelLayout.MaxChannels} a channel layout can describe");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowBadSampleRate(long offset, uint sampleRate) =>
        throw Create(offset, $"sample rate {sampleRate} Hz is invalid: it must be 1 to {WavConstants.MaxSampleRate} Hz");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowUnsupportedBits(long offset, ushort tag, int bits)
    {
        if (tag == WavConstants.FormatIeeeFloat)
        {
            throw Create(offset, $"{bits} bits per sample is not supported for IEEE float; only 32 and 64 are");
        }

        throw Create(offset, $"{bits} bits per sample is not supported for PCM; only 8, 16, 24 and 32 are");
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowBadValidBits(long offset, int validBits, int containerBits) =>
        throw Create(offset, $"{validBits} valid bits per sample do not fit the {containerBits}-bit container");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowBadBlockAlign(long offset, int blockAlign, int channels, int bytesPerSample) =>
        throw Create(
            offset,
            $"block align {blockAlign} is inconsistent with {channels} channel(s) of {bytesPerSample} byte(s): expected {channels * bytesPerSample}");

    private static AudioFormatException Create(long offset, FormattableString reason) =>
        ContainerThrowHelper.Create(offset, reason);

    private static string DescribeTag(ushort tag) => tag switch
    {
        0x0002 => " (Microsoft ADPCM)",
        0x0006 => " (A-law)",
        0x0007 => " (mu-law)",
        0x0011 => " (IMA ADPCM)",
        0x0050 => " (MPEG)",
        0x0055 => " (MPEG Layer III)",
        0x2000 => " (AC-3)",
        _ => string.Empty,
    };
}
