using System.Numerics.Tensors;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Internal;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Sinks;
using AudioPost.Sdk.Sources;

namespace AudioPost.Sdk.Graph;

/// <summary>
/// A compiled, immutable graph: the flat list of steps an <see cref="AudioRenderer"/> runs every
/// block, with its buffers assigned and its latency-compensating delays in place.
/// </summary>
/// <remarks>
/// Produced by <see cref="AudioGraphBuilder.Compile"/> on a control thread. The public members
/// are read-only facts and thread-safe. A plan is run by one renderer at a time; the renderer
/// owns the audio-thread side.
/// </remarks>
public sealed class RenderPlan
{
    private readonly IAudioNode[] _nodes;
    private readonly IAudioSource?[] _sources;
    private readonly IAudioProcessor?[] _processors;
    private readonly IMultiInputProcessor?[] _multiInputs;
    private readonly IAudioSink?[] _sinks;
    private readonly IFeedbackDelay?[] _feedback;
    private readonly PlanOp[] _ops;
    private readonly int[][] _laneOps;
    private readonly int[] _joinOps;
    private readonly CompensationDelay[] _delays;
    private readonly int[] _portOffsets;
    private readonly int[] _portChannels;
    private readonly float[] _arena;
    private readonly int _stride;
    private readonly int _outputOffset;
    private readonly Dictionary<NodeId, long> _nodeLatency;
    private readonly NodeId[] _ids;
    private readonly string[] _names;
    private readonly PreparedState[] _health;

    internal RenderPlan(
        GraphOptions options,
        IAudioNode[] nodes,
        NodeId[] order,
        PlanOp[] ops,
        int[] opLanes,
        int laneCount,
        CompensationDelay[] delays,
        int[] portOffsets,
        int[] portChannels,
        int arenaLength,
        int outputOffset,
        int outputChannels,
        long latency,
        Dictionary<NodeId, long> nodeLatency,
        NodeRecord[] records)
    {
        SampleRate = options.SampleRate;
        BlockSize = options.BlockSize;
        _stride = options.BlockSize;
        _nodes = nodes;
        _sources = [.. nodes.Select(n => n as IAudioSource)];
        _processors = [.. nodes.Select(n => n as IAudioProcessor)];
        _multiInputs = [.. nodes.Select(n => n as IMultiInputProcessor)];
        _sinks = [.. nodes.Select(n => n as IAudioSink)];
        _feedback = [.. nodes.Select(n => n as IFeedbackDelay)];
        NodeOrder = order;
        _ops = ops;
        _laneOps = [.. Enumerable.Range(0, laneCount).Select(lane => Enumerable.Range(0, ops.Length).Where(k => opLanes[k] == lane).ToArray())];
        _joinOps = [.. Enumerable.Range(0, ops.Length).Where(k => opLanes[k] < 0)];
        _delays = delays;
        _portOffsets = portOffsets;
        _portChannels = portChannels;
        _arena = new float[Math.Max(arenaLength, 1)];
        _outputOffset = outputOffset;
        OutputChannelCount = outputChannels;
        LatencyFrames = latency;
        _nodeLatency = nodeLatency;
        TailFrames = nodes.Length == 0 ? 0 : nodes.Max(n => n.TailFrames);
        _ids = [.. records.Select(r => r.Id)];
        _names = [.. records.Select(r => r.Name)];
        _health = [.. records.Select(r => r.Prepared)];
    }

    /// <summary>Gets the sample rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Gets the internal block size in frames.</summary>
    public int BlockSize { get; }

    /// <summary>Gets the channels of the graph output (0 when no output node is set).</summary>
    public int OutputChannelCount { get; }

    /// <summary>
    /// Gets the graph's total latency in frames: at the output node if one is set, otherwise the
    /// largest at any sink. A host delays picture (or advances audio) by this much to stay in sync.
    /// </summary>
    public long LatencyFrames { get; }

    /// <summary>Gets the longest tail of any node, in frames.</summary>
    public int TailFrames { get; }

    /// <summary>Gets the nodes in the order they render.</summary>
    public IReadOnlyList<NodeId> NodeOrder { get; }

    /// <summary>
    /// Gets the number of independent lanes: a source with the chain of one-input processors (and a sink) that only it
    /// feeds. An offline render with <see cref="OfflineRenderOptions.MaxDegreeOfParallelism"/> above 1 runs the lanes of
    /// each block on several threads, then the rest of the plan (buses, sends, feedback) in order on one.
    /// </summary>
    public int LaneCount => _laneOps.Length;

    /// <summary>Gets the number of compensation delays the compiler inserted.</summary>
    public int CompensationDelayCount => _delays.Length;

    /// <summary>Gets the size of the plan's buffer arena in samples (buffer reuse keeps it small).</summary>
    public int ArenaSamples => _arena.Length;

    /// <summary>
    /// Gets the latency, in frames, of the audio leaving <paramref name="node"/>: measured from the
    /// sources, or, for audio that comes only out of a feedback loop, from that loop's delay.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The node is not in this plan.</exception>
    public long GetNodeLatency(NodeId node) => _nodeLatency[node];

    /// <summary>
    /// Gets whether <paramref name="node"/> threw on the audio thread and is bypassed (see <see cref="RenderFault"/>).
    /// Thread-safe. The state belongs to the node instance in its builder, so it survives re-compiles; clear it with
    /// <see cref="AudioGraphBuilder.ClearFault"/>.
    /// </summary>
    /// <returns>False for a node that is not in this plan.</returns>
    public bool IsFaulted(NodeId node)
    {
        var index = Array.IndexOf(_ids, node);
        return index >= 0 && _health[index].IsFaulted;
    }

    /// <summary>
    /// Runs every step for the frames [<paramref name="frameOffset"/>, +<paramref name="frames"/>) of the block. Audio
    /// thread. A node that throws is marked faulted, bypassed from then on, and reported to <paramref name="faults"/>.
    /// </summary>
    /// <returns>The number of nodes that faulted during this call.</returns>
    internal int Execute(int frameOffset, int frames, in ProcessContext context, BoundedQueue<RenderFault>? faults)
    {
        var arena = _arena.AsSpan();
        var faulted = 0;
        for (var k = 0; k < _ops.Length; k++)
        {
            if (RunIsolated(arena, in _ops[k], frameOffset, frames, context, out var fault))
            {
                faults?.TryEnqueue(fault);
                faulted++;
            }
        }

        return faulted;
    }

    /// <summary>
    /// Runs the steps of lane <paramref name="lane"/> for the frames of the block, in plan order. Any one thread; lanes
    /// may run at the same time, each on one thread. Faults are counted and the first is kept in
    /// <paramref name="firstFault"/> rather than queued, so the caller reports them in lane order.
    /// </summary>
    /// <returns>The number of nodes of the lane that faulted during this call.</returns>
    internal int ExecuteLane(int lane, int frameOffset, int frames, in ProcessContext context, ref RenderFault firstFault)
    {
        var arena = _arena.AsSpan();
        var faulted = 0;
        foreach (var k in _laneOps[lane])
        {
            if (RunIsolated(arena, in _ops[k], frameOffset, frames, context, out var fault))
            {
                firstFault = faulted == 0 ? fault : firstFault;
                faulted++;
            }
        }

        return faulted;
    }

    /// <summary>Runs the join stage (every step outside a lane) for the frames of the block, in plan order, after every
    /// lane has run. Audio (render) thread.</summary>
    /// <returns>The number of nodes that faulted during this call.</returns>
    internal int ExecuteJoin(int frameOffset, int frames, in ProcessContext context, BoundedQueue<RenderFault>? faults)
    {
        var arena = _arena.AsSpan();
        var faulted = 0;
        foreach (var k in _joinOps)
        {
            if (RunIsolated(arena, in _ops[k], frameOffset, frames, context, out var fault))
            {
                faults?.TryEnqueue(fault);
                faulted++;
            }
        }

        return faulted;
    }

    /// <summary>
    /// Runs one step. A node that throws is marked faulted and bypassed, now and in every later block; returns
    /// <see langword="true"/> (with the fault) only for the block in which it threw.
    /// </summary>
    private bool RunIsolated(Span<float> arena, in PlanOp op, int frameOffset, int frames, in ProcessContext context, out RenderFault fault)
    {
        fault = default;
        if (op.Kind is PlanOpKind.Clear or PlanOpKind.Copy or PlanOpKind.Sum)
        {
            RunStep(arena, in op, frameOffset, frames, context);
            return false;
        }

        if (_health[op.Node].IsFaulted)
        {
            Bypass(arena, in op, frameOffset, frames);
            return false;
        }

        // A try block costs nothing until something throws; the exception object was allocated by the node that
        // threw, so isolating it here adds no allocation of its own.
        try
        {
            RunStep(arena, in op, frameOffset, frames, context);
            return false;
        }
        catch (Exception exception)
        {
            _health[op.Node].IsFaulted = true;
            fault = new RenderFault(_ids[op.Node], _names[op.Node], exception, context.StreamFrame);
            Bypass(arena, in op, frameOffset, frames);
            return true;
        }
    }

    private void RunStep(Span<float> arena, in PlanOp op, int frameOffset, int frames, in ProcessContext context)
    {
        switch (op.Kind)
        {
            case PlanOpKind.Source:
                _sources[op.Node]!.Read(Block(arena, op.Destination, op.Channels, frameOffset, frames), context);
                break;
            case PlanOpKind.Clear:
                Block(arena, op.Destination + (op.Aux * _stride), op.Channels, frameOffset, frames).Clear();
                break;
            case PlanOpKind.Copy:
            case PlanOpKind.Sum:
                Mix(arena, in op, frameOffset, frames);
                break;
            case PlanOpKind.Process:
                _processors[op.Node]!.Process(Block(arena, op.Destination, op.Channels, frameOffset, frames), context);
                break;
            case PlanOpKind.MultiInput:
                var multi = _multiInputs[op.Node]!;
                var inputs = new AudioInputs(
                    arena.Slice(frameOffset),
                    _portOffsets.AsSpan(op.Aux, multi.InputCount),
                    _portChannels.AsSpan(op.Aux, multi.InputCount),
                    frames,
                    _stride);
                multi.Process(inputs, Block(arena, op.Destination, op.Channels, frameOffset, frames), context);
                break;
            case PlanOpKind.Sink:
                _sinks[op.Node]!.Write(Block(arena, op.Source, op.Channels, frameOffset, frames), context);
                break;
            case PlanOpKind.FeedbackRead:
                _feedback[op.Node]!.ReadDelayed(Block(arena, op.Destination, op.Channels, frameOffset, frames), context);
                break;
            case PlanOpKind.FeedbackWrite:
                _feedback[op.Node]!.WriteInput(Block(arena, op.Source, op.Channels, frameOffset, frames), context);
                break;
        }
    }

    /// <summary>What a faulted node's step does instead: producers output silence, a one-input processor (which works
    /// in place) leaves its input as it is, consumers are skipped.</summary>
    private void Bypass(Span<float> arena, in PlanOp op, int frameOffset, int frames)
    {
        if (op.Kind is PlanOpKind.Source or PlanOpKind.MultiInput or PlanOpKind.FeedbackRead)
        {
            Block(arena, op.Destination, op.Channels, frameOffset, frames).Clear();
        }
    }

    /// <summary>Gets the output node's frames [<paramref name="frameOffset"/>, +<paramref name="frames"/>) of the last executed block.</summary>
    internal ReadOnlyAudioBlock GetOutput(int frameOffset, int frames) =>
        Block(_arena, _outputOffset, OutputChannelCount, frameOffset, frames);

    /// <summary>Resets every node and compensation delay (after a locate). Audio thread.</summary>
    internal void ResetState()
    {
        foreach (var node in _nodes)
        {
            node.Reset();
        }

        foreach (var delay in _delays)
        {
            delay.Reset();
        }
    }

    /// <summary>Completes every sink (end of an offline render). Control thread.</summary>
    internal void CompleteSinks()
    {
        foreach (var sink in _sinks)
        {
            sink?.Complete();
        }
    }

    private AudioBlock Block(Span<float> arena, int offset, int channels, int frameOffset, int frames) =>
        channels == 0
            ? new AudioBlock(default, 0, frames, frames)
            : new AudioBlock(arena.Slice(offset + frameOffset, ((channels - 1) * _stride) + frames), channels, frames, _stride);

    private void Mix(Span<float> arena, in PlanOp op, int frameOffset, int frames)
    {
        var source = Block(arena, op.Source, op.Channels, frameOffset, frames);
        var destination = Block(arena, op.Destination, op.Channels, frameOffset, frames);
        var accumulate = op.Kind == PlanOpKind.Sum;
        if (op.Delay >= 0)
        {
            _delays[op.Delay].Process(source, destination, accumulate);
            return;
        }

        for (var c = 0; c < op.Channels; c++)
        {
            if (accumulate)
            {
                TensorPrimitives.Add(destination.GetChannel(c), source.GetChannel(c), destination.GetChannel(c));
            }
            else
            {
                source.GetChannel(c).CopyTo(destination.GetChannel(c));
            }
        }
    }
}
