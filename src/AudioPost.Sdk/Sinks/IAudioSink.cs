using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;

namespace AudioPost.Sdk.Sinks;

/// <summary>
/// A node that consumes audio: a file writer, a meter, a device or host output.
/// </summary>
public interface IAudioSink : IAudioNode
{
    /// <summary>Allocates state (spec's channel count is the input's). Control thread; may allocate or open files.</summary>
    void Prepare(in ProcessSpec spec);

    /// <summary>Consumes one block. Audio thread; real-time rules apply unless the sink documents otherwise.</summary>
    void Write(ReadOnlyAudioBlock block, in ProcessContext context);

    /// <summary>
    /// Finishes the stream: flushes and finalizes (a file writer patches its header). Called once
    /// by an offline render at its end, off the audio thread. Idempotent.
    /// </summary>
    void Complete();
}
