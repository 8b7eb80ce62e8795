using AudioPost.Sdk.Processing;

namespace AudioPost.Sdk.Graph;

/// <summary>The builder's entry for one node: identity, name, kind, and what it was prepared for.</summary>
internal sealed class NodeRecord
{
    public NodeRecord(NodeId id, string name, NodeKind kind, IAudioNode node, int order, PreparedState prepared)
    {
        Id = id;
        Name = name;
        Kind = kind;
        Node = node;
        Order = order;
        Prepared = prepared;
    }

    /// <summary>
    /// What the node instance was prepared for. Shared by every record of the same instance, so a
    /// node removed and added again is still known to be prepared (and perhaps rendering).
    /// </summary>
    public PreparedState Prepared { get; }

    public NodeId Id { get; }

    public string Name { get; }

    public NodeKind Kind { get; }

    public IAudioNode Node { get; }

    /// <summary>Insertion order; ties in the topological sort break on it, so plans are deterministic.</summary>
    public int Order { get; }

    /// <summary>The spec the node was last prepared with, or null if never prepared.</summary>
    public ProcessSpec? PreparedSpec
    {
        get => Prepared.Spec;
        set => Prepared.Spec = value;
    }

    /// <summary>For multi-input nodes: the per-port channel counts it was prepared with.</summary>
    public int[]? PreparedInputChannels
    {
        get => Prepared.InputChannels;
        set => Prepared.InputChannels = value;
    }

    public int PortCount => Node switch
    {
        IMultiInputProcessor multi => multi.InputCount,
        IAudioProcessor or Sinks.IAudioSink => 1,
        _ => 0,
    };

    public override string ToString() => $"'{Name}' ({Id})";
}

/// <summary>The preparation a node instance has had (see <see cref="NodeRecord.Prepared"/>).</summary>
internal sealed class PreparedState
{
    private volatile bool _isFaulted;

    /// <summary>
    /// Whether the node threw on the audio thread and is bypassed from then on. Written by the audio thread (set) and
    /// a control thread (cleared); shared by every plan of the builder, so a re-compile does not revive a broken node.
    /// </summary>
    public bool IsFaulted
    {
        get => _isFaulted;
        set => _isFaulted = value;
    }

    public ProcessSpec? Spec { get; set; }

    public int[]? InputChannels { get; set; }
}
