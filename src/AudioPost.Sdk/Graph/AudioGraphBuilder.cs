using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Sinks;
using AudioPost.Sdk.Sources;

namespace AudioPost.Sdk.Graph;

/// <summary>
/// The editable model of a graph: nodes and the wires between them. <see cref="Compile"/> turns
/// it into an immutable <see cref="RenderPlan"/> that an <see cref="AudioRenderer"/> runs.
/// </summary>
/// <remarks>
/// <para>Wiring rules: connections into the same input port are summed (fan-in); one output may
/// feed any number of inputs (fan-out). A cycle is allowed only through an
/// <see cref="IFeedbackDelay"/> of at least one block.</para>
/// <para>Edit and re-compile while a renderer plays: node instances keep their state because
/// the new plan refers to the same nodes by <see cref="NodeId"/>, and the compensation delays of
/// unchanged wires carry over. Swap the new plan in with <see cref="AudioRenderer.SwapPlan(RenderPlan)"/>.</para>
/// <para>Not thread-safe: use one builder from one control thread at a time. Never call it from
/// the audio thread (it allocates).</para>
/// </remarks>
public sealed class AudioGraphBuilder
{
    private readonly Dictionary<NodeId, NodeRecord> _nodes = [];
    private readonly List<Connection> _connections = [];
    private readonly Dictionary<Connection, CompensationDelay> _compensationDelays = [];
    private readonly Dictionary<IAudioNode, PreparedState> _prepared = new(ReferenceEqualityComparer.Instance);
    private int _nextId = 1;

    /// <summary>Creates an empty builder for the given options.</summary>
    /// <param name="options">Sample rate and block size; <see cref="GraphOptions.Default"/> when null.</param>
    public AudioGraphBuilder(GraphOptions? options = null)
    {
        Options = options ?? GraphOptions.Default;
        Options.Validate();
    }

    /// <summary>Gets the options every plan of this builder is compiled with.</summary>
    public GraphOptions Options { get; }

    /// <summary>Gets the node whose output a host-driven render returns, if set.</summary>
    public NodeId? Output { get; private set; }

    /// <summary>Gets the current wires.</summary>
    public IReadOnlyList<Connection> Connections => _connections;

    /// <summary>Gets the ids of the current nodes, in the order they were added.</summary>
    public IEnumerable<NodeId> Nodes => _nodes.Values.OrderBy(n => n.Order).Select(n => n.Id);

    /// <summary>Adds a source.</summary>
    /// <param name="source">The node; one instance may be in one builder only.</param>
    /// <param name="name">A name for errors and diagnostics; defaults to the type name.</param>
    public NodeId AddSource(IAudioSource source, string? name = null) => Add(source, NodeKind.Source, name);

    /// <summary>Adds a one-input processor.</summary>
    public NodeId AddProcessor(IAudioProcessor processor, string? name = null) => Add(processor, NodeKind.Processor, name);

    /// <summary>Adds a multi-input processor (a bus, a side-chained compressor).</summary>
    public NodeId AddMultiInput(IMultiInputProcessor processor, string? name = null) => Add(processor, NodeKind.MultiInput, name);

    /// <summary>Adds a sink.</summary>
    public NodeId AddSink(IAudioSink sink, string? name = null) => Add(sink, NodeKind.Sink, name);

    /// <summary>Wires the output of <paramref name="from"/> to input port <paramref name="port"/> of <paramref name="to"/>.</summary>
    /// <exception cref="ArgumentException">A node is unknown, <paramref name="from"/> is a sink, the port does not exist, or the wire exists already.</exception>
    public AudioGraphBuilder Connect(NodeId from, NodeId to, int port = 0)
    {
        var source = GetRecord(from, nameof(from));
        var target = GetRecord(to, nameof(to));
        if (source.Kind == NodeKind.Sink)
        {
            throw new ArgumentException($"Node {source} is a sink: it has no output to connect.", nameof(from));
        }

        if ((uint)port >= (uint)target.PortCount)
        {
            throw new ArgumentException($"Node {target} has {target.PortCount} input port(s); port {port} does not exist.", nameof(port));
        }

        var connection = new Connection(from, to, port);
        if (_connections.Contains(connection))
        {
            throw new ArgumentException($"Node {source} is already connected to port {port} of {target}.", nameof(from));
        }

        _connections.Add(connection);
        return this;
    }

    /// <summary>Removes every wire from <paramref name="from"/> to port <paramref name="port"/> of <paramref name="to"/>.</summary>
    /// <returns>Whether any wire was removed.</returns>
    public bool Disconnect(NodeId from, NodeId to, int port = 0) =>
        _connections.RemoveAll(c => c.From == from && c.To == to && c.Port == port) > 0;

    /// <summary>Removes a node and every wire touching it.</summary>
    /// <returns>Whether the node existed.</returns>
    public bool Remove(NodeId node)
    {
        if (!_nodes.Remove(node))
        {
            return false;
        }

        _connections.RemoveAll(c => c.From == node || c.To == node);
        if (Output == node)
        {
            Output = null;
        }

        return true;
    }

    /// <summary>Marks the node whose output <see cref="AudioRenderer.Render(Span{float})"/> returns to the host.</summary>
    /// <exception cref="ArgumentException">The node is unknown or is a sink.</exception>
    public AudioGraphBuilder SetOutput(NodeId node)
    {
        var record = GetRecord(node, nameof(node));
        if (record.Kind == NodeKind.Sink)
        {
            throw new ArgumentException($"Node {record} is a sink and has no output.", nameof(node));
        }

        Output = node;
        return this;
    }

    /// <summary>
    /// Puts a node that threw on the audio thread (see <see cref="RenderFault"/>) back into service: the plans that
    /// hold it run it again from their next block. Control thread; fix the cause first.
    /// </summary>
    /// <returns>Whether the node was faulted.</returns>
    /// <exception cref="ArgumentException">The node is unknown.</exception>
    public bool ClearFault(NodeId node)
    {
        var record = GetRecord(node, nameof(node));
        var was = record.Prepared.IsFaulted;
        record.Prepared.IsFaulted = false;
        return was;
    }

    /// <summary>Gets the node instance behind an id.</summary>
    public IAudioNode GetNode(NodeId id) => GetRecord(id, nameof(id)).Node;

    /// <summary>Gets the name of a node.</summary>
    public string GetName(NodeId id) => GetRecord(id, nameof(id)).Name;

    /// <summary>
    /// Compiles the current wiring into an immutable plan: resolves channel counts, prepares new
    /// nodes, orders the nodes, inserts latency-compensating delays and assigns buffers. Control
    /// thread; allocates.
    /// </summary>
    /// <exception cref="GraphCompileException">The wiring cannot render; the message names the nodes.</exception>
    public RenderPlan Compile() => new GraphCompiler(this).Compile();

    internal IReadOnlyCollection<NodeRecord> Records => _nodes.Values;

    internal Dictionary<Connection, CompensationDelay> CompensationDelays => _compensationDelays;

    internal NodeRecord GetRecord(NodeId id) => _nodes[id];

    private NodeId Add(IAudioNode node, NodeKind kind, string? name)
    {
        ArgumentNullException.ThrowIfNull(node);
        foreach (var existing in _nodes.Values)
        {
            if (ReferenceEquals(existing.Node, node))
            {
                throw new ArgumentException($"This node instance is already in the graph as {existing}.", nameof(node));
            }
        }

        if (!_prepared.TryGetValue(node, out var prepared))
        {
            prepared = new PreparedState();
            _prepared.Add(node, prepared);
        }

        var id = new NodeId(_nextId++);
        _nodes.Add(id, new NodeRecord(id, name ?? node.GetType().Name, kind, node, id.Value, prepared));
        return id;
    }

    private NodeRecord GetRecord(NodeId id, string parameterName) =>
        _nodes.TryGetValue(id, out var record)
            ? record
            : throw new ArgumentException($"Node {id} is not in this graph.", parameterName);
}
