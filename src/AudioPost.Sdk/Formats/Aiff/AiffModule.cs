namespace AudioPost.Sdk.Formats.Aiff;

/// <summary>
/// Registers <see cref="AiffFormat"/> with its decoder, encoder and detector. Part of
/// <see cref="AudioFormatRegistry.Default"/>; add it again with other <see cref="AiffEncoderOptions"/> to change how
/// AIFF files are written. Immutable and thread-safe.
/// </summary>
public sealed class AiffModule : IAudioFormatModule
{
    private readonly AiffEncoderOptions _encoderOptions;

    /// <summary>Creates a module whose encoder uses <see cref="AiffEncoderOptions.Default"/>.</summary>
    public AiffModule()
        : this(AiffEncoderOptions.Default)
    {
    }

    /// <summary>Creates a module whose encoder uses <paramref name="encoderOptions"/>.</summary>
    /// <param name="encoderOptions">The options for every AIFF file the registry creates.</param>
    /// <exception cref="ArgumentNullException"><paramref name="encoderOptions"/> is null.</exception>
    public AiffModule(AiffEncoderOptions encoderOptions)
    {
        ArgumentNullException.ThrowIfNull(encoderOptions);
        _encoderOptions = encoderOptions;
    }

    /// <inheritdoc/>
    public void Configure(AudioFormatRegistryBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddFormat(AiffFormat.Instance, AiffDecoder.Instance, new AiffEncoder(_encoderOptions), new AiffFormatDetector());
    }
}
