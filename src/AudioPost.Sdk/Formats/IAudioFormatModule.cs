namespace AudioPost.Sdk.Formats;

/// <summary>
/// Registers one or more formats with a registry; the single entry point of a format implementation
/// (for example <see cref="Wav.WavModule"/>).
/// </summary>
/// <remarks>
/// Modules are applied once, on the thread building the registry, through
/// <see cref="AudioFormatRegistryBuilder.AddModule"/>.
/// </remarks>
public interface IAudioFormatModule
{
    /// <summary>Adds the module's formats, decoders, encoders and detectors to <paramref name="builder"/>.</summary>
    /// <param name="builder">The builder to configure.</param>
    void Configure(AudioFormatRegistryBuilder builder);
}
