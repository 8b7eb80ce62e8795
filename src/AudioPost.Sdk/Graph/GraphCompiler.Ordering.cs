using AudioPost.Sdk.Processing;

namespace AudioPost.Sdk.Graph;

internal sealed partial class GraphCompiler
{
    /// <summary>
    /// Finds the feedback delays that break cycles. Every strongly connected component with a
    /// cycle must hold an <see cref="IFeedbackDelay"/> of at least one block; those are split into
    /// a read at the start of the block and a write at its end. A cycle left after the split does
    /// not pass through such a delay and is rejected with its path.
    /// </summary>
    private bool[] FindFeedbackSplits()
    {
        var split = new bool[_nodes.Length];
        foreach (var component in StronglyConnected(split))
        {
            var found = false;
            foreach (var node in component)
            {
                if (_nodes[node].Node is IFeedbackDelay delay && delay.DelayFrames >= _options.BlockSize)
                {
                    split[node] = true;
                    found = true;
                }
            }

            if (!found)
            {
                ThrowCycle(component, split);
            }
        }

        foreach (var component in StronglyConnected(split))
        {
            ThrowCycle(component, split);
        }

        return split;
    }

    private void ThrowCycle(List<int> component, bool[] split)
    {
        var path = CyclePath(component, split);
        var names = path.Select(n => _nodes[n].Name).ToList();
        throw new GraphCompileException(
            $"The graph has a cycle {string.Join(" -> ", path.Select(Describe))} that does not pass through a feedback delay of at least one block ({_options.BlockSize} frames). Insert a DelayProcessor of {_options.BlockSize} frames or more in the loop.",
            names);
    }

    /// <summary>Lists the components that contain a cycle (Tarjan), ignoring wires into split nodes.</summary>
    private List<List<int>> StronglyConnected(bool[] split)
    {
        var successors = Successors(split);
        var index = new int[_nodes.Length];
        var low = new int[_nodes.Length];
        var onStack = new bool[_nodes.Length];
        Array.Fill(index, -1);
        var stack = new Stack<int>();
        var result = new List<List<int>>();
        var counter = 0;

        // Iterative Tarjan: graphs of thousands of nodes must not overflow the stack.
        var work = new Stack<(int Node, int Next)>();
        for (var root = 0; root < _nodes.Length; root++)
        {
            if (index[root] >= 0)
            {
                continue;
            }

            work.Push((root, 0));
            while (work.Count > 0)
            {
                var (node, next) = work.Pop();
                if (next == 0)
                {
                    index[node] = low[node] = counter++;
                    stack.Push(node);
                    onStack[node] = true;
                }

                var descended = false;
                for (var e = next; e < successors[node].Count; e++)
                {
                    var target = successors[node][e];
                    if (index[target] < 0)
                    {
                        work.Push((node, e + 1));
                        work.Push((target, 0));
                        descended = true;
                        break;
                    }

                    if (onStack[target])
                    {
                        low[node] = Math.Min(low[node], index[target]);
                    }
                }

                if (descended)
                {
                    continue;
                }

                if (low[node] == index[node])
                {
                    var component = new List<int>();
                    int member;
                    do
                    {
                        member = stack.Pop();
                        onStack[member] = false;
                        component.Add(member);
                    }
                    while (member != node);

                    if (component.Count > 1 || successors[node].Contains(node))
                    {
                        component.Sort();
                        result.Add(component);
                    }
                }

                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[node]);
                }
            }
        }

        return result;
    }

    private List<int>[] Successors(bool[] split)
    {
        var successors = new List<int>[_nodes.Length];
        for (var i = 0; i < successors.Length; i++)
        {
            successors[i] = [];
        }

        for (var k = 0; k < _connections.Length; k++)
        {
            var to = _index[_connections[k].To];
            if (!split[to])
            {
                successors[From(k)].Add(to);
            }
        }

        return successors;
    }

    /// <summary>A closed path inside <paramref name="component"/>, first node repeated at the end, for the error message.</summary>
    private List<int> CyclePath(List<int> component, bool[] split)
    {
        var successors = Successors(split);
        var members = component.ToHashSet();
        var start = component[0];
        var parent = new Dictionary<int, int> { [start] = -1 };
        var queue = new Queue<int>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var next in successors[node])
            {
                if (!members.Contains(next))
                {
                    continue;
                }

                if (next == start)
                {
                    var path = new List<int> { start };
                    for (var n = node; n != -1 && n != start; n = parent[n])
                    {
                        path.Insert(1, n);
                    }

                    path.Add(start);
                    return path;
                }

                if (parent.TryAdd(next, node))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return [.. component, start];
    }

    /// <summary>Kahn's algorithm; among ready nodes the earliest added goes first, so a plan is deterministic.</summary>
    private int[] TopologicalOrder(bool[] split)
    {
        var successors = Successors(split);
        var pending = new int[_nodes.Length];
        foreach (var list in successors)
        {
            foreach (var target in list)
            {
                pending[target]++;
            }
        }

        var ready = new PriorityQueue<int, int>();
        for (var i = 0; i < _nodes.Length; i++)
        {
            if (pending[i] == 0)
            {
                ready.Enqueue(i, i);
            }
        }

        var order = new List<int>(_nodes.Length);
        while (ready.TryDequeue(out var node, out _))
        {
            order.Add(node);
            foreach (var target in successors[node])
            {
                if (--pending[target] == 0)
                {
                    ready.Enqueue(target, target);
                }
            }
        }

        return [.. order];
    }
}
