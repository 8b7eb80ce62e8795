using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;

namespace AudioPost.Sdk.Sinks;

/// <summary>Discards what it receives; counts the frames. Useful to pull a graph that has no other sink. Real-time safe.</summary>
public sealed class NullSink : IAudioSink
{
    private long _frames;

    /// <summary>Gets the frames received since the last reset. Any thread.</summary>
    public long FramesReceived => Volatile.Read(ref _frames);

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
    }

    /// <inheritdoc />
    public void Reset()
    {
    }

    /// <inheritdoc />
    public void Write(ReadOnlyAudioBlock block, in ProcessContext context) => Volatile.Write(ref _frames, _frames + block.FrameCount);

    /// <inheritdoc />
    public void Complete()
    {
    }
}
