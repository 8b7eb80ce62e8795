namespace AudioPost.Sdk.Graph;

internal sealed partial class GraphCompiler
{
    /// <summary>
    /// Groups the nodes into lanes for parallel offline rendering: a lane is a source and the chain of one-input
    /// processors (and at most one sink at its end) that only it feeds. No lane reads another lane's audio or the join
    /// stage's, so the lanes of a block can run at the same time; everything else (buses, fan-in, fan-out past the
    /// lane's last node, feedback) is the join stage (lane -1), which runs after every lane, in plan order.
    /// </summary>
    /// <param name="order">The nodes in render order.</param>
    /// <param name="split">The feedback delays split into a read and a write.</param>
    /// <param name="laneCount">The number of lanes.</param>
    /// <returns>Each node's lane, or -1.</returns>
    private int[] AssignLanes(int[] order, bool[] split, out int laneCount)
    {
        var lanes = new int[_nodes.Length];
        Array.Fill(lanes, -1);
        laneCount = 0;
        foreach (var node in order)
        {
            if (split[node])
            {
                continue;
            }

            switch (_nodes[node].Kind)
            {
                case NodeKind.Source:
                    lanes[node] = laneCount++;
                    break;
                case NodeKind.Processor:
                case NodeKind.Sink:
                    // One wire from a lane node that feeds nothing else: the lane's buffer, read by no one but this
                    // node, so the node may run on the lane's thread.
                    var wires = _inputs[node][0];
                    if (wires.Count == 1)
                    {
                        var from = From(wires[0]);
                        if (lanes[from] >= 0 && _consumerCount[from] == 1 && !split[from])
                        {
                            lanes[node] = lanes[from];
                        }
                    }

                    break;
            }
        }

        return lanes;
    }
}
