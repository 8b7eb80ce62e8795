using System.Runtime.InteropServices;
using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Formats;

/// <summary>
/// Recovers the single planar span behind a block, which the fused conversion kernels take whole. Stateless,
/// thread-safe, allocation-free.
/// </summary>
internal static class BlockSpans
{
    /// <summary>Gets the planar samples of <paramref name="block"/>: channel c at <c>[c * ChannelStride, c * ChannelStride + FrameCount)</c>.</summary>
    /// <remarks>The block's constructor has already checked that its memory covers this extent, so widening channel 0's
    /// span to it stays inside the memory the block views.</remarks>
    public static Span<float> GetPlanar(AudioBlock block) =>
        block.IsEmpty
            ? default
            : MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(block.GetChannel(0)), Extent(block.ChannelCount, block.FrameCount, block.ChannelStride));

    /// <summary>Gets the planar samples of <paramref name="block"/>; see <see cref="GetPlanar(AudioBlock)"/>.</summary>
    public static ReadOnlySpan<float> GetPlanar(ReadOnlyAudioBlock block) =>
        block.IsEmpty
            ? default
            : MemoryMarshal.CreateReadOnlySpan(ref MemoryMarshal.GetReference(block.GetChannel(0)), Extent(block.ChannelCount, block.FrameCount, block.ChannelStride));

    private static int Extent(int channelCount, int frameCount, int channelStride) => ((channelCount - 1) * channelStride) + frameCount;
}
