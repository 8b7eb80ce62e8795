namespace AudioPost.Sdk.Formats.Aiff;

/// <summary>
/// The AIFF and AIFF-C format ("aiff"): big-endian PCM of 1 to 32 bits, little-endian <c>sowt</c> PCM, and 32/64-bit
/// IEEE float in AIFF-C. A singleton; immutable and thread-safe.
/// </summary>
public sealed class AiffFormat : IAudioFileFormat
{
    private AiffFormat()
    {
    }

    /// <summary>Gets the single instance, which registries compare by reference.</summary>
    public static AiffFormat Instance { get; } = new();

    /// <summary>Gets "aiff".</summary>
    public string Name => "aiff";

    /// <summary>Gets "aif", "aiff" and "aifc".</summary>
    public IReadOnlyList<string> FileExtensions { get; } = Array.AsReadOnly(["aif", "aiff", "aifc"]);

    /// <summary>Gets "audio/aiff" and "audio/x-aiff".</summary>
    public IReadOnlyList<string> MimeTypes { get; } = Array.AsReadOnly(["audio/aiff", "audio/x-aiff"]);

    /// <summary>Gets <see cref="Name"/>.</summary>
    /// <returns>"aiff".</returns>
    public override string ToString() => Name;
}
