using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;

namespace AudioPost.Sdk.Sources;

/// <summary>
/// A node that produces audio: a generator, a file, a clip on a timeline.
/// </summary>
/// <remarks>
/// The source shape is a pull with a position (<see cref="ProcessContext.TimelineFrame"/>), so a
/// file source reads at the timeline position and can be located; a stream-only source (an
/// oscillator) ignores it. An adapter to NAudio's <c>ISampleProvider.Read(Span&lt;float&gt;)</c>
/// is a few lines of interleaving.
/// </remarks>
public interface IAudioSource : IAudioNode
{
    /// <summary>Gets the number of channels produced; fixed for the node's life.</summary>
    int ChannelCount { get; }

    /// <summary>Allocates state (spec's channel count is <see cref="ChannelCount"/>). Control thread; may allocate.</summary>
    void Prepare(in ProcessSpec spec);

    /// <summary>Fills every frame of <paramref name="destination"/>. Audio thread; real-time rules apply.</summary>
    void Read(AudioBlock destination, in ProcessContext context);
}
