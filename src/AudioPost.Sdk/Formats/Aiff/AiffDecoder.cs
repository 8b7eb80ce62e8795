namespace AudioPost.Sdk.Formats.Aiff;

/// <summary>
/// Opens AIFF and AIFF-C files: big-endian signed PCM of any depth from 1 to 32 bits (left-justified in
/// ceil(bits / 8)-byte containers; 8-bit AIFF is signed, unlike WAV), and the AIFF-C compression types <c>NONE</c>,
/// <c>twos</c>, <c>sowt</c> (little-endian), <c>raw </c> (unsigned 8-bit), <c>in24</c>, <c>in32</c>,
/// <c>fl32</c>/<c>FL32</c> and <c>fl64</c>/<c>FL64</c>. Markers (<c>MARK</c>) are read into
/// <see cref="AudioFileInfo.Metadata"/>; other chunks (FVER, INST, NAME, ANNO, ID3 …) are skipped.
/// </summary>
/// <remarks>
/// <para>Stateless and thread-safe; use <see cref="Instance"/>.</para>
/// <para>The header is validated before anything is allocated: every chunk size is checked against the stream's
/// length, the COMM fields against their legal ranges (1 to <see cref="Buffers.ChannelLayout.MaxChannels"/> channels;
/// a finite rate that rounds to 1 to <see cref="Buffers.AudioSpec.MaxSampleRate"/> Hz; 1 to 32 bits for PCM; a
/// supported compression), and the chunk walk is bounded. Anything wrong raises <see cref="AudioFormatException"/>
/// with the byte offset of the offending field or chunk.</para>
/// <para>Leniencies, each deliberate: the chunks may come in any order (SSND before COMM is accepted, as the IFF rules
/// allow); a numSampleFrames larger than the SSND payload is clamped to the whole frames present (what a writer killed
/// mid-file leaves); a rate with a fraction is rounded to the nearest Hz, halves up; a missing SSND is accepted when
/// COMM declares 0 frames; FORM sizes of 0 or 0xFFFFFFFF mean "to the end of the stream", and an SSND size of
/// 0xFFFFFFFF (a streamed file) means the samples run to the end of it. The SSND offset field is honoured (samples
/// start that many bytes into the payload); its blockSize field only describes alignment and is ignored.</para>
/// <para>Markers: each <c>MARK</c> entry becomes an <see cref="Metadata.AudioMarker"/> (position and name, no length:
/// AIFF has no regions), ordered by position and clipped to the frame count. A damaged <c>MARK</c> (a count the chunk
/// cannot hold, a name running past its end) is an <see cref="AudioFormatException"/> with its offset, unless
/// <see cref="DecoderOptions.RecoveryMode"/> is set, which drops it.</para>
/// <para><see cref="DecoderOptions.RecoveryMode"/> also recovers audio behind stale sizes: the FORM size is ignored;
/// an SSND that claims more than the file holds, or whose size is 0, is read to the end of the file (whole frames);
/// bytes right behind SSND that are not a chunk (frames a killed writer wrote after its last header refresh) are
/// added to it; and the frame count comes from the samples when COMM declares 0 or SSND was extended.</para>
/// <para>Not read yet: the INST and text chunks.</para>
/// </remarks>
public sealed class AiffDecoder : IAudioDecoder
{
    private AiffDecoder()
    {
    }

    /// <summary>Gets the shared instance.</summary>
    public static AiffDecoder Instance { get; } = new();

    /// <summary>Parses the AIFF header at the stream's position and returns a reader positioned at frame 0.</summary>
    /// <param name="stream">A readable, seekable stream positioned at the "FORM" of the file.</param>
    /// <param name="options">Decoding options, or <see langword="null"/> for <see cref="DecoderOptions.Default"/>.</param>
    /// <returns>A reader. Its <see cref="IAudioFileReader.Read"/> decodes through a buffer of
    /// <see cref="DecoderOptions.BufferSize"/> bytes allocated here, and allocates nothing per call.
    /// <see cref="AudioFileInfo.SampleFormat"/> is the container as the SDK names it: 8-bit AIFF reports
    /// <see cref="Buffers.SampleFormat.Pcm8"/> although it is stored signed, 20-bit reports
    /// <see cref="Buffers.SampleFormat.Pcm24"/>, and big-endian data reports the matching little-endian format.</returns>
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
                throw new ArgumentException("The AIFF decoder needs a readable, seekable stream.", nameof(stream));
            }

            return AiffDecoderCore.Open(stream, options);
        }
        catch when (!options.LeaveOpen)
        {
            stream.Dispose();
            throw;
        }
    }
}
