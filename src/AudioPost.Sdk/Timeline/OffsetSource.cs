using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Sources;

namespace AudioPost.Sdk.Timeline;

/// <summary>Plays a positional source shifted: timeline frame <c>n</c> reads the inner source at <c>n + offset</c>.
/// Lets a source-in be applied before a resampler, at the file's own rate, exactly.</summary>
internal sealed class OffsetSource(IAudioSource inner, long offset) : IAudioSource
{
    public int ChannelCount => inner.ChannelCount;

    public void Prepare(in ProcessSpec spec) => inner.Prepare(spec);

    public void Reset() => inner.Reset();

    public void Read(AudioBlock destination, in ProcessContext context) =>
        inner.Read(destination, new ProcessContext(context.StreamFrame, context.TimelineFrame + offset, context.SampleRate, context.IsOffline));
}
