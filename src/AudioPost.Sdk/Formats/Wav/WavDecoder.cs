namespace AudioPost.Sdk.Formats.Wav;

/// <summary>
/// Opens RIFF/WAVE, RF64 and BW64 files: PCM 8/16/24/32-bit and IEEE float 32/64-bit, plain or
/// WAVE_FORMAT_EXTENSIBLE (whose channel mask becomes the <see cref="Buffers.ChannelLayout"/>), with their Broadcast
/// Wave metadata (<c>bext</c> v0–2, <c>iXML</c>, <c>cue </c> markers and <c>LIST/adtl</c> labels and regions) in
/// <see cref="AudioFileInfo.Metadata"/>, before or after the audio. Unknown chunks are skipped.
/// </summary>
/// <remarks>
/// <para>Stateless and thread-safe; use <see cref="Instance"/>.</para>
/// <para>The header is validated before anything is allocated: every chunk size is checked against the stream's
/// length, the format fields against their legal ranges (1 to 1024 channels, and no more than a channel layout holds;
/// 1 to 1,536,000 Hz; supported bit depths; a consistent block align), and the chunk walk is bounded. Anything wrong
/// raises <see cref="AudioFormatException"/> with the byte offset of the offending field or chunk.</para>
/// <para>Metadata chunks are loaded only up to 16 MiB each; a damaged one is an <see cref="AudioFormatException"/>
/// unless <see cref="DecoderOptions.RecoveryMode"/> is set, which skips it and also recovers audio behind stale sizes.</para>
/// </remarks>
public sealed class WavDecoder : IAudioDecoder
{
    private WavDecoder()
    {
    }

    /// <summary>Gets the shared instance.</summary>
    public static WavDecoder Instance { get; } = new();

    /// <summary>Parses the WAV header at the stream's position and returns a reader positioned at frame 0.</summary>
    /// <param name="stream">A readable, seekable stream positioned at the "RIFF" of the file.</param>
    /// <param name="options">Decoding options, or <see langword="null"/> for <see cref="DecoderOptions.Default"/>.</param>
    /// <returns>A reader. Its <see cref="IAudioFileReader.Read"/> decodes through a buffer of
    /// <see cref="DecoderOptions.BufferSize"/> bytes allocated here, and allocates nothing per call.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> cannot be read or seeked.</exception>
    /// <exception cref="AudioFormatException">The header is malformed or unsupported.</exception>
    /// <exception cref="IOException">The stream failed.</exception>
    public IAudioFileReader Open(Stream stream, DecoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= DecoderOptions.Default;
        try
        {
            if (!stream.CanRead || !stream.CanSeek)
            {
                throw new ArgumentException("The WAV decoder needs a readable, seekable stream.", nameof(stream));
            }

            return WavDecoderCore.Open(stream, options);
        }
        catch when (!options.LeaveOpen)
        {
            stream.Dispose();
            throw;
        }
    }
}
