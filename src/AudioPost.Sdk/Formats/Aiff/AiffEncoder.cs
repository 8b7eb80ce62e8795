using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Formats.Aiff;

/// <summary>
/// Creates AIFF and AIFF-C files in any <see cref="SampleFormat"/>: big-endian signed PCM 8/16/24/32-bit (8-bit stored
/// signed, as AIFF requires) in plain AIFF, and 32/64-bit IEEE float in AIFF-C (<c>fl32</c>/<c>fl64</c>), which
/// plain AIFF cannot hold. <see cref="AiffEncoderOptions.Variant"/> can ask for AIFF-C throughout, or for
/// little-endian <c>sowt</c> PCM.
/// </summary>
/// <remarks>
/// <para>AIFF stores no channel positions, so any layout is written as its channel count alone; a reader guesses the
/// conventional layout for the count back.</para>
/// <para>Crash safety: the header sizes (FORM size, COMM numSampleFrames, SSND size) are refreshed every
/// <see cref="AiffEncoderOptions.HeaderRefreshInterval"/> of audio, so a killed process leaves a readable file.</para>
/// <para>Markers: <see cref="EncoderOptions.Metadata"/>'s markers are written to a <c>MARK</c> chunk ahead of the
/// samples, so a killed process keeps them too. AIFF markers are points: a region becomes two markers, its start
/// (named by its label) and its end (named "<c>label end</c>"); notes are dropped, and so are the broadcast extension and
/// iXML, which AIFF cannot hold. The markers are copied when the writer is created.</para>
/// <para>Holds only immutable options, so it is thread-safe; each writer is used by one thread at a time.</para>
/// </remarks>
public sealed class AiffEncoder : IAudioEncoder
{
    /// <summary>Creates an encoder with <see cref="AiffEncoderOptions.Default"/>.</summary>
    public AiffEncoder()
        : this(AiffEncoderOptions.Default)
    {
    }

    /// <summary>Creates an encoder with the given options.</summary>
    /// <param name="options">How files are written.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public AiffEncoder(AiffEncoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <summary>Gets how files are written.</summary>
    public AiffEncoderOptions Options { get; }

    /// <summary>Writes an AIFF header for an empty file and returns a writer for its frames.</summary>
    /// <param name="stream">A writable, seekable stream positioned where the file should start (the sizes in the
    /// header are patched in place).</param>
    /// <param name="spec">The sample rate and channel layout of the frames.</param>
    /// <param name="sampleFormat">How samples are stored (<see cref="SampleFormat.Pcm8"/> is written signed).</param>
    /// <param name="options">General options, or <see langword="null"/> for <see cref="AiffEncoderOptions.General"/>.</param>
    /// <returns>The writer; its <see cref="IAudioFileWriter.Write"/> allocates nothing per call.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> cannot be written or seeked, or <paramref name="spec"/> is the default value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleFormat"/> is not a defined value.</exception>
    /// <exception cref="NotSupportedException"><paramref name="sampleFormat"/> is a float format and
    /// <see cref="AiffEncoderOptions.Variant"/> is <see cref="AiffVariant.Aiff"/>; or a marker in
    /// <see cref="EncoderOptions.Metadata"/> (or a region's end) lies beyond frame <see cref="uint.MaxValue"/>, or there
    /// are more than 32767 AIFF markers (a region takes two).</exception>
    /// <exception cref="IOException">The stream failed.</exception>
    public IAudioFileWriter Create(Stream stream, AudioSpec spec, SampleFormat sampleFormat, EncoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= Options.General;
        return SeekableEncoder.Create(stream, spec, sampleFormat, options, "AIFF", () =>
        {
            if (sampleFormat.IsFloatingPoint() && Options.Variant == AiffVariant.Aiff)
            {
                throw new NotSupportedException(
                    $"Plain AIFF cannot hold {sampleFormat}; use AiffVariant.Automatic or AiffVariant.AiffC to write AIFF-C 'fl32'/'fl64'.");
            }

            // Validated and serialized here, before the stream is touched; the bytes are a copy, so the caller's marker
            // list may change afterwards.
            var markChunk = AiffMarkChunk.Build(options.Metadata.Markers);
            return new AiffEncoderCore(
                stream, spec, sampleFormat, Compression(sampleFormat, Options.Variant), options, Options.HeaderRefreshInterval, markChunk);
        });
    }

    /// <summary>The AIFF-C compression type to write, or null for plain AIFF.</summary>
    private static uint? Compression(SampleFormat sampleFormat, AiffVariant variant) => sampleFormat switch
    {
        SampleFormat.Float32 => AiffConstants.CompressionFl32,
        SampleFormat.Float64 => AiffConstants.CompressionFl64,
        _ => variant switch
        {
            AiffVariant.AiffC => AiffConstants.CompressionNone,
            AiffVariant.AiffCLittleEndian => AiffConstants.CompressionSowt,
            _ => null,
        },
    };
}
