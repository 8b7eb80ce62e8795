namespace AudioPost.Sdk.Formats.SndFile;

/// <summary>
/// Opens FLAC, Ogg Vorbis, Opus and MP3 files with libsndfile, which identifies the file itself: whichever of the
/// four formats is registered, the reader's <see cref="AudioFileInfo.Format"/> is the one libsndfile found.
/// </summary>
/// <remarks>
/// <para>Stateless and thread-safe; use <see cref="Instance"/>.</para>
/// <para>What the reader reports: FLAC as <see cref="Buffers.SampleFormat.Pcm8"/>, <see cref="Buffers.SampleFormat.Pcm16"/>
/// or <see cref="Buffers.SampleFormat.Pcm24"/> (decoded exactly); the lossy codecs as
/// <see cref="Buffers.SampleFormat.Float32"/>. Opus decodes at the rate libsndfile chooses (48 kHz, or the
/// original rate when it is one Opus runs at). The layout is the codec's channel order (see the package README).
/// Lengths of lossy files are libsndfile's (from the last Ogg granule position, or mpg123's gapless scan).</para>
/// </remarks>
public sealed class SndFileDecoder : IAudioDecoder
{
    private SndFileDecoder()
    {
    }

    /// <summary>Gets the shared instance.</summary>
    public static SndFileDecoder Instance { get; } = new();

    /// <summary>Opens the file at the stream's position and returns a reader positioned at frame 0.</summary>
    /// <param name="stream">A readable, seekable stream positioned at the start of the file.</param>
    /// <param name="options">Decoding options, or <see langword="null"/> for <see cref="DecoderOptions.Default"/>.</param>
    /// <returns>A reader. Its <see cref="IAudioFileReader.Read"/> decodes through a float buffer of
    /// <see cref="DecoderOptions.BufferSize"/> bytes allocated here, and allocates nothing per call.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> cannot be read or seeked.</exception>
    /// <exception cref="AudioFormatException">libsndfile cannot open the file (corrupt or unknown; the message holds
    /// libsndfile's reason), or it is a format other than the four.</exception>
    /// <exception cref="IOException">The stream failed.</exception>
    /// <exception cref="DllNotFoundException">libsndfile is not installed; the message says how to install it.</exception>
    public IAudioFileReader Open(Stream stream, DecoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= DecoderOptions.Default;
        try
        {
            if (!stream.CanRead || !stream.CanSeek)
            {
                throw new ArgumentException("The libsndfile decoder needs a readable, seekable stream.", nameof(stream));
            }

            SndFileLibrary.EnsureLoaded();
            return SndFileDecoderCore.Open(stream, options);
        }
        catch when (!options.LeaveOpen)
        {
            stream.Dispose();
            throw;
        }
    }
}
