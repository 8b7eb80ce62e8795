namespace AudioPost.Sdk.Formats.SndFile;

/// <summary>
/// Registers <see cref="SndFileFormat.Flac"/>, <see cref="SndFileFormat.OggVorbis"/>, <see cref="SndFileFormat.Opus"/>
/// and <see cref="SndFileFormat.Mp3"/>, each with <see cref="SndFileDecoder"/>, a <see cref="SndFileEncoder"/> and a
/// <see cref="SndFileFormatDetector"/>. Usually applied through
/// <see cref="SndFileRegistryBuilderExtensions.AddSndFileFormats(AudioFormatRegistryBuilder)"/>. Immutable and thread-safe.
/// </summary>
/// <remarks>Registering does not load libsndfile; the first open or create does, and throws
/// <see cref="DllNotFoundException"/> with install instructions when it is missing.</remarks>
public sealed class SndFileModule : IAudioFormatModule
{
    private readonly SndFileEncoderOptions _encoderOptions;

    /// <summary>Creates a module whose encoders use <see cref="SndFileEncoderOptions.Default"/>.</summary>
    public SndFileModule()
        : this(SndFileEncoderOptions.Default)
    {
    }

    /// <summary>Creates a module whose encoders use <paramref name="encoderOptions"/>.</summary>
    /// <param name="encoderOptions">The options for every file the registry creates in these formats.</param>
    /// <exception cref="ArgumentNullException"><paramref name="encoderOptions"/> is null.</exception>
    public SndFileModule(SndFileEncoderOptions encoderOptions)
    {
        ArgumentNullException.ThrowIfNull(encoderOptions);
        _encoderOptions = encoderOptions;
    }

    /// <inheritdoc/>
    public void Configure(AudioFormatRegistryBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var format in (ReadOnlySpan<SndFileFormat>)[SndFileFormat.Flac, SndFileFormat.OggVorbis, SndFileFormat.Opus, SndFileFormat.Mp3])
        {
            builder.AddFormat(format, SndFileDecoder.Instance, new SndFileEncoder(format, _encoderOptions), new SndFileFormatDetector(format));
        }
    }
}
