namespace AudioPost.Sdk.Formats;

/// <summary>Opens files of one format for reading.</summary>
/// <remarks>
/// Decoders are stateless and thread-safe: one instance may open any number of files concurrently. Each
/// <see cref="IAudioFileReader"/> it returns is used by one thread at a time.
/// </remarks>
public interface IAudioDecoder
{
    /// <summary>
    /// Parses the header at the stream's current position and returns a reader positioned at frame 0.
    /// </summary>
    /// <param name="stream">A readable stream positioned at the start of the file. Decoders may require it to be
    /// seekable (the WAV decoder does, to validate chunk sizes against the length and to seek).</param>
    /// <param name="options">General decoding options, or <see langword="null"/> for <see cref="DecoderOptions.Default"/>.
    /// Unless <see cref="DecoderOptions.LeaveOpen"/> is set, the reader owns <paramref name="stream"/> and disposes
    /// it, also when this method throws.</param>
    /// <returns>The reader. Dispose it to release the stream.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> cannot be read (or seeked, where required).</exception>
    /// <exception cref="AudioFormatException">The header is malformed or describes something the decoder does not support.</exception>
    /// <exception cref="IOException">The stream failed.</exception>
    IAudioFileReader Open(Stream stream, DecoderOptions? options = null);
}
