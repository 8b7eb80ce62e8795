namespace AudioPost.Sdk.Formats.Wav;

/// <summary>
/// The RIFF/WAVE format ("wav"): PCM (8, 16, 24, 32-bit) and IEEE float (32, 64-bit), plain or
/// WAVE_FORMAT_EXTENSIBLE. A singleton; immutable and thread-safe.
/// </summary>
public sealed class WavFormat : IAudioFileFormat
{
    private WavFormat()
    {
    }

    /// <summary>Gets the single instance, which registries compare by reference.</summary>
    public static WavFormat Instance { get; } = new();

    /// <summary>Gets "wav".</summary>
    public string Name => "wav";

    /// <summary>Gets "wav" and "wave".</summary>
    public IReadOnlyList<string> FileExtensions { get; } = Array.AsReadOnly(["wav", "wave"]);

    /// <summary>Gets "audio/wav", "audio/x-wav", "audio/wave" and "audio/vnd.wave".</summary>
    public IReadOnlyList<string> MimeTypes { get; } = Array.AsReadOnly(["audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave"]);

    /// <summary>Gets <see cref="Name"/>.</summary>
    /// <returns>"wav".</returns>
    public override string ToString() => Name;
}
