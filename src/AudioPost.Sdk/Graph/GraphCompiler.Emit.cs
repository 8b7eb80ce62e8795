namespace AudioPost.Sdk.Graph;

internal sealed partial class GraphCompiler
{
    private RenderPlan Emit(int[] order, bool[] split, int[] origin, long[] latency, int[] wireDelays)
    {
        var lanes = AssignLanes(order, split, out var laneCount);
        var emitter = new Emitter(this, wireDelays, lanes);
        for (var node = 0; node < _nodes.Length; node++)
        {
            if (split[node])
            {
                emitter.FeedbackRead(node);
            }
        }

        foreach (var node in order)
        {
            if (split[node])
            {
                continue;
            }

            switch (_nodes[node].Kind)
            {
                case NodeKind.Source:
                    emitter.Source(node);
                    break;
                case NodeKind.Processor:
                    emitter.Processor(node);
                    break;
                case NodeKind.MultiInput:
                    emitter.MultiInput(node);
                    break;
                case NodeKind.Sink:
                    emitter.Sink(node);
                    break;
            }
        }

        for (var node = 0; node < _nodes.Length; node++)
        {
            if (split[node])
            {
                emitter.FeedbackWrite(node);
            }
        }

        // Wires kept by this plan keep their delay lines in the builder for the next compile;
        // delay lines of removed wires go with the old plan.
        _builder.CompensationDelays.Clear();
        foreach (var (connection, delay) in emitter.UsedDelays)
        {
            _builder.CompensationDelays[connection] = delay;
        }

        var output = _builder.Output is { } id ? _index[id] : -1;
        return new RenderPlan(
            _options,
            [.. _nodes.Select(n => n.Node)],
            [.. order.Select(n => _nodes[n].Id)],
            [.. emitter.Ops],
            [.. emitter.OpLanes],
            laneCount,
            emitter.Delays.ToArray(),
            [.. emitter.PortOffsets],
            [.. emitter.PortChannels],
            emitter.Layout.Length,
            output >= 0 ? emitter.OutputOffset(output) : 0,
            output >= 0 ? _outChannels[output] : 0,
            TotalLatency(origin, latency),
            _nodes.Select((n, i) => (n.Id, latency[i])).ToDictionary(p => p.Id, p => p.Item2),
            _nodes);
    }

    /// <summary>Walks the order once, assigning buffers and writing plan steps.</summary>
    private sealed class Emitter
    {
        private readonly GraphCompiler _c;
        private readonly int[] _wireDelays;
        private readonly int[] _lanes;
        private readonly int[] _offset;
        private readonly int[] _capacity;
        private readonly int[] _readersLeft;
        private readonly bool[] _pinned;
        private readonly List<int> _release = [];
        private readonly HashSet<CompensationDelay> _claimed = [];

        // The lane of the node being emitted: its steps, and the buffers it allocates and frees, belong to that lane.
        private int _lane = -1;

        public Emitter(GraphCompiler compiler, int[] wireDelays, int[] lanes)
        {
            _c = compiler;
            _wireDelays = wireDelays;
            _lanes = lanes;
            var count = compiler._nodes.Length;
            _offset = new int[count];
            _capacity = new int[count];
            _readersLeft = (int[])compiler._consumerCount.Clone();
            _pinned = new bool[count];
            if (compiler._builder.Output is { } output)
            {
                _pinned[compiler._index[output]] = true;
            }

            Layout = new ArenaLayout(compiler._options.BlockSize);

            // Delays whose wire survives the edit belong to that wire; the rest may be adopted
            // by a new wire into the same port (a node inserted on the path), see DelayFor.
            for (var k = 0; k < compiler._connections.Length; k++)
            {
                if (wireDelays[k] > 0 && compiler._builder.CompensationDelays.TryGetValue(compiler._connections[k], out var kept))
                {
                    _claimed.Add(kept);
                }
            }
        }

        public ArenaLayout Layout { get; }

        public List<PlanOp> Ops { get; } = [];

        /// <summary>Gets the lane of each step in <see cref="Ops"/> (-1: the serial join stage).</summary>
        public List<int> OpLanes { get; } = [];

        public List<CompensationDelay> Delays { get; } = [];

        public List<(Connection, CompensationDelay)> UsedDelays { get; } = [];

        public List<int> PortOffsets { get; } = [];

        public List<int> PortChannels { get; } = [];

        public int OutputOffset(int node) => _offset[node];

        public void Source(int node)
        {
            _lane = _lanes[node];
            var channels = _c._outChannels[node];
            SetOutput(node, Layout.Allocate(channels, _lane));
            Add(new PlanOp(PlanOpKind.Source, node, 0, _offset[node], channels, 0, -1));
        }

        public void Processor(int node)
        {
            _lane = _lanes[node];
            var input = _c._inChannels[node][0];
            var work = Math.Max(input, _c._outChannels[node]);
            var buffer = Gather(node, 0, work, takeOver: true);
            if (work > input)
            {
                Add(new PlanOp(PlanOpKind.Clear, node, 0, buffer.Offset, work - input, input, -1));
            }

            Add(new PlanOp(PlanOpKind.Process, node, 0, buffer.Offset, work, 0, -1));
            SetOutput(node, buffer);
            ReleaseReaders();
        }

        public void MultiInput(int node)
        {
            _lane = _lanes[node];
            var ports = _c._inputs[node].Length;
            var start = PortOffsets.Count;
            var owned = new List<(int, int)>();
            for (var p = 0; p < ports; p++)
            {
                var channels = _c._inChannels[node][p];
                var buffer = Gather(node, p, channels, takeOver: false);
                PortOffsets.Add(buffer.Offset);
                PortChannels.Add(channels);
                if (buffer.Owned)
                {
                    owned.Add((buffer.Offset, buffer.Capacity));
                }
            }

            var outChannels = _c._outChannels[node];
            var output = Layout.Allocate(outChannels, _lane);
            Add(new PlanOp(PlanOpKind.Clear, node, 0, output.Offset, outChannels, 0, -1));
            Add(new PlanOp(PlanOpKind.MultiInput, node, 0, output.Offset, outChannels, start, -1));
            SetOutput(node, output);
            foreach (var (offset, capacity) in owned)
            {
                Layout.Free(offset, capacity, _lane);
            }

            ReleaseReaders();
        }

        public void Sink(int node)
        {
            _lane = _lanes[node];
            var channels = _c._inChannels[node][0];
            var buffer = Gather(node, 0, channels, takeOver: false);
            Add(new PlanOp(PlanOpKind.Sink, node, buffer.Offset, 0, channels, 0, -1));
            if (buffer.Owned)
            {
                Layout.Free(buffer.Offset, buffer.Capacity, _lane);
            }

            ReleaseReaders();
        }

        public void FeedbackRead(int node)
        {
            _lane = _lanes[node];
            var channels = _c._outChannels[node];
            SetOutput(node, Layout.Allocate(channels, _lane));
            Add(new PlanOp(PlanOpKind.FeedbackRead, node, 0, _offset[node], channels, 0, -1));
        }

        public void FeedbackWrite(int node)
        {
            _lane = _lanes[node];
            var channels = _c._inChannels[node][0];
            var buffer = Gather(node, 0, channels, takeOver: false);
            Add(new PlanOp(PlanOpKind.FeedbackWrite, node, buffer.Offset, 0, channels, 0, -1));
            if (buffer.Owned)
            {
                Layout.Free(buffer.Offset, buffer.Capacity, _lane);
            }

            ReleaseReaders();
        }

        private void Add(PlanOp op)
        {
            Ops.Add(op);
            OpLanes.Add(_lane);
        }

        private void SetOutput(int node, (int Offset, int Capacity) buffer)
        {
            _offset[node] = buffer.Offset;
            _capacity[node] = buffer.Capacity;
            if (_readersLeft[node] == 0 && !_pinned[node])
            {
                Layout.Free(buffer.Offset, buffer.Capacity, _lane);
            }
        }

        private void SetOutput(int node, Gathered buffer) => SetOutput(node, (buffer.Offset, buffer.Capacity));

        /// <summary>
        /// Brings the wires into one port together. A lone, undelayed wire is read where it lies
        /// (or, for an in-place processor that is its last reader, taken over); otherwise the
        /// wires are copied and summed into a fresh buffer, through their compensation delays.
        /// </summary>
        private Gathered Gather(int node, int port, int channels, bool takeOver)
        {
            var wires = _c._inputs[node][port];
            if (wires.Count == 0)
            {
                return new Gathered(0, 0, false);
            }

            if (wires.Count == 1 && _wireDelays[wires[0]] == 0)
            {
                var from = _c.From(wires[0]);
                if (!takeOver)
                {
                    _release.Add(from);
                    return new Gathered(_offset[from], _capacity[from], false);
                }

                if (_readersLeft[from] == 1 && !_pinned[from] && _capacity[from] >= channels)
                {
                    _readersLeft[from] = 0;
                    return new Gathered(_offset[from], _capacity[from], true);
                }
            }

            var buffer = Layout.Allocate(channels, _lane);
            for (var w = 0; w < wires.Count; w++)
            {
                var k = wires[w];
                var from = _c.From(k);
                var delay = DelayFor(k, _c._outChannels[from]);
                Add(new PlanOp(w == 0 ? PlanOpKind.Copy : PlanOpKind.Sum, node, _offset[from], buffer.Offset, _c._outChannels[from], 0, delay));
                Release(from);
            }

            return new Gathered(buffer.Offset, buffer.Capacity, true);
        }

        private int DelayFor(int wire, int channels)
        {
            var frames = _wireDelays[wire];
            if (frames == 0)
            {
                return -1;
            }

            var connection = _c._connections[wire];
            if (!_c._builder.CompensationDelays.TryGetValue(connection, out var delay)
                || delay.DelayFrames != frames || delay.ChannelCount != channels)
            {
                delay = Adopt(connection, channels, frames) ?? new CompensationDelay(channels, frames);
            }

            UsedDelays.Add((connection, delay));
            Delays.Add(delay);
            return Delays.Count - 1;
        }

        /// <summary>
        /// Finds a delay line of a removed wire into the same port with the same shape: its
        /// contents are the samples the new wire would have carried, so taking it over keeps an
        /// insert-on-a-path edit from clicking.
        /// </summary>
        private CompensationDelay? Adopt(Connection connection, int channels, int frames)
        {
            foreach (var (old, delay) in _c._builder.CompensationDelays)
            {
                if (old.To == connection.To && old.Port == connection.Port && delay.ChannelCount == channels
                    && delay.DelayFrames == frames && _claimed.Add(delay))
                {
                    return delay;
                }
            }

            return null;
        }

        private void ReleaseReaders()
        {
            foreach (var from in _release)
            {
                Release(from);
            }

            _release.Clear();
        }

        private void Release(int from)
        {
            if (--_readersLeft[from] == 0 && !_pinned[from])
            {
                Layout.Free(_offset[from], _capacity[from], _lane);
            }
        }

        private readonly record struct Gathered(int Offset, int Capacity, bool Owned);
    }
}
