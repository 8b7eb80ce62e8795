namespace AudioPost.Sdk.Formats.Wav;

/// <summary>
/// Registers <see cref="WavFormat"/> with its decoder, encoder and detector. Part of
/// <see cref="AudioFormatRegistry.Default"/>; add it again with other <see cref="WavEncoderOptions"/> to change how
/// WAV files are written. Immutable and thread-safe.
/// </summary>
public sealed class WavModule : IAudioFormatModule
{
    private readonly WavEncoderOptions _encoderOptions;

    /// <summary>Creates a module whose encoder uses <see cref="WavEncoderOptions.Default"/>.</summary>
    public WavModule()
        : this(WavEncoderOptions.Default)
    {
    }

    /// <summary>Creates a module whose encoder uses <paramref name="encoderOptions"/>.</summary>
    /// <param name="encoderOptions">The options for every WAV file the registry creates.</param>
    /// <exception cref="ArgumentNullException"><paramref name="encoderOptions"/> is null.</exception>
    public WavModule(WavEncoderOptions encoderOptions)
    {
        ArgumentNullException.ThrowIfNull(encoderOptions);
        _encoderOptions = encoderOptions;
    }

    /// <inheritdoc/>
    public void Configure(AudioFormatRegistryBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddFormat(WavFormat.Instance, WavDecoder.Instance, new WavEncoder(_encoderOptions), new WavFormatDetector());
    }
}
