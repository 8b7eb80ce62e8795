using System.Runtime.CompilerServices;
using AudioPost.Sdk.Internal;

namespace AudioPost.Sdk.Buffers;

/// <summary>
/// A read-only view of planar 32-bit float audio; the read-only twin of <see cref="AudioBlock"/>,
/// with the same layout rules. Real-time safe to create, slice and pass around.
/// </summary>
public readonly ref struct ReadOnlyAudioBlock
{
    private readonly ReadOnlySpan<float> _data;

    /// <summary>Creates a block over a tightly packed planar span (stride = <paramref name="frameCount"/>).</summary>
    public ReadOnlyAudioBlock(ReadOnlySpan<float> data, int channelCount, int frameCount)
        : this(data, channelCount, frameCount, frameCount)
    {
    }

    /// <summary>Creates a block over a planar span with an explicit channel stride (see <see cref="AudioBlock"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, or the stride is smaller than the frame count.</exception>
    /// <exception cref="ArgumentException"><paramref name="data"/> is too short for the shape.</exception>
    public ReadOnlyAudioBlock(ReadOnlySpan<float> data, int channelCount, int frameCount, int channelStride)
    {
        BlockShape.Validate(data.Length, channelCount, frameCount, channelStride);
        _data = data;
        ChannelCount = channelCount;
        FrameCount = frameCount;
        ChannelStride = channelStride;
    }

    /// <summary>Gets the number of channels.</summary>
    public int ChannelCount { get; }

    /// <summary>Gets the number of frames (samples per channel).</summary>
    public int FrameCount { get; }

    /// <summary>Gets the distance, in samples, between the first samples of two adjacent channels.</summary>
    public int ChannelStride { get; }

    /// <summary>Gets whether the block holds no samples.</summary>
    public bool IsEmpty => ChannelCount == 0 || FrameCount == 0;

    /// <summary>Gets the samples of one channel.</summary>
    public ReadOnlySpan<float> this[int channel] => GetChannel(channel);

    /// <summary>Gets the samples of one channel.</summary>
    /// <param name="channel">Channel index, 0 to <see cref="ChannelCount"/> - 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channel"/> is out of range.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<float> GetChannel(int channel)
    {
        if ((uint)channel >= (uint)ChannelCount)
        {
            ThrowHelper.ThrowChannelOutOfRange(channel, ChannelCount);
        }

        return _data.Slice(channel * ChannelStride, FrameCount);
    }

    /// <summary>Gets a view of <paramref name="frameCount"/> frames starting at <paramref name="frameOffset"/>.</summary>
    public ReadOnlyAudioBlock Slice(int frameOffset, int frameCount)
    {
        BlockShape.ValidateSlice(FrameCount, frameOffset, frameCount);
        return ChannelCount == 0
            ? new ReadOnlyAudioBlock(default, 0, frameCount, frameCount)
            : new ReadOnlyAudioBlock(_data.Slice(frameOffset), ChannelCount, frameCount, ChannelStride);
    }

    /// <summary>Gets a view of <paramref name="channelCount"/> channels starting at <paramref name="firstChannel"/>.</summary>
    public ReadOnlyAudioBlock SliceChannels(int firstChannel, int channelCount)
    {
        BlockShape.ValidateSlice(ChannelCount, firstChannel, channelCount);
        return channelCount == 0
            ? new ReadOnlyAudioBlock(default, 0, FrameCount, FrameCount)
            : new ReadOnlyAudioBlock(_data.Slice(firstChannel * ChannelStride), channelCount, FrameCount, ChannelStride);
    }

    /// <summary>Copies this block into <paramref name="destination"/>, which must have the same channel and frame counts.</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public void CopyTo(AudioBlock destination)
    {
        if (destination.ChannelCount != ChannelCount || destination.FrameCount != FrameCount)
        {
            ThrowHelper.ThrowShapeMismatch(ChannelCount, FrameCount, destination.ChannelCount, destination.FrameCount);
        }

        for (var c = 0; c < ChannelCount; c++)
        {
            GetChannel(c).CopyTo(destination.GetChannel(c));
        }
    }
}
