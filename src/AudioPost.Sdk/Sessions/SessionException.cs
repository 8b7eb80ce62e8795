namespace AudioPost.Sdk.Sessions;

/// <summary>
/// A session file that cannot be loaded: bad JSON, a value out of range, a file that is missing or escapes the
/// session folder. The message says where (JSON path, and line for syntax errors) and why.
/// </summary>
public class SessionException : Exception
{
    /// <summary>Creates an exception with a generic message.</summary>
    public SessionException()
        : this("The session cannot be loaded.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public SessionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public SessionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception that points into the session file.</summary>
    /// <param name="sessionPath">The session file, or null when parsed from text.</param>
    /// <param name="jsonPath">The JSON path of the offending value, e.g. <c>$.tracks[0].clips[2].at</c>.</param>
    /// <param name="lineNumber">The 1-based line, when known (syntax errors).</param>
    /// <param name="reason">Why the value is refused.</param>
    /// <param name="innerException">The cause, if any.</param>
    public SessionException(string? sessionPath, string? jsonPath, long? lineNumber, string reason, Exception? innerException = null)
        : base(Format(sessionPath, jsonPath, lineNumber, reason), innerException)
    {
        SessionPath = sessionPath;
        JsonPath = jsonPath;
        LineNumber = lineNumber;
        Reason = reason;
    }

    /// <summary>Gets the session file, when known.</summary>
    public string? SessionPath { get; }

    /// <summary>Gets the JSON path of the offending value (e.g. <c>$.tracks[0].clips[2].at</c>), when known.</summary>
    public string? JsonPath { get; }

    /// <summary>Gets the 1-based line of the error, when known.</summary>
    public long? LineNumber { get; }

    /// <summary>Gets why the value was refused, without the location.</summary>
    public string? Reason { get; }

    private static string Format(string? sessionPath, string? jsonPath, long? lineNumber, string reason)
    {
        var where = sessionPath ?? "session";
        if (lineNumber is { } line)
        {
            where += FormattableString.Invariant($":{line}");
        }

        if (jsonPath is not null)
        {
            where += $": {jsonPath}";
        }

        return $"{where}: {reason}";
    }
}
