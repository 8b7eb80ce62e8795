using System.Text;
using AudioPost.Sdk.Formats;

namespace AudioPost.Cli;

/// <summary>
/// Turns the exceptions that mean "bad input" into one line on stderr and <see cref="ExitCodes.BadInput"/>, so users
/// see what is wrong with their file rather than a stack trace.
/// </summary>
internal static class CliErrors
{
    private const string Prefix = "audiopost: error: ";

    /// <summary>Gets whether <paramref name="exception"/> describes a problem with an input file rather than a bug.</summary>
    public static bool IsBadInput(Exception exception) =>
        exception is AudioFormatException or IOException or UnauthorizedAccessException or NotSupportedException;

    /// <summary>Writes one line describing <paramref name="exception"/> for the file <paramref name="path"/> and returns <see cref="ExitCodes.BadInput"/>.</summary>
    public static int ReportBadInput(TextWriter stderr, string path, Exception exception)
    {
        var message = exception switch
        {
            AudioFormatException format => format.FilePath is null ? $"{path}: {format.Message}" : format.Message,
            FileNotFoundException or DirectoryNotFoundException => $"{path}: no such file",
            UnauthorizedAccessException when Directory.Exists(path) => $"{path}: is a directory, not a file",
            UnauthorizedAccessException => $"{path}: permission denied",
            _ => $"{path}: {exception.Message}",
        };

        return Report(stderr, message, ExitCodes.BadInput);
    }

    /// <summary>Writes <c>audiopost: error: message</c> as exactly one line and returns <paramref name="exitCode"/>.</summary>
    public static int Report(TextWriter stderr, string message, int exitCode)
    {
        stderr.WriteLine(Prefix + SingleLine(message));
        return exitCode;
    }

    // File names and OS messages can carry line breaks or control characters; one line keeps logs and scripts sane.
    private static string SingleLine(string text)
    {
        var line = new StringBuilder(text.Length);
        foreach (var c in text.AsSpan().Trim())
        {
            line.Append(char.IsControl(c) ? ' ' : c);
        }

        return line.ToString();
    }
}
