using System.Runtime.CompilerServices;
using AudioPost.Sdk.Internal;

namespace AudioPost.Sdk.Buffers;

/// <summary>
/// A writable view of planar 32-bit float audio: <see cref="ChannelCount"/> channels of
/// <see cref="FrameCount"/> frames each, laid out channel after channel in one span.
/// </summary>
/// <remarks>
/// <para>Channel <c>c</c> occupies <c>data[c * ChannelStride .. c * ChannelStride + FrameCount)</c>.
/// A stride larger than the frame count lets a block view the front part of a larger buffer (the
/// layout of, for example, Wwise's <c>AkAudioBuffer</c>), and makes <see cref="Slice(int, int)"/> free.</para>
/// <para>Samples are nominally in [-1, 1]; values outside are legal inside the graph (headroom is
/// unlimited in float) and are clipped only where a fixed-point edge demands it.</para>
/// <para>A block is a view: it owns nothing, cannot outlive the memory it views, and is real-time
/// safe to create, slice and pass around (no allocation).</para>
/// </remarks>
public readonly ref struct AudioBlock
{
    private readonly Span<float> _data;

    /// <summary>Creates a block over a tightly packed planar span (stride = <paramref name="frameCount"/>).</summary>
    /// <param name="data">Planar samples; at least <c>channelCount * frameCount</c> long.</param>
    /// <param name="channelCount">Number of channels, 0 or more.</param>
    /// <param name="frameCount">Number of frames per channel, 0 or more.</param>
    public AudioBlock(Span<float> data, int channelCount, int frameCount)
        : this(data, channelCount, frameCount, frameCount)
    {
    }

    /// <summary>Creates a block over a planar span with an explicit channel stride.</summary>
    /// <param name="data">Planar samples; at least <c>(channelCount - 1) * channelStride + frameCount</c> long.</param>
    /// <param name="channelCount">Number of channels, 0 or more.</param>
    /// <param name="frameCount">Number of frames per channel, 0 or more.</param>
    /// <param name="channelStride">Distance in samples between the starts of two channels; at least <paramref name="frameCount"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, or the stride is smaller than the frame count.</exception>
    /// <exception cref="ArgumentException"><paramref name="data"/> is too short for the shape.</exception>
    public AudioBlock(Span<float> data, int channelCount, int frameCount, int channelStride)
    {
        BlockShape.Validate(data.Length, channelCount, frameCount, channelStride);
        _data = data;
        ChannelCount = channelCount;
        FrameCount = frameCount;
        ChannelStride = channelStride;
    }

    private AudioBlock(Span<float> data, int channelCount, int frameCount, int channelStride, bool trusted)
    {
        _ = trusted;
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
    /// <param name="channel">Channel index, 0 to <see cref="ChannelCount"/> - 1.</param>
    public Span<float> this[int channel] => GetChannel(channel);

    /// <summary>Gets the samples of one channel.</summary>
    /// <param name="channel">Channel index, 0 to <see cref="ChannelCount"/> - 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channel"/> is out of range.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<float> GetChannel(int channel)
    {
        if ((uint)channel >= (uint)ChannelCount)
        {
            ThrowHelper.ThrowChannelOutOfRange(channel, ChannelCount);
        }

        return _data.Slice(channel * ChannelStride, FrameCount);
    }

    /// <summary>Gets a view of the frames from <paramref name="frameOffset"/> to the end.</summary>
    public AudioBlock Slice(int frameOffset) => Slice(frameOffset, FrameCount - frameOffset);

    /// <summary>Gets a view of <paramref name="frameCount"/> frames starting at <paramref name="frameOffset"/>, on every channel.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside the block.</exception>
    public AudioBlock Slice(int frameOffset, int frameCount)
    {
        BlockShape.ValidateSlice(FrameCount, frameOffset, frameCount);
        if (ChannelCount == 0)
        {
            return new AudioBlock(default, 0, frameCount, ChannelStride, trusted: true);
        }

        return new AudioBlock(_data.Slice(frameOffset), ChannelCount, frameCount, ChannelStride, trusted: true);
    }

    /// <summary>Gets a view of <paramref name="channelCount"/> channels starting at <paramref name="firstChannel"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside the block.</exception>
    public AudioBlock SliceChannels(int firstChannel, int channelCount)
    {
        BlockShape.ValidateSlice(ChannelCount, firstChannel, channelCount);
        if (channelCount == 0)
        {
            return new AudioBlock(default, 0, FrameCount, ChannelStride, trusted: true);
        }

        return new AudioBlock(_data.Slice(firstChannel * ChannelStride), channelCount, FrameCount, ChannelStride, trusted: true);
    }

    /// <summary>Sets every sample of the block to zero.</summary>
    public void Clear()
    {
        for (var c = 0; c < ChannelCount; c++)
        {
            _data.Slice(c * ChannelStride, FrameCount).Clear();
        }
    }

    /// <summary>Copies this block into <paramref name="destination"/>, which must have the same shape (channels and frames).</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public void CopyTo(AudioBlock destination)
    {
        AsReadOnly().CopyTo(destination);
    }

    /// <summary>Gets a read-only view of the same samples.</summary>
    public ReadOnlyAudioBlock AsReadOnly() => new(_data, ChannelCount, FrameCount, ChannelStride);

    /// <summary>Gets a read-only view of the same samples.</summary>
    public static implicit operator ReadOnlyAudioBlock(AudioBlock block) => block.AsReadOnly();
}
