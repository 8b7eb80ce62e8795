namespace AudioPost.Sdk.Internal;

/// <summary>Shape checks shared by the block views, kept out of the views so their code stays small.</summary>
internal static class BlockShape
{
    public static void Validate(int dataLength, int channelCount, int frameCount, int channelStride)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channelCount);
        ArgumentOutOfRangeException.ThrowIfNegative(frameCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(channelStride, frameCount);
        if (channelCount > 0 && (long)(channelCount - 1) * channelStride + frameCount > dataLength)
        {
            ThrowHelper.ThrowDataTooShort(dataLength, channelCount, frameCount, channelStride);
        }
    }

    public static void ValidateSlice(int length, int offset, int count)
    {
        if ((uint)offset > (uint)length || (uint)count > (uint)(length - offset))
        {
            ThrowHelper.ThrowSliceOutOfRange(offset, count, length);
        }
    }
}
