namespace AudioPost.Sdk.Sessions;

/// <summary>A clip's file path that leaves the session's folder (<c>..</c>, an absolute path, or a symbolic link that
/// points outside), refused because <see cref="SessionLoadOptions.AllowPathsOutsideSessionFolder"/> is off.</summary>
public sealed class SessionPathException : SessionException
{
    /// <summary>Creates an exception with a generic message.</summary>
    public SessionPathException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public SessionPathException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public SessionPathException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception that names the refused path.</summary>
    /// <param name="sessionPath">The session file, or null.</param>
    /// <param name="jsonPath">The JSON path of the <c>file</c> value.</param>
    /// <param name="filePath">The path as written in the session.</param>
    /// <param name="reason">Why it is refused.</param>
    public SessionPathException(string? sessionPath, string jsonPath, string filePath, string reason)
        : base(sessionPath, jsonPath, null, reason)
    {
        FilePath = filePath;
    }

    /// <summary>Gets the refused path as written in the session.</summary>
    public string? FilePath { get; }
}
