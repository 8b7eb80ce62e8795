using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Formats;

/// <summary>
/// Reads the frames of an opened audio file as planar 32-bit float, sequentially or after a seek.
/// </summary>
/// <remarks>
/// <para>Not thread-safe: use one reader from one thread at a time. <see cref="Info"/> may be read from any thread.</para>
/// <para>Real-time safety: <see cref="Read"/> and <see cref="Seek"/> do not allocate after the reader is opened,
/// but they perform blocking I/O on the underlying stream, so call them from an audio thread only when the stream
/// is in memory.</para>
/// </remarks>
public interface IAudioFileReader : IDisposable
{
    /// <summary>Gets what the header says about the file: format, encoding, rate, layout and length.</summary>
    AudioFileInfo Info { get; }

    /// <summary>Gets the frame the next <see cref="Read"/> starts at, 0 to <see cref="AudioFileInfo.Frames"/>.</summary>
    long Position { get; }

    /// <summary>Moves to <paramref name="frame"/>, so the next <see cref="Read"/> starts there.</summary>
    /// <param name="frame">The target frame, 0 to <see cref="AudioFileInfo.Frames"/> (the end).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="frame"/> is outside the file.</exception>
    /// <exception cref="ObjectDisposedException">The reader is disposed.</exception>
    /// <exception cref="IOException">The stream failed.</exception>
    void Seek(long frame);

    /// <summary>
    /// Decodes up to <c>destination.FrameCount</c> frames from <see cref="Position"/> into the start of
    /// <paramref name="destination"/> and advances <see cref="Position"/> by the number returned.
    /// </summary>
    /// <param name="destination">Receives the frames; its channel count must equal the file's. Frames past the
    /// returned count are left untouched.</param>
    /// <returns>The number of frames decoded: fewer than requested only at the end of the file (or when the stream
    /// turns out shorter than the header said), 0 at the end.</returns>
    /// <exception cref="ArgumentException">The channel count of <paramref name="destination"/> differs from the file's.</exception>
    /// <exception cref="ObjectDisposedException">The reader is disposed.</exception>
    /// <exception cref="IOException">The stream failed.</exception>
    int Read(AudioBlock destination);
}
