using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Formats.Wav;

/// <summary>
/// Creates RIFF/WAVE files in any <see cref="SampleFormat"/> (PCM 8/16/24/32-bit, IEEE float 32/64-bit).
/// </summary>
/// <remarks>
/// <para>Header choice: mono and stereo layouts get the plain PCM or IEEE float header every reader understands; any
/// other layout (more than two channels, or one or two channels that are not plain mono or stereo) gets
/// WAVE_FORMAT_EXTENSIBLE carrying the layout's channel mask (0, "no positions", for layouts WAVE cannot express).
/// Float files carry a <c>fact</c> chunk. A 28-byte <c>JUNK</c> chunk after the RIFF header reserves room for the
/// <c>ds64</c> chunk of RF64: a file whose sizes pass 4 GiB is promoted in place (<c>RF64</c>, 32-bit sizes set to
/// 0xFFFFFFFF, the real ones in <c>ds64</c>), and one that stays below remains plain RIFF for every reader.</para>
/// <para>Metadata (<see cref="EncoderOptions.Metadata"/>): <c>bext</c> and <c>iXML</c> go before the audio, where
/// tools look first; markers and regions (<c>cue </c>, <c>LIST/adtl</c>) follow it, written on completion. Cue
/// points address 32-bit frame positions, so a marker past frame 4,294,967,295 is refused at creation.</para>
/// <para>Crash safety: the header sizes are refreshed every <see cref="WavEncoderOptions.HeaderRefreshInterval"/>
/// of audio, so a killed process leaves a readable file.</para>
/// <para>Holds only immutable options, so it is thread-safe; each writer is used by one thread at a time.</para>
/// </remarks>
public sealed class WavEncoder : IAudioEncoder
{
    /// <summary>Creates an encoder with <see cref="WavEncoderOptions.Default"/>.</summary>
    public WavEncoder()
        : this(WavEncoderOptions.Default)
    {
    }

    /// <summary>Creates an encoder with the given options.</summary>
    /// <param name="options">How files are written.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public WavEncoder(WavEncoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <summary>Gets how files are written.</summary>
    public WavEncoderOptions Options { get; }

    /// <summary>Writes a WAV header for an empty file and returns a writer for its frames.</summary>
    /// <param name="stream">A writable, seekable stream positioned where the file should start (the sizes in the
    /// header are patched in place).</param>
    /// <param name="spec">The sample rate and channel layout of the frames.</param>
    /// <param name="sampleFormat">How samples are stored.</param>
    /// <param name="options">General options, or <see langword="null"/> for <see cref="WavEncoderOptions.General"/>.</param>
    /// <returns>The writer; its <see cref="IAudioFileWriter.Write"/> allocates nothing per call.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> cannot be written or seeked, or <paramref name="spec"/> is the default value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleFormat"/> is not a defined value.</exception>
    /// <exception cref="NotSupportedException">A marker lies past what a cue point can address.</exception>
    /// <exception cref="IOException">The stream failed.</exception>
    public IAudioFileWriter Create(Stream stream, AudioSpec spec, SampleFormat sampleFormat, EncoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= Options.General;
        return SeekableEncoder.Create(stream, spec, sampleFormat, options, "WAV", () => new WavEncoderCore(stream, spec, sampleFormat, options, Options));
    }
}
