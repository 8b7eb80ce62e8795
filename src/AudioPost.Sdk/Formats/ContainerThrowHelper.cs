using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using AudioPost.Sdk.IO;

namespace AudioPost.Sdk.Formats;

/// <summary>
/// Throws the <see cref="AudioFormatException"/>s that any chunked container (RIFF/WAV, IFF/AIFF) can raise: a file too
/// short for its header, chunk headers and payloads that run out, too many chunks, bad channel counts and damaged
/// metadata. The format helpers (<c>WavThrowHelper</c>, <c>AiffThrowHelper</c>) keep the messages only their format has;
/// the two share this one so the same damage reads the same in either format. Kept out of line so the parsing paths stay
/// small.
/// </summary>
internal static class ContainerThrowHelper
{
    /// <param name="offset">Where the file starts.</param>
    /// <param name="length">How many bytes the file has.</param>
    /// <param name="headerSize">The size of the outer header (12 for both RIFF and FORM).</param>
    /// <param name="headerName">The outer chunk's name, for example <c>RIFF</c> or <c>FORM</c>.</param>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowFileTooShort(long offset, long length, int headerSize, string headerName) =>
        throw Create(offset, $"the file is {length} bytes, shorter than the {headerSize}-byte {headerName} header");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowTruncatedChunkHeader(long offset, long remaining) =>
        throw Create(offset, $"truncated chunk header: only {remaining} of {RiffChunkHeader.HeaderSize} bytes remain");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowChunkPastEnd(long offset, uint id, long size, long remaining) =>
        throw Create(offset, $"chunk {FourCC.ToDisplayString(id)} claims {size} bytes but only {Math.Max(remaining, 0)} remain");

    /// <summary>
    /// Throws for a chunk walk that stopped on a damaged chunk (a truncated header, a payload past the end); returns
    /// for any other status, where the walk ended cleanly and the caller names the chunk that is missing.
    /// </summary>
    /// <param name="status">How the walk stopped.</param>
    /// <param name="chunk">The chunk it stopped at.</param>
    /// <param name="length">The file's length in bytes.</param>
    public static void ThrowIfChunkDamaged(RiffChunkStatus status, in RiffChunkHeader chunk, long length)
    {
        switch (status)
        {
            case RiffChunkStatus.TruncatedHeader:
                ThrowTruncatedChunkHeader(chunk.Offset, chunk.Size);
                break;
            case RiffChunkStatus.PayloadPastEnd:
                ThrowChunkPastEnd(chunk.Offset, chunk.Id, chunk.Size, length - chunk.PayloadOffset);
                break;
        }
    }

    /// <param name="offset">Where the chunk past the limit starts.</param>
    /// <param name="maxChunks">The format's chunk limit.</param>
    /// <param name="unmet">What the walk was still looking for, with a leading space (for example
    /// <c>" without both 'COMM' and 'SSND'"</c>), or empty.</param>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowTooManyChunks(long offset, int maxChunks, string unmet) =>
        throw Create(offset, $"more than {maxChunks} chunks{unmet}; the file is corrupt");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowChunkCutShort(long offset, uint id, long expected, int read) =>
        throw Create(offset, $"chunk {FourCC.ToDisplayString(id)} is cut short: read {read} of {expected} bytes");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowBadChannelCount(long offset, int channels, int maxChannels) =>
        throw Create(offset, $"channel count {channels} is invalid: it must be 1 to {maxChannels}");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowBadMetadata(long offset, uint id, string what) =>
        throw Create(offset, $"bad {FourCC.ToDisplayString(id)} chunk: {what}; recovery mode skips damaged metadata");

    /// <summary>Formats <paramref name="reason"/> culture-invariantly; a negative offset (before the file) becomes 0.</summary>
    public static AudioFormatException Create(long offset, FormattableString reason) =>
        new(reason.ToString(CultureInfo.InvariantCulture), Math.Max(offset, 0));
}
