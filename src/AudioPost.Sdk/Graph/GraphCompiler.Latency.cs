namespace AudioPost.Sdk.Graph;

internal sealed partial class GraphCompiler
{
    /// <summary>The origin of signals that descend from the sources (not from a feedback delay).</summary>
    private const int Dry = -1;

    /// <summary>
    /// Computes each node's output latency and the delay each wire needs so that the inputs of a
    /// node arrive aligned. Latency is measured from an origin: the sources (<see cref="Dry"/>) or
    /// the output of one feedback delay, which restarts the clock at 0 (a loop has no alignment
    /// with the dry signal). Wires of the same origin are aligned to the latest of them; where
    /// origins meet, each group is aligned within itself and the node takes the dry group's
    /// latency, so an echo return never delays the dry path.
    /// </summary>
    private (int[] Origin, long[] Latency) ComputeLatencies(int[] order, bool[] split, out int[] wireDelays)
    {
        var origin = new int[_nodes.Length];
        var latency = new long[_nodes.Length];
        wireDelays = new int[_connections.Length];
        for (var node = 0; node < _nodes.Length; node++)
        {
            if (split[node])
            {
                origin[node] = node;
            }
        }

        foreach (var node in order)
        {
            if (split[node])
            {
                continue;
            }

            if (_nodes[node].Kind == NodeKind.Source)
            {
                origin[node] = Dry;
                latency[node] = _nodes[node].Node.LatencyFrames;
                continue;
            }

            var (nodeOrigin, target) = AlignInputs(node, origin, latency, wireDelays);
            origin[node] = nodeOrigin;
            latency[node] = target + _nodes[node].Node.LatencyFrames;
        }

        // A feedback delay's input is written after the loop has run, so its wires are aligned last.
        for (var node = 0; node < _nodes.Length; node++)
        {
            if (split[node])
            {
                AlignInputs(node, origin, latency, wireDelays);
            }
        }

        return (origin, latency);
    }

    /// <summary>Aligns the wires into <paramref name="node"/> per origin; returns the origin and latency its inputs arrive with.</summary>
    private (int Origin, long Latency) AlignInputs(int node, int[] origin, long[] latency, int[] wireDelays)
    {
        // Few origins meet at one node: a small list beats a dictionary here.
        var targets = new List<(int Origin, long Target)>();
        foreach (var port in _inputs[node])
        {
            foreach (var k in port)
            {
                var from = From(k);
                var index = targets.FindIndex(t => t.Origin == origin[from]);
                if (index < 0)
                {
                    targets.Add((origin[from], latency[from]));
                }
                else if (latency[from] > targets[index].Target)
                {
                    targets[index] = (origin[from], latency[from]);
                }
            }
        }

        foreach (var port in _inputs[node])
        {
            foreach (var k in port)
            {
                var from = From(k);
                var delay = targets.Find(t => t.Origin == origin[from]).Target - latency[from];
                if (delay > int.MaxValue / 2)
                {
                    throw new GraphCompileException($"Aligning the inputs of node {Describe(node)} would need a delay of {delay} frames.", [_nodes[node].Name]);
                }

                wireDelays[k] = (int)delay;
            }
        }

        if (targets.Count == 0)
        {
            return (Dry, 0);
        }

        var dry = targets.FindIndex(t => t.Origin == Dry);
        if (dry >= 0)
        {
            return targets[dry];
        }

        // Only loop returns meet here: they stay mutually free-running; report the lowest origin for determinism.
        return targets.MinBy(t => t.Origin);
    }

    private long TotalLatency(int[] origin, long[] latency)
    {
        if (_builder.Output is { } output)
        {
            var index = _index[output];
            return origin[index] == Dry ? latency[index] : 0;
        }

        long total = 0;
        for (var node = 0; node < _nodes.Length; node++)
        {
            if (_nodes[node].Kind == NodeKind.Sink)
            {
                long max = 0;
                foreach (var k in _inputs[node][0])
                {
                    var from = From(k);
                    if (origin[from] == Dry)
                    {
                        max = Math.Max(max, latency[from]);
                    }
                }

                total = Math.Max(total, max + _nodes[node].Node.LatencyFrames);
            }
        }

        return total;
    }
}
