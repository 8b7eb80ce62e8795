namespace AudioPost.Sdk.Formats;

/// <summary>
/// Describes an audio file format (a container and the encodings it can carry): its stable name and the file
/// extensions and MIME types that usually mark it.
/// </summary>
/// <remarks>
/// Implementations are immutable singletons (for example <see cref="Wav.WavFormat.Instance"/>), so every member is
/// thread-safe. The registry compares formats by reference. The extensions and MIME types are only hints: the
/// registry identifies a file by its header bytes first and falls back to the extension only when no detector
/// recognises the header.
/// </remarks>
public interface IAudioFileFormat
{
    /// <summary>
    /// Gets the format's short, stable, lower-case identifier, for example "wav". Suitable for machine-readable
    /// output; never empty.
    /// </summary>
    string Name { get; }

    /// <summary>
    /// Gets the file extensions commonly used for the format, lower case and without the leading dot (for example
    /// "wav"), the preferred one first. May be empty.
    /// </summary>
    IReadOnlyList<string> FileExtensions { get; }

    /// <summary>Gets the MIME types commonly used for the format (for example "audio/wav"), the preferred one first. May be empty.</summary>
    IReadOnlyList<string> MimeTypes { get; }
}
