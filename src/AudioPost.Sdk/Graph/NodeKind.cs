namespace AudioPost.Sdk.Graph;

/// <summary>The role a node plays in a graph.</summary>
public enum NodeKind
{
    /// <summary>Produces audio; has no inputs (<see cref="Sources.IAudioSource"/>).</summary>
    Source = 1,

    /// <summary>Transforms audio in place; one input port (<see cref="Processing.IAudioProcessor"/>).</summary>
    Processor = 2,

    /// <summary>Several input ports, one output (<see cref="Processing.IMultiInputProcessor"/>).</summary>
    MultiInput = 3,

    /// <summary>Consumes audio; no output (<see cref="Sinks.IAudioSink"/>).</summary>
    Sink = 4,
}
