namespace AudioPost.Sdk.Graph;

/// <summary>
/// The graph cannot be compiled as wired: a cycle without a one-block delay, mismatched channel
/// counts at a summing point, a missing input. The message names the nodes;
/// <see cref="Nodes"/> lists them for tools.
/// </summary>
public sealed class GraphCompileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GraphCompileException()
        : this("The graph cannot be compiled.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public GraphCompileException(string message)
        : this(message, [])
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public GraphCompileException(string message, Exception innerException)
        : base(message, innerException)
    {
        Nodes = [];
    }

    /// <summary>Creates the exception naming the nodes involved, with the error that revealed the problem.</summary>
    public GraphCompileException(string message, Exception innerException, IReadOnlyList<string> nodes)
        : base(message, innerException)
    {
        Nodes = nodes;
    }

    /// <summary>Creates the exception naming the nodes involved.</summary>
    public GraphCompileException(string message, IReadOnlyList<string> nodes)
        : base(message)
    {
        Nodes = nodes;
    }

    /// <summary>Gets the names of the nodes involved, in path order for a cycle.</summary>
    public IReadOnlyList<string> Nodes { get; }
}
