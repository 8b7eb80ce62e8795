namespace AudioPost.Sdk.Formats.SndFile;

/// <summary>The entry point of this package: adds the libsndfile formats to a registry builder.</summary>
public static class SndFileRegistryBuilderExtensions
{
    /// <summary>
    /// Registers FLAC, Ogg Vorbis, Opus and MP3 (see <see cref="SndFileModule"/>) with default encoder options, for
    /// example <c>AudioFormatRegistry.Default.ToBuilder().AddSndFileFormats().Build()</c>. Not thread-safe, like the builder.
    /// </summary>
    /// <param name="builder">The builder to add to.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static AudioFormatRegistryBuilder AddSndFileFormats(this AudioFormatRegistryBuilder builder) =>
        builder.AddSndFileFormats(SndFileEncoderOptions.Default);

    /// <summary>Registers FLAC, Ogg Vorbis, Opus and MP3 with the given encoder options.</summary>
    /// <param name="builder">The builder to add to.</param>
    /// <param name="encoderOptions">The options for every file the registry creates in these formats.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="encoderOptions"/> is null.</exception>
    public static AudioFormatRegistryBuilder AddSndFileFormats(this AudioFormatRegistryBuilder builder, SndFileEncoderOptions encoderOptions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddModule(new SndFileModule(encoderOptions));
    }
}
