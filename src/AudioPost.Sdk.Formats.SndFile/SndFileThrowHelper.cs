using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using AudioPost.Sdk.Formats.SndFile.Interop;

namespace AudioPost.Sdk.Formats.SndFile;

/// <summary>The exceptions this package raises, kept out of line so the read and write paths stay small.</summary>
internal static class SndFileThrowHelper
{
    /// <summary>libsndfile refused to open a file for reading: it is corrupt or not a format it knows.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowCannotOpen(Stream stream) =>
        throw new AudioFormatException(
            $"libsndfile cannot open the file: {SndFileNative.GetOpenErrorText()}", 0, (stream as FileStream)?.Name, innerException: null);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowUnsupportedFile(Stream stream, int format) =>
        throw new AudioFormatException(
            $"libsndfile opened the file as format 0x{format:X8}, which is not FLAC, Ogg Vorbis, Opus or MP3", 0, (stream as FileStream)?.Name, innerException: null);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowBadInfo(Stream stream, string what) =>
        throw new AudioFormatException($"libsndfile reports {what}", 0, (stream as FileStream)?.Name, innerException: null);

    /// <summary>A libsndfile read, write or seek failed without a stream exception behind it.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowLibraryError(SndFileHandle sndfile, string operation) =>
        throw new IOException($"libsndfile failed to {operation}: {SndFileNative.GetErrorText(sndfile)}");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowDecodeError(SndFileHandle sndfile) =>
        throw new AudioFormatException($"libsndfile failed to decode the file: {SndFileNative.GetErrorText(sndfile)}");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowChannelMismatch(string paramName, int blockChannels, int fileChannels) =>
        throw new ArgumentException($"The block has {blockChannels} channel(s) but the file has {fileChannels}.", paramName);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowSeekOutOfRange(long frame, long frames) =>
        throw new ArgumentOutOfRangeException(nameof(frame), frame, $"The frame must be 0 to {frames} (the end of the file).");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowCompleted() =>
        throw new InvalidOperationException("The writer is completed; no more frames can be written.");
}
