using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Graph;

namespace AudioPost.Sdk.Timeline;

/// <summary>
/// Plays a <see cref="AudioTimeline"/> host-driven (a device callback, a game engine's audio thread) with a transport:
/// locate with pre-roll, and a loop that wraps on its exact sample.
/// </summary>
/// <remarks>
/// <para><b>How it works.</b> The player drives an <see cref="AudioRenderer"/> in its internal blocks and, at the
/// start of each block, turns requests into the renderer's scheduled locates: a pending <see cref="Locate"/> at the
/// block's first frame, and a loop wrap at the exact frame inside the block where the play position reaches the loop
/// end. A locate resets every node (clip sources re-seek), so what plays after a wrap is exactly what plays when
/// rendering from the loop start.</para>
/// <para><b>Threads.</b> <see cref="Render(Span{float})"/> and <see cref="Render(AudioBlock)"/> run on the audio
/// thread and never allocate or lock. <see cref="Locate"/>, <see cref="SetLoop"/> and <see cref="ClearLoop"/> may be
/// called from any thread; they take effect at the next internal block (at most <see cref="AudioRenderer.BlockSize"/>
/// frames later). Use the renderer only through this player: it keeps track of the renderer's blocks.</para>
/// </remarks>
public sealed class TimelinePlayer
{
    private const long NoLocate = long.MinValue;

    private readonly AudioRenderer _renderer;
    private LoopRange? _pendingLoop;
    private long _pendingLocate = NoLocate;
    private LoopRange _loop = LoopRange.Off;
    private int _inBlock;
    private long _blockTimeline;

    /// <summary>Creates a player for a compiled plan whose output is the timeline's master bus.</summary>
    /// <param name="plan">The plan, with an output node (<see cref="AudioGraphBuilder.SetOutput"/>).</param>
    /// <param name="startFrame">The timeline frame the first rendered frame plays.</param>
    /// <param name="graph">The timeline's nodes in the plan, for mute and solo; may be null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    public TimelinePlayer(RenderPlan plan, long startFrame, TimelineGraph? graph = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _renderer = new AudioRenderer(plan, isOffline: false, startFrame);
        _inBlock = _renderer.BlockSize;
        _blockTimeline = startFrame;
        Graph = graph;
    }

    /// <summary>Gets the renderer the player drives (for its clocks and faults; render only through the player).</summary>
    public AudioRenderer Renderer => _renderer;

    /// <summary>Gets the timeline's nodes (mute, solo, faders), when given.</summary>
    public TimelineGraph? Graph { get; }

    /// <summary>Gets the number of interleaved channels <see cref="Render(Span{float})"/> produces.</summary>
    public int OutputChannelCount => _renderer.OutputChannelCount;

    /// <summary>Builds <paramref name="timeline"/> into a graph and returns a player starting at its start.</summary>
    /// <param name="timeline">The session.</param>
    /// <param name="blockSize">The internal block size in frames, 1 to 16 384; default 256.</param>
    /// <returns>The player.</returns>
    /// <exception cref="ArgumentException">The timeline cannot be built (see <see cref="AudioTimeline.AddTo"/>).</exception>
    public static TimelinePlayer Create(AudioTimeline timeline, int blockSize = 256)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var builder = new AudioGraphBuilder(new GraphOptions { SampleRate = timeline.SampleRate, BlockSize = blockSize });
        var graph = timeline.AddTo(builder);
        builder.SetOutput(graph.Output);
        return new TimelinePlayer(builder.Compile(), timeline.StartFrame, graph);
    }

    /// <summary>Moves the play position to <paramref name="frame"/> − <paramref name="preRollFrames"/> at the next
    /// internal block, so playback reaches <paramref name="frame"/> after the pre-roll. Any thread; lock-free.</summary>
    /// <param name="frame">The timeline frame to reach.</param>
    /// <param name="preRollFrames">Frames played before it, 0 or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="preRollFrames"/> is negative.</exception>
    public void Locate(long frame, long preRollFrames = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(preRollFrames);
        Interlocked.Exchange(ref _pendingLocate, checked(frame - preRollFrames));
    }

    /// <summary>Loops playback over [<paramref name="start"/>, <paramref name="end"/>): reaching
    /// <paramref name="end"/>, it continues at <paramref name="start"/> on the very next sample. Takes effect at the
    /// next internal block. Any thread. A loop shorter than 1/32 of a block may miss wraps (the renderer schedules at
    /// most 64 commands ahead).</summary>
    /// <param name="start">The first timeline frame of the loop.</param>
    /// <param name="end">The timeline frame after its last; more than <paramref name="start"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="end"/> is not after <paramref name="start"/>.</exception>
    public void SetLoop(long start, long end)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(end, start);
        Interlocked.Exchange(ref _pendingLoop, new LoopRange(start, end));
    }

    /// <summary>Stops looping at the next internal block. Any thread.</summary>
    public void ClearLoop() => Interlocked.Exchange(ref _pendingLoop, LoopRange.Off);

    /// <summary>Renders the next frames, channels interleaved. Audio thread; allocation-free.</summary>
    /// <param name="interleaved">A whole number of frames of <see cref="OutputChannelCount"/> channels.</param>
    /// <exception cref="ArgumentException">The length is not a whole number of frames.</exception>
    public void Render(Span<float> interleaved)
    {
        var channels = OutputChannelCount;
        if (channels == 0 || interleaved.Length % channels != 0)
        {
            throw new ArgumentException($"The buffer ({interleaved.Length}) is not a whole number of {channels}-channel frames.", nameof(interleaved));
        }

        var frames = interleaved.Length / channels;
        var done = 0;
        while (done < frames)
        {
            var count = NextRun(frames - done);
            _renderer.Render(interleaved.Slice(done * channels, count * channels));
            _inBlock += count;
            done += count;
        }
    }

    /// <summary>Renders the next frames into a planar block. Audio thread; allocation-free.</summary>
    /// <param name="output">A block of <see cref="OutputChannelCount"/> channels.</param>
    public void Render(AudioBlock output)
    {
        var done = 0;
        while (done < output.FrameCount)
        {
            var count = NextRun(output.FrameCount - done);
            _renderer.Render(output.Slice(done, count));
            _inBlock += count;
            done += count;
        }
    }

    private int NextRun(int wanted)
    {
        var blockSize = _renderer.BlockSize;
        if (_inBlock == blockSize)
        {
            BeginBlock(blockSize);
            _inBlock = 0;
        }

        return Math.Min(wanted, blockSize - _inBlock);
    }

    /// <summary>Schedules, for the internal block the renderer is about to run, any pending locate and every loop
    /// wrap that falls inside it. Everything scheduled fires within this block, so nothing stale outlives a change.</summary>
    private void BeginBlock(int blockSize)
    {
        var streamFrame = _renderer.StreamFrame;
        if (Interlocked.Exchange(ref _pendingLoop, null) is { } loop)
        {
            _loop = loop;
        }

        var locate = Interlocked.Exchange(ref _pendingLocate, NoLocate);
        if (locate != NoLocate && _renderer.TryScheduleLocate(locate, streamFrame))
        {
            _blockTimeline = locate;
        }

        var position = _blockTimeline;
        var offset = 0L;
        if (_loop.IsOn)
        {
            while (position <= _loop.End)
            {
                var at = offset + (_loop.End - position);
                if (at >= blockSize || !_renderer.TryScheduleLocate(_loop.Start, streamFrame + at))
                {
                    break;
                }

                offset = at;
                position = _loop.Start;
            }
        }

        _blockTimeline = position + (blockSize - offset);
    }
}
