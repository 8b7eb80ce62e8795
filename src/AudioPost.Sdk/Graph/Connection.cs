namespace AudioPost.Sdk.Graph;

/// <summary>A wire from the output of <paramref name="From"/> to input port <paramref name="Port"/> of <paramref name="To"/>.</summary>
/// <param name="From">The node whose output is read.</param>
/// <param name="To">The node that receives it.</param>
/// <param name="Port">The input port of <paramref name="To"/>: 0 for processors and sinks.</param>
public readonly record struct Connection(NodeId From, NodeId To, int Port);
