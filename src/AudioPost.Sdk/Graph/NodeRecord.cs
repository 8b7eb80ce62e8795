using AudioPost.Sdk.Processing;

namespace AudioPost.Sdk.Graph;

/// <summary>The builder's entry for one node: identity, name, kind, and what it was prepared for.</summary>
internal sealed class NodeRecord
{
    public NodeRecord(NodeId id, string name, NodeKind kind, IAudioNode node, int order)
    {
        Id = id;
        Name = name;
        Kind = kind;
        Node = node;
        Order = order;
    }

    public NodeId Id { get; }

    public string Name { get; }

    public NodeKind Kind { get; }

    public IAudioNode Node { get; }

    /// <summary>Insertion order; ties in the topological sort break on it, so plans are deterministic.</summary>
    public int Order { get; }

    /// <summary>The spec the node was last prepared with, or null if never prepared.</summary>
    public ProcessSpec? PreparedSpec { get; set; }

    /// <summary>For multi-input nodes: the per-port channel counts it was prepared with.</summary>
    public int[]? PreparedInputChannels { get; set; }

    public int PortCount => Node switch
    {
        IMultiInputProcessor multi => multi.InputCount,
        IAudioProcessor or Sinks.IAudioSink => 1,
        _ => 0,
    };

    public override string ToString() => $"'{Name}' ({Id})";
}
