using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace AudioPost.Sdk.Internal;

/// <summary>
/// Throws kept out of line, so that the callers' hot paths stay small enough to inline
/// (the pattern of System.IO.Pipelines' ThrowHelper).
/// </summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowChannelOutOfRange(int channel, int channelCount) =>
        throw new ArgumentOutOfRangeException(nameof(channel), channel, $"Channel {channel} is outside the block's {channelCount} channel(s).");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowDataTooShort(int dataLength, int channelCount, int frameCount, int channelStride) =>
        throw new ArgumentException($"A span of {dataLength} samples is too short for {channelCount} channel(s) of {frameCount} frame(s) at a stride of {channelStride}.", nameof(dataLength));

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowSliceOutOfRange(int offset, int count, int length) =>
        throw new ArgumentOutOfRangeException(nameof(offset), $"The range [{offset}, {offset}+{count}) is not inside [0, {length}).");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowShapeMismatch(int channels, int frames, int otherChannels, int otherFrames) =>
        throw new ArgumentException($"Block shapes differ: {channels}x{frames} against {otherChannels}x{otherFrames} (channels x frames).", nameof(otherChannels));
}
