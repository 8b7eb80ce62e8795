using System.Text.Json;

namespace AudioPost.Sdk.Sessions;

/// <summary>
/// Loads session files: JSON describing a timeline (sample rate, frame rate, start timecode, tracks of clips, inserts,
/// output). The format is documented in <c>docs/session-format.md</c>.
/// </summary>
/// <remarks>
/// Clip paths are relative to the session file's folder; one that leaves it (<c>..</c>, an absolute path, a symbolic
/// link pointing outside) is refused with a <see cref="SessionPathException"/> unless
/// <see cref="SessionLoadOptions.AllowPathsOutsideSessionFolder"/> is set. Every other problem (bad JSON, an unknown
/// field, a value out of range, a clip file that cannot be opened) is a <see cref="SessionException"/> naming the JSON
/// path (and the line, for syntax errors) and the reason. Reads with System.Text.Json's source generator: no
/// reflection, Native AOT safe. Opens every clip's file; dispose the <see cref="LoadedSession"/>.
/// </remarks>
public static class SessionFile
{
    /// <summary>The largest session file accepted, in bytes (16 MiB): a session is a small document.</summary>
    public const int MaxFileBytes = 16 * 1024 * 1024;

    /// <summary>Loads the session file at <paramref name="path"/>.</summary>
    /// <param name="path">The session (JSON) file.</param>
    /// <param name="options">Path policy, inserts and formats; <see cref="SessionLoadOptions.Default"/> when null.</param>
    /// <returns>The loaded session; dispose it.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="SessionException">The session is invalid or refers to a file that cannot be used.</exception>
    /// <exception cref="IOException">The session file cannot be read.</exception>
    public static LoadedSession Load(string path, SessionLoadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var length = new FileInfo(path).Length;
        if (length > MaxFileBytes)
        {
            throw new SessionException(path, null, null, $"the file is {length} bytes; a session may be at most {MaxFileBytes}");
        }

        var json = File.ReadAllBytes(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? Directory.GetCurrentDirectory();
        return Parse(json, folder, options, path);
    }

    /// <summary>Loads a session from JSON text, resolving clip paths against <paramref name="folder"/>.</summary>
    /// <param name="json">The session, UTF-8.</param>
    /// <param name="folder">The folder clip paths are relative to.</param>
    /// <param name="options">Path policy, inserts and formats; <see cref="SessionLoadOptions.Default"/> when null.</param>
    /// <param name="sessionPath">A name for messages (the file the text came from), or null.</param>
    /// <returns>The loaded session; dispose it.</returns>
    /// <exception cref="SessionException">The session is invalid or refers to a file that cannot be used.</exception>
    public static LoadedSession Parse(ReadOnlySpan<byte> json, string folder, SessionLoadOptions? options = null, string? sessionPath = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        SessionDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, SessionJsonContext.Default.SessionDocument);
        }
        catch (JsonException exception)
        {
            var line = exception.LineNumber is { } zeroBased ? zeroBased + 1 : (long?)null;
            throw new SessionException(sessionPath, exception.Path, line, Describe(exception), exception);
        }

        if (document is null)
        {
            throw new SessionException(sessionPath, "$", 1, "the session is null; expected an object");
        }

        return new SessionBuilder(document, folder, options ?? SessionLoadOptions.Default, sessionPath).Build();
    }

    // System.Text.Json's messages name the .NET type and repeat the path and line; keep what a user can act on.
    private static string Describe(JsonException exception)
    {
        var message = exception.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        return message
            .Replace("AudioPost.Sdk.Sessions.Session", string.Empty, StringComparison.Ordinal)
            .Replace("Document", string.Empty, StringComparison.Ordinal)
            .TrimEnd('.');
    }
}
