using AudioPost.Sdk.Formats;

namespace AudioPost.Cli.Commands;

/// <summary>The checks every IN → OUT command makes before it opens anything: OUT is not IN, and a registered format
/// can write OUT's extension.</summary>
internal static class OutputFileCheck
{
    /// <summary>
    /// Returns <see langword="true"/> with the container that writes <paramref name="outputPath"/>, or
    /// <see langword="false"/> after writing one line to <paramref name="stderr"/>; the exit code is then
    /// <see cref="ExitCodes.BadUsage"/>.
    /// </summary>
    public static bool TryResolve(AudioFormatRegistry registry, string inputPath, string outputPath, TextWriter stderr, out IAudioFileFormat container)
    {
        // Full paths compared as the file system would (case-insensitively on Windows and macOS), so "a.wav" and
        // "./A.WAV" are caught where they name the same file; links are not followed.
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (string.Equals(Path.GetFullPath(inputPath), Path.GetFullPath(outputPath), comparison))
        {
            CliErrors.Report(stderr, $"{outputPath}: OUT is the same file as IN; write to another file", ExitCodes.BadUsage);
            container = null!;
            return false;
        }

        if (!registry.TryGetFormatByExtension(outputPath, out container!) || !registry.TryGetEncoder(container, out _))
        {
            CliErrors.Report(stderr, $"{outputPath}: no registered format writes '{Path.GetExtension(outputPath)}' files; use for example .wav", ExitCodes.BadUsage);
            return false;
        }

        return true;
    }
}
