namespace AudioPost.Sdk.Processing.Chains;

/// <summary>
/// A processor chain's text or a processor's parameters are wrong: the message says what, where (the character
/// offset and the processor) and why.
/// </summary>
public sealed class ProcessorSpecException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and why.</param>
    /// <param name="position">The zero-based character offset in the chain text, or -1 when unknown.</param>
    /// <param name="processorName">The processor concerned, or null.</param>
    /// <param name="innerException">The cause, or null.</param>
    /// <param name="parameterName">The parameter concerned (as written), or null.</param>
    public ProcessorSpecException(string message, int position = -1, string? processorName = null, Exception? innerException = null, string? parameterName = null)
        : base(Compose(message, position, processorName), innerException)
    {
        Position = position;
        ProcessorName = processorName;
        ParameterName = parameterName;
        Reason = message;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public ProcessorSpecException()
        : this("The processor chain is not valid.")
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ProcessorSpecException(string message, Exception? innerException)
        : this(message, -1, null, innerException)
    {
    }

    /// <summary>Gets the zero-based character offset in the chain text where the problem is, or -1 when unknown.</summary>
    public int Position { get; }

    /// <summary>Gets the name of the processor concerned, or null.</summary>
    public string? ProcessorName { get; }

    /// <summary>Gets what is wrong and why, without where (the message without its location prefix).</summary>
    public string Reason { get; }

    /// <summary>Gets the parameter whose key or value is wrong (as written), or null when the problem is not one parameter's.</summary>
    public string? ParameterName { get; }

    private static string Compose(string message, int position, string? processorName)
    {
        var where = (processorName, position) switch
        {
            (null, < 0) => null,
            (null, _) => $"at character {position + 1}",
            (_, < 0) => $"in '{processorName}'",
            _ => $"in '{processorName}' at character {position + 1}",
        };
        return where is null ? message : $"{where}: {message}";
    }
}
