using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Formats;

/// <summary>
/// The argument checks and stream ownership every encoder that patches sizes into its header shares (WAV, AIFF):
/// a writable, seekable stream, a spec that is not the default value, a defined sample format; and on any failure
/// the stream is disposed unless the options leave it open, so a refused Create leaks nothing.
/// </summary>
internal static class SeekableEncoder
{
    /// <summary>Checks the arguments, then returns what <paramref name="create"/> makes; control thread.</summary>
    /// <param name="stream">The destination, not null.</param>
    /// <param name="spec">The sample rate and channel layout.</param>
    /// <param name="sampleFormat">How samples are stored.</param>
    /// <param name="options">The general options in force (not null).</param>
    /// <param name="container">The container's name in the message, e.g. "WAV".</param>
    /// <param name="create">Makes the writer once the shared checks passed; may throw its own refusals.</param>
    /// <exception cref="ArgumentException"><paramref name="stream"/> cannot be written or seeked, or <paramref name="spec"/> is the default value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleFormat"/> is not a defined value.</exception>
    public static IAudioFileWriter Create(Stream stream, AudioSpec spec, SampleFormat sampleFormat, EncoderOptions options, string container, Func<IAudioFileWriter> create)
    {
        try
        {
            if (!stream.CanWrite || !stream.CanSeek)
            {
                throw new ArgumentException($"The {container} encoder needs a writable, seekable stream to patch sizes into the header.", nameof(stream));
            }

            if (spec.Layout is null)
            {
                throw new ArgumentException("The spec is the default value; it needs a sample rate and a channel layout.", nameof(spec));
            }

            _ = sampleFormat.GetBytesPerSample();
            return create();
        }
        catch when (!options.LeaveOpen)
        {
            stream.Dispose();
            throw;
        }
    }
}
