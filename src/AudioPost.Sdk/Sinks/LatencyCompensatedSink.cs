using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;

namespace AudioPost.Sdk.Sinks;

/// <summary>
/// Drops the first <see cref="SkipFrames"/> frames it receives and forwards the rest to another sink: how an offline
/// render removes the latency of the processors in front of it (a limiter's look-ahead), so that frame N of the
/// output file is frame N of the input.
/// </summary>
/// <remarks>
/// Render <c>SkipFrames</c> more frames than the input holds so the last input frames reach the inner sink. The
/// skip counts from <see cref="Reset"/> (a locate starts it again). Real-time safe: <see cref="Write"/> only slices.
/// </remarks>
public sealed class LatencyCompensatedSink : IAudioSink
{
    private readonly IAudioSink _inner;
    private long _skipFrames;
    private long _remainingSkip;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The sink that receives the audio after the skipped frames.</param>
    /// <param name="skipFrames">Frames to drop first, 0 or more (the graph's <c>LatencyFrames</c> at this sink).</param>
    public LatencyCompensatedSink(IAudioSink inner, long skipFrames = 0)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegative(skipFrames);
        _inner = inner;
        SkipFrames = skipFrames;
    }

    /// <summary>
    /// Gets or sets the number of frames dropped after each reset, 0 or more. Set it on a control thread before the
    /// render starts (typically to the compiled plan's <c>LatencyFrames</c>, known only after compiling); it restarts
    /// the count.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public long SkipFrames
    {
        get => _skipFrames;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _skipFrames = value;
            _remainingSkip = value;
        }
    }

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
        _inner.Prepare(spec);
        _remainingSkip = _skipFrames;
    }

    /// <inheritdoc />
    public void Write(ReadOnlyAudioBlock block, in ProcessContext context)
    {
        if (_remainingSkip >= block.FrameCount)
        {
            _remainingSkip -= block.FrameCount;
            return;
        }

        var skip = (int)_remainingSkip;
        _remainingSkip = 0;
        _inner.Write(block.Slice(skip, block.FrameCount - skip), context.Advance(skip));
    }

    /// <inheritdoc />
    public void Reset()
    {
        _remainingSkip = _skipFrames;
        _inner.Reset();
    }

    /// <inheritdoc />
    public void Complete() => _inner.Complete();
}
