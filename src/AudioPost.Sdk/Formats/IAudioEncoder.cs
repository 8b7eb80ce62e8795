using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Formats;

/// <summary>Creates files of one format.</summary>
/// <remarks>
/// Encoders hold only immutable configuration, so they are thread-safe: one instance may create any number of files
/// concurrently. Each <see cref="IAudioFileWriter"/> it returns is used by one thread at a time.
/// </remarks>
public interface IAudioEncoder
{
    /// <summary>Writes a header for an empty stream of <paramref name="spec"/> and returns a writer for its frames.</summary>
    /// <param name="stream">A writable stream positioned where the file should start. Encoders may require it to be
    /// seekable (the WAV encoder does, to patch sizes into the header).</param>
    /// <param name="spec">The sample rate and channel layout of the frames that will be written.</param>
    /// <param name="sampleFormat">How each sample is stored in the file.</param>
    /// <param name="options">General encoding options, or <see langword="null"/> for the encoder's own defaults.
    /// Unless <see cref="EncoderOptions.LeaveOpen"/> is set, the writer owns <paramref name="stream"/> and disposes
    /// it, also when this method throws.</param>
    /// <returns>The writer. Call <see cref="IAudioFileWriter.Complete"/> and dispose it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> cannot be written (or seeked, where required), or
    /// <paramref name="spec"/> is the default value.</exception>
    /// <exception cref="NotSupportedException">The format cannot store <paramref name="sampleFormat"/> or the spec.</exception>
    /// <exception cref="IOException">The stream failed.</exception>
    IAudioFileWriter Create(Stream stream, AudioSpec spec, SampleFormat sampleFormat, EncoderOptions? options = null);
}
