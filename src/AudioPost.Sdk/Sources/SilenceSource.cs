using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;

namespace AudioPost.Sdk.Sources;

/// <summary>Digital silence on <see cref="ChannelCount"/> channels. Real-time safe.</summary>
/// <param name="channelCount">Channels, 1 to 1024.</param>
public sealed class SilenceSource(int channelCount = 1) : IAudioSource
{
    /// <inheritdoc />
    public int ChannelCount { get; } = channelCount is >= 1 and <= AudioBuffer.MaxChannels
        ? channelCount
        : throw new ArgumentOutOfRangeException(nameof(channelCount), channelCount, "A source has 1 to 1024 channels.");

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
    }

    /// <inheritdoc />
    public void Reset()
    {
    }

    /// <inheritdoc />
    public void Read(AudioBlock destination, in ProcessContext context) => destination.Clear();
}
