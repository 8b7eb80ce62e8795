namespace AudioPost.Sdk.Graph;

internal sealed partial class GraphCompiler
{
    /// <summary>
    /// Computes each node's output latency and the delay each wire needs so that every input of
    /// a node arrives aligned to the latest one. Paths that come out of a feedback delay are
    /// free-running (null latency): a loop has no meaningful alignment, so they are neither
    /// delayed nor allowed to delay the dry path.
    /// </summary>
    private long?[] ComputeLatencies(int[] order, bool[] split, out int[] wireDelays)
    {
        var latency = new long?[_nodes.Length];
        wireDelays = new int[_connections.Length];
        foreach (var node in order)
        {
            if (split[node])
            {
                continue;
            }

            latency[node] = _nodes[node].Kind == NodeKind.Source
                ? _nodes[node].Node.LatencyFrames
                : AlignInputs(node, latency, wireDelays) is { } target ? target + _nodes[node].Node.LatencyFrames : null;
        }

        // A feedback delay's input is written after the loop has run, so its wires are aligned last.
        for (var node = 0; node < _nodes.Length; node++)
        {
            if (split[node])
            {
                AlignInputs(node, latency, wireDelays);
            }
        }

        return latency;
    }

    private long? AlignInputs(int node, long?[] latency, int[] wireDelays)
    {
        long? target = null;
        foreach (var port in _inputs[node])
        {
            foreach (var k in port)
            {
                if (latency[From(k)] is { } value && (target is null || value > target))
                {
                    target = value;
                }
            }
        }

        if (target is null)
        {
            return null;
        }

        foreach (var port in _inputs[node])
        {
            foreach (var k in port)
            {
                if (latency[From(k)] is { } value)
                {
                    var delay = target.Value - value;
                    if (delay > int.MaxValue / 2)
                    {
                        throw new GraphCompileException($"Aligning the inputs of node {Describe(node)} would need a delay of {delay} frames.", [_nodes[node].Name]);
                    }

                    wireDelays[k] = (int)delay;
                }
            }
        }

        return target;
    }

    private long TotalLatency(long?[] latency)
    {
        if (_builder.Output is { } output)
        {
            return latency[_index[output]] ?? 0;
        }

        long total = 0;
        for (var node = 0; node < _nodes.Length; node++)
        {
            if (_nodes[node].Kind == NodeKind.Sink)
            {
                long max = 0;
                foreach (var k in _inputs[node][0])
                {
                    max = Math.Max(max, latency[From(k)] ?? 0);
                }

                total = Math.Max(total, max + _nodes[node].Node.LatencyFrames);
            }
        }

        return total;
    }
}
