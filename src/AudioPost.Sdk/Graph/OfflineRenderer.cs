using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace AudioPost.Sdk.Graph;

/// <summary>
/// Renders a plan faster than real time, with no device: for bounces, stems and batch jobs.
/// </summary>
/// <remarks>
/// Deterministic: the same plan over the same input renders the same bits, because the block
/// size, the order of operations and every node's arithmetic are fixed by the plan. Cancellable
/// between blocks; on cancellation the sinks are still completed, so files written so far are
/// valid, and then <see cref="OperationCanceledException"/> is thrown. Unlike a device-driven render, an offline one
/// does not isolate a failing node: the first exception a node throws (a full disk under a file sink, say) stops the
/// render and is rethrown as it was thrown, after the sinks are completed.
/// <para>Parallel: by default the plan's independent lanes (a source and the inserts only it feeds, see
/// <see cref="RenderPlan.LaneCount"/>) run on up to <see cref="Environment.ProcessorCount"/> threads per block, and the
/// buses sum them afterwards in the plan's order, so the output is the same bits as a serial render
/// (<see cref="OfflineRenderOptions.MaxDegreeOfParallelism"/>). The worker threads live for one render and are stopped
/// before it returns or throws.</para>
/// </remarks>
public static class OfflineRenderer
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Renders <paramref name="frameCount"/> frames of <paramref name="plan"/> on a worker thread.</summary>
    /// <param name="plan">The compiled graph; its sinks receive the audio.</param>
    /// <param name="frameCount">Frames to render, 0 or more.</param>
    /// <param name="progress">Receives progress about every 100 ms and once at the end.</param>
    /// <param name="startTimelineFrame">Timeline position of the first frame.</param>
    /// <param name="options">How many threads render the plan's lanes; <see cref="OfflineRenderOptions.Default"/> (up to
    /// <see cref="Environment.ProcessorCount"/>) when null.</param>
    /// <param name="cancellationToken">Stops the render between blocks.</param>
    /// <returns>The frames rendered and the wall-clock time taken.</returns>
    public static Task<RenderProgress> RenderAsync(
        RenderPlan plan,
        long frameCount,
        IProgress<RenderProgress>? progress = null,
        long startTimelineFrame = 0,
        OfflineRenderOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfNegative(frameCount);
        // The token goes to the render loop, not to StartNew: a task cancelled before it starts
        // would skip the loop's finally, and the sinks (an open file) would never be completed.
        return Task.Factory.StartNew(
            () => Render(plan, frameCount, progress, startTimelineFrame, options, cancellationToken),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
    }

    /// <summary>Renders <paramref name="frameCount"/> frames of <paramref name="plan"/> on the calling thread (and, for a
    /// plan with several lanes, on worker threads as <paramref name="options"/> allow).</summary>
    /// <inheritdoc cref="RenderAsync" path="/param"/>
    /// <returns>The frames rendered and the wall-clock time taken.</returns>
    public static RenderProgress Render(
        RenderPlan plan,
        long frameCount,
        IProgress<RenderProgress>? progress = null,
        long startTimelineFrame = 0,
        OfflineRenderOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfNegative(frameCount);
        options ??= OfflineRenderOptions.Default;
        var renderer = new AudioRenderer(plan, isOffline: true, startTimelineFrame);
        using var parallel = ParallelPlanExecutor.IsWorthwhile(plan, options.MaxDegreeOfParallelism)
            ? new ParallelPlanExecutor(plan, options.MaxDegreeOfParallelism)
            : null;
        renderer.UseParallelExecutor(parallel);
        var clock = Stopwatch.StartNew();
        var nextReport = ProgressInterval;
        long done = 0;
        try
        {
            while (done < frameCount)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var frames = (int)Math.Min(renderer.BlockSize, frameCount - done);
                renderer.RenderBlock(frames);
                if (renderer.FaultCount > 0 && renderer.TryGetFault(out var fault))
                {
                    // A device keeps playing past a failing node; a file must not be delivered with a hole in it.
                    ExceptionDispatchInfo.Throw(fault.Exception);
                }

                done += frames;
                if (progress is not null && clock.Elapsed >= nextReport)
                {
                    progress.Report(new RenderProgress(done, frameCount, clock.Elapsed, plan.SampleRate));
                    nextReport = clock.Elapsed + ProgressInterval;
                }
            }
        }
        finally
        {
            renderer.CompleteSinks();
        }

        var result = new RenderProgress(done, frameCount, clock.Elapsed, plan.SampleRate);
        progress?.Report(result);
        return result;
    }
}
