using System.Globalization;
using System.Text;
using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Processing.Delays;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Graph.Differential;

/// <summary>What a node of a random test graph is.</summary>
internal enum ModelKind
{
    Source,
    Affine,
    Latent,
    Delay,
    Up,
    Down,
    Bus,
    Sink,
}

/// <summary>
/// One node of a random test graph, as the reference model sees it: its kind, parameters and
/// wires, and the samples the model computes for it. Public fields keep the generators terse.
/// </summary>
internal sealed class ModelNode
{
#pragma warning disable CA1051 // A plain data bag shared by the generators and the model.
    public ModelKind Kind;
    public int Ch;
    public int InCh;
    public int Param;
    public float A;
    public float B;
    public float[] W = [];
    public List<(int From, int Port)> In = [];
    public NodeId Id;
    public object? Obj;
    public long Lat;
    public int Origin;
    public bool Split;
    public float[][] Out = [];
    public float[][][] PortIn = [];
#pragma warning restore CA1051
}

/// <summary>Turns a random model graph into the real graph under test.</summary>
internal static class DifferentialModel
{
    /// <summary>
    /// Adds every model node to a builder of the given block size, wires it, and picks an output
    /// node at random (or none, a third of the time). Appends a one-line description for failures.
    /// </summary>
    public static AudioGraphBuilder Build(List<ModelNode> nodes, int block, Random random, StringBuilder description, out int output)
    {
        var builder = new AudioGraphBuilder(new GraphOptions { BlockSize = block });
        for (var i = 0; i < nodes.Count; i++)
        {
            var n = nodes[i];
            var name = $"n{i}";
            n.Id = n.Kind switch
            {
                ModelKind.Source => builder.AddSource(Keep(n, new HashSource(i, n.Ch)), name),
                ModelKind.Affine => builder.AddProcessor(Keep(n, new AffineProcessor(n.A, n.B)), name),
                ModelKind.Latent => builder.AddProcessor(Keep(n, new LatentProcessor(n.Param)), name),
                ModelKind.Delay => builder.AddProcessor(Keep(n, new DelayProcessor(n.Param)), name),
                ModelKind.Up => builder.AddProcessor(Keep(n, new UpmixProcessor()), name),
                ModelKind.Down => builder.AddProcessor(Keep(n, new DownmixProcessor()), name),
                ModelKind.Bus => builder.AddMultiInput(Keep(n, new WeightedBus(n.W)), name),
                _ => builder.AddSink(Keep(n, new RecordingSink()), name),
            };

            description.Append(CultureInfo.InvariantCulture, $"n{i}:{n.Kind}(ch{n.Ch},p{n.Param}) <- [{string.Join(",", n.In.Select(w => $"n{w.From}@{w.Port}"))}]; ");
        }

        foreach (var n in nodes)
        {
            foreach (var (from, port) in n.In)
            {
                builder.Connect(nodes[from].Id, n.Id, port);
            }
        }

        var candidates = nodes.Select((n, i) => (n, i)).Where(t => t.n.Kind != ModelKind.Sink).Select(t => t.i).ToList();
        output = random.Next(3) == 0 ? -1 : candidates[random.Next(candidates.Count)];
        if (output >= 0)
        {
            builder.SetOutput(nodes[output].Id);
        }

        description.Append(CultureInfo.InvariantCulture, $"out=n{output} block={block}");
        return builder;
    }

    private static T Keep<T>(ModelNode node, T instance)
        where T : class
    {
        node.Obj = instance;
        return instance;
    }
}
