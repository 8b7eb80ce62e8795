using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Processing;

/// <summary>
/// A delay whose output for a block depends only on input from earlier blocks, once
/// <see cref="DelayFrames"/> is at least the graph's block size. The graph compiler lets a cycle
/// pass through such a node: it reads the node's output at the start of the block and writes its
/// input once the loop has been rendered.
/// </summary>
public interface IFeedbackDelay : IAudioProcessor
{
    /// <summary>Gets the delay in frames (valid after Prepare).</summary>
    int DelayFrames { get; }

    /// <summary>Writes the next <c>destination.FrameCount</c> delayed frames. Audio thread; real-time rules apply.</summary>
    void ReadDelayed(AudioBlock destination, in ProcessContext context);

    /// <summary>Stores <c>source.FrameCount</c> input frames, after the matching <see cref="ReadDelayed"/>. Audio thread.</summary>
    void WriteInput(ReadOnlyAudioBlock source, in ProcessContext context);
}
