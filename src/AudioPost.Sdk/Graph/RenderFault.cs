namespace AudioPost.Sdk.Graph;

/// <summary>
/// A node that threw on the audio thread. The renderer bypasses the node from then on (a source or multi-input node
/// outputs silence, a processor passes its input through, a sink is skipped) and queues one of these for a control
/// thread to read with <see cref="AudioRenderer.TryGetFault"/>.
/// </summary>
/// <param name="Node">The node that threw.</param>
/// <param name="NodeName">The node's name in the graph.</param>
/// <param name="Exception">What it threw. Created by the node on the audio thread; read it on a control thread.</param>
/// <param name="StreamFrame">The render clock (stream frame) of the block it threw in.</param>
public readonly record struct RenderFault(NodeId Node, string NodeName, Exception Exception, long StreamFrame);
