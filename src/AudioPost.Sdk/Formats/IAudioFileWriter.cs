using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Formats;

/// <summary>
/// Encodes planar 32-bit float frames into an audio file, appending in call order.
/// </summary>
/// <remarks>
/// <para>Lifecycle: <see cref="Write"/> any number of times, then <see cref="Complete"/> to finalise the header, then
/// dispose. Disposing without completing completes first, so a <c>using</c> block leaves a valid file.</para>
/// <para>Not thread-safe: use one writer from one thread at a time.</para>
/// <para>Real-time safety: <see cref="Write"/> does not allocate after the writer is created, but it performs
/// blocking I/O whenever its internal buffer fills or the header is refreshed.</para>
/// </remarks>
public interface IAudioFileWriter : IDisposable
{
    /// <summary>Gets the number of frames accepted by <see cref="Write"/> so far (whether or not yet on disk).</summary>
    long FramesWritten { get; }

    /// <summary>Appends every frame of <paramref name="block"/>.</summary>
    /// <param name="block">The frames; its channel count must equal the writer's. Samples are nominally in [-1, 1];
    /// integer encodings saturate values outside it.</param>
    /// <exception cref="ArgumentException">The channel count of <paramref name="block"/> differs from the writer's.</exception>
    /// <exception cref="InvalidOperationException">The writer is completed.</exception>
    /// <exception cref="ObjectDisposedException">The writer is disposed.</exception>
    /// <exception cref="NotSupportedException">The file would grow past what the format can address.</exception>
    /// <exception cref="IOException">The stream failed.</exception>
    void Write(ReadOnlyAudioBlock block);

    /// <summary>
    /// Pushes every buffered frame to the stream and updates the header so the file is readable up to
    /// <see cref="FramesWritten"/>, then flushes the stream.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The writer is disposed.</exception>
    /// <exception cref="IOException">The stream failed.</exception>
    void Flush();

    /// <summary>
    /// Writes every buffered frame, patches the final sizes into the header and flushes the stream. Idempotent;
    /// <see cref="Write"/> is not allowed afterwards. Does not close the stream: <see cref="IDisposable.Dispose"/> does.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The writer is disposed.</exception>
    /// <exception cref="IOException">The stream failed.</exception>
    void Complete();
}
