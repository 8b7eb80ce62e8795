using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Formats;

/// <summary>
/// Forwards to a writer and disposes a stream after it, for files the registry opened on the caller's behalf.
/// Same thread-safety and real-time properties as the wrapped writer.
/// </summary>
internal sealed class StreamOwningFileWriter : IAudioFileWriter
{
    private readonly IAudioFileWriter _inner;
    private readonly Stream _stream;

    public StreamOwningFileWriter(IAudioFileWriter inner, Stream stream)
    {
        _inner = inner;
        _stream = stream;
    }

    public long FramesWritten => _inner.FramesWritten;

    public void Write(ReadOnlyAudioBlock block) => _inner.Write(block);

    public void Flush() => _inner.Flush();

    public void Complete() => _inner.Complete();

    public void Dispose()
    {
        try
        {
            _inner.Dispose();
        }
        finally
        {
            _stream.Dispose();
        }
    }
}
