using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.Internal;
using AudioPost.Sdk.Processing;

namespace AudioPost.Sdk.Graph;

/// <summary>
/// Runs a <see cref="RenderPlan"/> block by block: the one engine behind offline, device-driven
/// and host-driven rendering.
/// </summary>
/// <remarks>
/// <para><b>Audio thread</b> (one at a time): <see cref="Render(Span{float})"/>,
/// <see cref="Render(AudioBlock)"/> and <see cref="RenderBlock"/>. They never allocate, lock,
/// block or throw for data-dependent reasons. The host may ask for any number of frames: the
/// renderer runs the plan in fixed internal blocks of <see cref="BlockSize"/> and re-blocks.</para>
/// <para><b>Control threads</b> (any number): <see cref="SwapPlan"/> and the <c>TrySchedule*</c>
/// methods, which reach the audio thread through an atomic exchange and a lock-free queue.
/// A swap or a locate scheduled at a stream frame splits the block there, so it lands on the
/// exact sample. The replaced plan is simply dropped by the audio thread and collected by the GC
/// on an allocating (control) thread, never freed on the audio thread.</para>
/// <para><b>Faults</b>: a node that throws on the audio thread is bypassed from then on and the
/// rendering goes on; a control thread reads what happened with <see cref="TryGetFault"/>.</para>
/// </remarks>
public sealed class AudioRenderer
{
    private const int CommandCapacity = 64;
    private const int FaultCapacity = 64;

    private readonly BoundedQueue<RendererCommand> _commands = new(CommandCapacity);
    private readonly BoundedQueue<RenderFault> _faults = new(FaultCapacity);
    private long _faultCount;
    private readonly RendererCommand[] _scheduled = new RendererCommand[CommandCapacity];
    private readonly float[] _stage;
    private readonly bool _isOffline;
    private RenderPlan _plan;
    private RenderPlan? _pendingPlan;
    private ParallelPlanExecutor? _parallel;
    private int _scheduledCount;
    private int _stageRead;
    private long _streamFrame;
    private long _timelineFrame;

    /// <summary>Creates a renderer for <paramref name="plan"/>.</summary>
    /// <param name="plan">The first plan to run.</param>
    /// <param name="isOffline">Whether nodes are told they run offline (<see cref="ProcessContext.IsOffline"/>).</param>
    /// <param name="startTimelineFrame">The timeline position of the first frame rendered.</param>
    public AudioRenderer(RenderPlan plan, bool isOffline = false, long startTimelineFrame = 0)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _plan = plan;
        _isOffline = isOffline;
        _timelineFrame = startTimelineFrame;
        SampleRate = plan.SampleRate;
        BlockSize = plan.BlockSize;
        OutputChannelCount = plan.OutputChannelCount;
        _stage = new float[Math.Max(1, OutputChannelCount * BlockSize)];
        _stageRead = BlockSize;
    }

    /// <summary>Gets the sample rate in Hz (fixed for the renderer's life).</summary>
    public int SampleRate { get; }

    /// <summary>Gets the internal block size in frames.</summary>
    public int BlockSize { get; }

    /// <summary>Gets the number of channels the host receives.</summary>
    public int OutputChannelCount { get; }

    /// <summary>Gets the plan the audio thread runs now. Thread-safe.</summary>
    public RenderPlan Plan => Volatile.Read(ref _plan);

    /// <summary>Gets the render clock: frames rendered so far. Monotonic. Thread-safe (may lag by a block).</summary>
    public long StreamFrame => Volatile.Read(ref _streamFrame);

    /// <summary>Gets the timeline position of the next frame to render. Thread-safe (may lag by a block).</summary>
    public long TimelineFrame => Volatile.Read(ref _timelineFrame);

    /// <summary>Gets the number of nodes that have thrown on the audio thread since this renderer was created. Thread-safe.</summary>
    public long FaultCount => Interlocked.Read(ref _faultCount);

    /// <summary>
    /// Takes the oldest unread fault (a node that threw on the audio thread and is now bypassed). Control thread;
    /// lock-free. At most 64 unread faults are kept; later ones still count in <see cref="FaultCount"/>.
    /// </summary>
    /// <param name="fault">The fault, when one was waiting.</param>
    /// <returns>Whether a fault was waiting.</returns>
    public bool TryGetFault(out RenderFault fault) => _faults.TryDequeue(out fault);

    /// <summary>Gets the total latency of the current plan in frames.</summary>
    public long LatencyFrames => Plan.LatencyFrames;

    /// <summary>
    /// Replaces the running plan at the start of the next internal block. Control thread; lock-free.
    /// Nodes shared by both plans keep their state, so the swap does not click.
    /// </summary>
    /// <exception cref="ArgumentException">The plan's rate, block size or output channels differ from this renderer's.</exception>
    public void SwapPlan(RenderPlan plan)
    {
        RequireCompatible(plan);
        Interlocked.Exchange(ref _pendingPlan, plan);
    }

    /// <summary>Replaces the running plan exactly at stream frame <paramref name="atStreamFrame"/> (now, if already past). Control thread; lock-free.</summary>
    /// <returns>False if the command queue is full (try again after the next block).</returns>
    /// <exception cref="ArgumentException">The plan is not compatible with this renderer.</exception>
    public bool TrySchedulePlanSwap(RenderPlan plan, long atStreamFrame)
    {
        RequireCompatible(plan);
        return _commands.TryEnqueue(new RendererCommand(RendererCommandKind.SwapPlan, atStreamFrame, 0, plan));
    }

    /// <summary>
    /// Moves the timeline to <paramref name="timelineFrame"/> exactly at stream frame
    /// <paramref name="atStreamFrame"/> (now, if already past), resetting every node's state.
    /// Control thread; lock-free.
    /// </summary>
    /// <returns>False if the command queue is full.</returns>
    public bool TryScheduleLocate(long timelineFrame, long atStreamFrame) =>
        _commands.TryEnqueue(new RendererCommand(RendererCommandKind.Locate, atStreamFrame, timelineFrame, null));

    /// <summary>
    /// Host-driven render: fills <paramref name="interleaved"/> with the graph output, frame after
    /// frame, channels interleaved. Any length that is a whole number of frames. Audio thread.
    /// </summary>
    /// <exception cref="ArgumentException">The length is not a multiple of <see cref="OutputChannelCount"/>, or the graph has no output.</exception>
    public void Render(Span<float> interleaved)
    {
        var channels = OutputChannelCount;
        if (channels == 0 || interleaved.Length % channels != 0)
        {
            ThrowBadHostBuffer(interleaved.Length, channels);
        }

        var frames = interleaved.Length / channels;
        var done = 0;
        while (done < frames)
        {
            var count = NextStageRun(frames - done);
            SampleConversion.Interleave(_stage.AsSpan(_stageRead), channels, count, BlockSize, interleaved.Slice(done * channels, count * channels));
            _stageRead += count;
            done += count;
        }
    }

    /// <summary>Host-driven render into a planar block with <see cref="OutputChannelCount"/> channels. Audio thread.</summary>
    /// <exception cref="ArgumentException">The block's channel count differs from <see cref="OutputChannelCount"/>.</exception>
    public void Render(AudioBlock output)
    {
        if (output.ChannelCount != OutputChannelCount || OutputChannelCount == 0)
        {
            ThrowBadHostBuffer(output.ChannelCount, OutputChannelCount);
        }

        var done = 0;
        while (done < output.FrameCount)
        {
            var count = NextStageRun(output.FrameCount - done);
            var stage = new ReadOnlyAudioBlock(_stage.AsSpan(_stageRead), OutputChannelCount, count, BlockSize);
            stage.CopyTo(output.Slice(done, count));
            _stageRead += count;
            done += count;
        }
    }

    /// <summary>
    /// Renders <paramref name="frames"/> frames (1 to <see cref="BlockSize"/>) for the sinks only,
    /// discarding any output not yet handed to a host. The offline driver. Audio thread.
    /// </summary>
    public void RenderBlock(int frames)
    {
        if ((uint)(frames - 1) >= (uint)BlockSize)
        {
            ThrowHelper.ThrowSliceOutOfRange(0, frames, BlockSize);
        }

        RenderInternal(frames);
        _stageRead = BlockSize;
    }

    /// <summary>
    /// Runs the lanes of <see cref="ParallelPlanExecutor.Plan"/> through <paramref name="executor"/> whenever that plan is
    /// the one rendering (offline renders only; a device or host render never sets one and stays serial). The caller
    /// owns and disposes the executor. Set before rendering starts.
    /// </summary>
    internal void UseParallelExecutor(ParallelPlanExecutor? executor) => _parallel = executor;

    /// <summary>Completes every sink of the current plan (flushes files). Control thread, after rendering stops.</summary>
    public void CompleteSinks() => Plan.CompleteSinks();

    private int NextStageRun(int wanted)
    {
        if (_stageRead == BlockSize)
        {
            RenderInternal(BlockSize);
            _stageRead = 0;
        }

        return Math.Min(wanted, BlockSize - _stageRead);
    }

    private void RenderInternal(int frames)
    {
        if (Interlocked.Exchange(ref _pendingPlan, null) is { } pending)
        {
            Volatile.Write(ref _plan, pending);
        }

        DrainCommands();
        var done = 0;
        while (done < frames)
        {
            ApplyDueCommands();
            var length = frames - done;
            if (_scheduledCount > 0 && _scheduled[0].At - _streamFrame < length)
            {
                length = (int)(_scheduled[0].At - _streamFrame);
            }

            var context = new ProcessContext(_streamFrame, _timelineFrame, SampleRate, _isOffline);
            var plan = _plan;
            var faulted = _parallel is { } parallel && ReferenceEquals(parallel.Plan, plan)
                ? parallel.Execute(done, length, context, _faults)
                : plan.Execute(done, length, context, _faults);
            if (faulted > 0)
            {
                Interlocked.Add(ref _faultCount, faulted);
            }

            if (OutputChannelCount > 0)
            {
                var stage = new AudioBlock(_stage.AsSpan(done), OutputChannelCount, length, BlockSize);
                plan.GetOutput(done, length).CopyTo(stage);
            }

            done += length;
            Volatile.Write(ref _streamFrame, _streamFrame + length);
            Volatile.Write(ref _timelineFrame, _timelineFrame + length);
        }
    }

    /// <summary>Moves queued commands into the time-sorted schedule while it has room.</summary>
    private void DrainCommands()
    {
        while (_scheduledCount < _scheduled.Length && _commands.TryDequeue(out var command))
        {
            var i = _scheduledCount++;
            while (i > 0 && _scheduled[i - 1].At > command.At)
            {
                _scheduled[i] = _scheduled[i - 1];
                i--;
            }

            _scheduled[i] = command;
        }
    }

    private void ApplyDueCommands()
    {
        var applied = 0;
        while (applied < _scheduledCount && _scheduled[applied].At <= _streamFrame)
        {
            ref readonly var command = ref _scheduled[applied];
            switch (command.Kind)
            {
                case RendererCommandKind.SwapPlan:
                    Volatile.Write(ref _plan, command.Plan!);
                    break;
                case RendererCommandKind.Locate:
                    Volatile.Write(ref _timelineFrame, command.Value);
                    _plan.ResetState();
                    break;
            }

            applied++;
        }

        if (applied > 0)
        {
            Array.Copy(_scheduled, applied, _scheduled, 0, _scheduledCount - applied);
            Array.Clear(_scheduled, _scheduledCount - applied, applied);
            _scheduledCount -= applied;
        }
    }

    private void RequireCompatible(RenderPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.SampleRate != SampleRate || plan.BlockSize != BlockSize || plan.OutputChannelCount != OutputChannelCount)
        {
            throw new ArgumentException(
                $"The plan ({plan.SampleRate} Hz, {plan.BlockSize}-frame blocks, {plan.OutputChannelCount} output channel(s)) does not match the renderer ({SampleRate} Hz, {BlockSize}, {OutputChannelCount}).",
                nameof(plan));
        }
    }

    private static void ThrowBadHostBuffer(int length, int channels) =>
        throw new ArgumentException(
            channels == 0
                ? "The graph has no output node: call AudioGraphBuilder.SetOutput before host-driven rendering."
                : $"The host buffer ({length}) does not match the graph output of {channels} channel(s).",
            nameof(length));
}
