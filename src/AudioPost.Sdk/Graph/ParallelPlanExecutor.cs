using System.Runtime.ExceptionServices;
using AudioPost.Sdk.Internal;
using AudioPost.Sdk.Processing;

namespace AudioPost.Sdk.Graph;

/// <summary>
/// Runs one plan's blocks with its lanes (<see cref="RenderPlan.LaneCount"/>) spread over the calling thread and a few
/// dedicated worker threads, then the join stage on the calling thread. Offline renders only.
/// </summary>
/// <remarks>
/// <para>Bit-identical to <see cref="RenderPlan.Execute"/>: every lane runs its steps in plan order on one thread
/// (which thread may change from block to block), the lanes share no buffer or node, and the join stage (the buses'
/// sums included) runs afterwards in plan order, so every addition happens in the same order as in a serial render.
/// </para>
/// <para>Per block: the calling thread publishes the block, releases the workers through one semaphore, takes lanes
/// from a shared counter like the workers do, and waits until the last thread to finish sets an event. No task or
/// other object is allocated per block. Faults of a lane are reported in lane order after the lanes, so the first
/// fault an offline render rethrows does not depend on thread timing.</para>
/// <para>Not thread-safe: one render thread calls <see cref="Execute"/>. <see cref="Dispose"/> stops and joins the
/// workers; they are background threads, so a render abandoned without disposing cannot keep the process alive.</para>
/// </remarks>
internal sealed class ParallelPlanExecutor : IDisposable
{
    private readonly Thread[] _workers;
    private readonly SemaphoreSlim _start = new(0);
    private readonly ManualResetEventSlim _done = new(false);
    private readonly RenderFault[] _laneFaults;
    private readonly int[] _laneFaultCounts;
    private readonly int _laneCount;
    private int _nextLane;
    private int _active;
    private int _frameOffset;
    private int _frames;
    private ProcessContext _context;
    private Exception? _failure;
    private volatile bool _stopping;

    /// <summary>Starts <paramref name="threads"/> - 1 workers for <paramref name="plan"/> (the caller is the last).</summary>
    /// <param name="plan">The plan; at least two lanes for any gain.</param>
    /// <param name="threads">Threads that run lanes, the caller included: 2 or more, at most the lane count.</param>
    public ParallelPlanExecutor(RenderPlan plan, int threads)
    {
        Plan = plan;
        _laneCount = plan.LaneCount;
        _laneFaults = new RenderFault[_laneCount];
        _laneFaultCounts = new int[_laneCount];
        _workers = new Thread[Math.Clamp(threads, 2, Math.Max(2, _laneCount)) - 1];
        for (var i = 0; i < _workers.Length; i++)
        {
            _workers[i] = new Thread(WorkerLoop)
            {
                IsBackground = true,
                Name = $"AudioPost render lane worker {i + 1}",
            };
            _workers[i].Start();
        }

        Started?.Invoke(this);
    }

    /// <summary>Raised on the creating thread when an executor has started its workers. For tests: lets them reach the
    /// executor an <see cref="OfflineRenderer"/> made (filter by <see cref="Plan"/>; other renders may run).</summary>
    internal static event Action<ParallelPlanExecutor>? Started;

    /// <summary>Gets the plan this executor runs.</summary>
    public RenderPlan Plan { get; }

    /// <summary>Gets the number of worker threads (the calling thread not counted).</summary>
    public int WorkerCount => _workers.Length;

    /// <summary>Gets whether every worker thread has ended (after <see cref="Dispose"/>).</summary>
    public bool WorkersStopped => Array.TrueForAll(_workers, w => !w.IsAlive);

    /// <summary>
    /// Whether to run a plan in parallel at all: more than one lane and more than one thread allowed.
    /// </summary>
    public static bool IsWorthwhile(RenderPlan plan, int maxDegreeOfParallelism) =>
        maxDegreeOfParallelism > 1 && plan.LaneCount > 1;

    /// <summary>Runs the frames [<paramref name="frameOffset"/>, +<paramref name="frames"/>) of the block: lanes in
    /// parallel, then the join stage. Render thread.</summary>
    /// <returns>The number of nodes that faulted during this call (queued to <paramref name="faults"/>).</returns>
    public int Execute(int frameOffset, int frames, in ProcessContext context, BoundedQueue<RenderFault>? faults)
    {
        ObjectDisposedException.ThrowIf(_stopping, this);
        _frameOffset = frameOffset;
        _frames = frames;
        _context = context;
        Array.Clear(_laneFaultCounts);
        _done.Reset();
        Volatile.Write(ref _active, _workers.Length + 1);

        // The semaphore's release and the interlocked operations below are full fences: the workers see the block's
        // fields, and this thread sees every lane's buffers once the last thread is done.
        Volatile.Write(ref _nextLane, 0);
        _start.Release(_workers.Length);
        RunLanes();
        if (Interlocked.Decrement(ref _active) != 0)
        {
            _done.Wait();
        }

        if (_failure is { } failure)
        {
            // Not a node's fault (those are caught per step): a bug in the scheduling itself. Never swallow it.
            _failure = null;
            ExceptionDispatchInfo.Throw(failure);
        }

        var faulted = 0;
        for (var lane = 0; lane < _laneCount; lane++)
        {
            if (_laneFaultCounts[lane] > 0)
            {
                faulted += _laneFaultCounts[lane];
                faults?.TryEnqueue(_laneFaults[lane]);
                _laneFaults[lane] = default;
            }
        }

        return faulted + Plan.ExecuteJoin(frameOffset, frames, context, faults);
    }

    /// <summary>Stops and joins the workers. Idempotent. Call from the render thread once rendering is over.</summary>
    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        _start.Release(_workers.Length);
        foreach (var worker in _workers)
        {
            worker.Join();
        }

        _start.Dispose();
        _done.Dispose();
    }

    private void WorkerLoop()
    {
        while (true)
        {
            _start.Wait();
            if (_stopping)
            {
                return;
            }

            RunLanes();
            if (Interlocked.Decrement(ref _active) == 0)
            {
                _done.Set();
            }
        }
    }

    private void RunLanes()
    {
        try
        {
            int lane;
            while ((lane = Interlocked.Increment(ref _nextLane) - 1) < _laneCount)
            {
                _laneFaultCounts[lane] = Plan.ExecuteLane(lane, _frameOffset, _frames, _context, ref _laneFaults[lane]);
            }
        }
        catch (Exception exception)
        {
            Interlocked.CompareExchange(ref _failure, exception, null);
        }
    }
}
