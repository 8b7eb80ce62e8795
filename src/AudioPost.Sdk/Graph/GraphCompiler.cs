using AudioPost.Sdk.Engine;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Sinks;
using AudioPost.Sdk.Sources;

namespace AudioPost.Sdk.Graph;

/// <summary>
/// Turns an <see cref="AudioGraphBuilder"/>'s wiring into a <see cref="RenderPlan"/>: channel
/// counts, preparation, order (with feedback cycles broken at one-block delays), latency
/// compensation, and buffer assignment. Runs on a control thread; allocates freely.
/// </summary>
internal sealed partial class GraphCompiler
{
    private readonly AudioGraphBuilder _builder;
    private readonly GraphOptions _options;
    private readonly NodeRecord[] _nodes;
    private readonly Dictionary<NodeId, int> _index = [];
    private readonly Connection[] _connections;

    // Per node: per port, the indices into _connections of the wires that feed it.
    private readonly List<int>[][] _inputs;
    private readonly int[] _consumerCount;
    private readonly int[] _outChannels;
    private readonly int[][] _inChannels;

    public GraphCompiler(AudioGraphBuilder builder)
    {
        _builder = builder;
        _options = builder.Options;
        _nodes = [.. builder.Records.OrderBy(r => r.Order)];
        for (var i = 0; i < _nodes.Length; i++)
        {
            _index.Add(_nodes[i].Id, i);
        }

        _connections = [.. builder.Connections];
        _inputs = new List<int>[_nodes.Length][];
        _consumerCount = new int[_nodes.Length];
        _outChannels = new int[_nodes.Length];
        _inChannels = new int[_nodes.Length][];
        for (var i = 0; i < _nodes.Length; i++)
        {
            _inputs[i] = new List<int>[_nodes[i].PortCount];
            for (var p = 0; p < _inputs[i].Length; p++)
            {
                _inputs[i][p] = [];
            }

            _inChannels[i] = new int[_nodes[i].PortCount];
        }

        for (var k = 0; k < _connections.Length; k++)
        {
            var connection = _connections[k];
            _inputs[_index[connection.To]][connection.Port].Add(k);
            _consumerCount[_index[connection.From]]++;
        }
    }

    public RenderPlan Compile()
    {
        // Every plan a renderer runs is compiled here, on a control thread: the place to take the shared kernels'
        // first-call costs off the audio thread.
        RealTimeWarmUp.EnsureDone();
        RequireInputs();
        ResolveChannels();
        PrepareNodes();
        var split = FindFeedbackSplits();
        var order = TopologicalOrder(split);
        var (origin, latency) = ComputeLatencies(order, split, out var wireDelays);
        return Emit(order, split, origin, latency, wireDelays);
    }

    private int From(int connection) => _index[_connections[connection].From];

    private string Describe(int node) => _nodes[node].ToString();

    private void RequireInputs()
    {
        for (var i = 0; i < _nodes.Length; i++)
        {
            if (_nodes[i].Kind is NodeKind.Processor or NodeKind.Sink && _inputs[i][0].Count == 0)
            {
                throw new GraphCompileException($"Node {Describe(i)} has no input: connect something to it or remove it.", [_nodes[i].Name]);
            }
        }
    }

    /// <summary>
    /// Channel counts flow from the sources downstream. A fixed-point pass handles feedback
    /// loops, where a node's input depends on its own output; a final pass checks that every
    /// summing point agrees.
    /// </summary>
    private void ResolveChannels()
    {
        var known = new bool[_nodes.Length];
        for (var i = 0; i < _nodes.Length; i++)
        {
            if (_nodes[i].Node is IAudioSource source)
            {
                _outChannels[i] = source.ChannelCount;
                known[i] = true;
            }
            else if (_nodes[i].Kind == NodeKind.Sink)
            {
                known[i] = true;
            }
        }

        for (var changed = true; changed;)
        {
            changed = false;
            for (var i = 0; i < _nodes.Length; i++)
            {
                if (known[i] || !TryPortChannels(i, known, partial: true))
                {
                    continue;
                }

                _outChannels[i] = OutputChannels(i);
                known[i] = true;
                changed = true;
            }
        }

        for (var i = 0; i < _nodes.Length; i++)
        {
            if (!known[i])
            {
                throw new GraphCompileException($"The channel count of node {Describe(i)} cannot be determined: it is fed only from a loop.", [_nodes[i].Name]);
            }
        }

        for (var i = 0; i < _nodes.Length; i++)
        {
            TryPortChannels(i, known, partial: false);
            if (_nodes[i].Kind is NodeKind.Processor or NodeKind.MultiInput && OutputChannels(i) != _outChannels[i])
            {
                throw new GraphCompileException($"Node {Describe(i)} changes its output channel count inside a loop; loops must keep a constant channel count.", [_nodes[i].Name]);
            }
        }
    }

    private bool TryPortChannels(int node, bool[] known, bool partial)
    {
        var any = false;
        for (var p = 0; p < _inputs[node].Length; p++)
        {
            var channels = -1;
            foreach (var k in _inputs[node][p])
            {
                var from = From(k);
                if (!known[from])
                {
                    continue;
                }

                if (channels < 0)
                {
                    channels = _outChannels[from];
                }
                else if (!partial && channels != _outChannels[from])
                {
                    var first = From(_inputs[node][p][0]);
                    throw new GraphCompileException(
                        $"Port {p} of node {Describe(node)} sums {Describe(first)} ({_outChannels[first]} channel(s)) with {Describe(from)} ({_outChannels[from]} channel(s)); summed inputs must have the same channel count.",
                        [_nodes[node].Name, _nodes[first].Name, _nodes[from].Name]);
                }
            }

            any |= channels >= 0;
            _inChannels[node][p] = Math.Max(channels, 0);
        }

        return any;
    }

    private int OutputChannels(int node)
    {
        try
        {
            return _nodes[node].Node switch
            {
                IMultiInputProcessor multi => multi.GetOutputChannelCount(_inChannels[node]),
                IAudioProcessor processor => processor.GetOutputChannelCount(_inChannels[node][0]),
                _ => 0,
            };
        }
        catch (ArgumentException e)
        {
            throw new GraphCompileException($"Node {Describe(node)} rejects its input: {e.Message}", e, [_nodes[node].Name]);
        }
    }

    private void PrepareNodes()
    {
        for (var i = 0; i < _nodes.Length; i++)
        {
            var record = _nodes[i];
            var channels = record.Kind is NodeKind.Processor or NodeKind.Sink ? _inChannels[i][0] : _outChannels[i];
            var spec = new ProcessSpec(_options.SampleRate, _options.BlockSize, channels);
            if (record.PreparedSpec is { } prepared)
            {
                var portsFixed = record.Node is not IMultiInputProcessor { AcceptsInputChangesWhilePrepared: true };
                if (prepared != spec)
                {
                    throw new GraphCompileException(
                        $"Node {Describe(i)} was prepared for {prepared.ChannelCount} channel(s) and would now have {spec.ChannelCount}; a prepared node cannot change shape while it may be rendering. Add a new node instead.",
                        [record.Name]);
                }

                if (portsFixed && record.PreparedInputChannels is { } ports && !ports.AsSpan().SequenceEqual(_inChannels[i]))
                {
                    throw new GraphCompileException(
                        $"Node {Describe(i)} was prepared for input channels [{string.Join(", ", ports)}] per port and would now receive [{string.Join(", ", _inChannels[i])}]; it cannot change its inputs while it may be rendering. Add a new node instead.",
                        [record.Name]);
                }

                continue;
            }

            try
            {
                Prepare(record, spec, _inChannels[i]);
            }
            catch (ArgumentException e)
            {
                // A node that cannot run at this rate or width (a 44.1 kHz file in a 48 kHz graph)
                // is a wiring problem: report it as one, naming the node.
                throw new GraphCompileException($"Node {Describe(i)} cannot be prepared for {spec.SampleRate} Hz, {spec.ChannelCount} channel(s): {e.Message}", e, [record.Name]);
            }

            record.PreparedSpec = spec;
            NodeWarmUp.EnsureDone(record.Node, spec);
        }
    }

    private static void Prepare(NodeRecord record, in ProcessSpec spec, int[] inputChannels)
    {
        switch (record.Node)
        {
            case IAudioSource source:
                source.Prepare(spec);
                break;
            case IMultiInputProcessor multi:
                multi.Prepare(spec, inputChannels);
                record.PreparedInputChannels = [.. inputChannels];
                break;
            case IAudioProcessor processor:
                processor.Prepare(spec);
                break;
            case IAudioSink sink:
                sink.Prepare(spec);
                break;
        }
    }
}
