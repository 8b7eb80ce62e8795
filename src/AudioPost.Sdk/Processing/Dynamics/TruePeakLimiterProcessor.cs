using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Dynamics;

namespace AudioPost.Sdk.Processing.Dynamics;

/// <summary>
/// A graph node wrapping <see cref="TruePeakLimiter"/>: holds the output's true peak (dBTP, BS.1770 Annex 2) at or
/// below a ceiling, with look-ahead, one gain for all channels. Reports the look-ahead as latency so the graph can
/// align parallel paths.
/// </summary>
/// <remarks>Real-time safe: Process and Reset neither allocate nor lock; Prepare (control thread) allocates.</remarks>
public sealed class TruePeakLimiterProcessor : IAudioProcessor, IBoundedMemory
{
    private readonly double _lookAheadMilliseconds;
    private readonly double _releaseMilliseconds;
    private TruePeakLimiter? _limiter;

    /// <summary>Creates a limiter node.</summary>
    /// <param name="ceilingDbtp">The highest true peak of the output, in dBTP, −60 to +6.</param>
    /// <param name="lookAheadMilliseconds">Look-ahead in ms, 0.5 to 20; default 3.</param>
    /// <param name="releaseMilliseconds">Release time constant in ms, 1 to 5 000; default 100.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public TruePeakLimiterProcessor(
        double ceilingDbtp,
        double lookAheadMilliseconds = TruePeakLimiter.DefaultLookAheadMilliseconds,
        double releaseMilliseconds = TruePeakLimiter.DefaultReleaseMilliseconds)
    {
        // Validated now by a throwaway limiter, so a bad argument fails at construction rather than in Prepare.
        _ = new TruePeakLimiter(48_000, 1, ceilingDbtp, lookAheadMilliseconds, releaseMilliseconds);
        CeilingDbtp = ceilingDbtp;
        _lookAheadMilliseconds = lookAheadMilliseconds;
        _releaseMilliseconds = releaseMilliseconds;
    }

    /// <summary>Gets the ceiling in dBTP.</summary>
    public double CeilingDbtp { get; }

    /// <summary>Gets the limiter after <see cref="Prepare"/> (for its gain-reduction reading), or null before.</summary>
    public TruePeakLimiter? Limiter => _limiter;

    /// <inheritdoc />
    public int LatencyFrames => _limiter?.LatencyFrames ?? 0;

    /// <inheritdoc />
    /// <remarks>
    /// The look-ahead delay and the peak hold (each one latency long, the true-peak interpolator's history included),
    /// the moving average over the look-ahead, then the release's exponential decay.
    /// </remarks>
    public long MemoryFrames => _limiter is { } limiter
        ? ProcessorMemory.Add(3L * limiter.LatencyFrames, ProcessorMemory.FromTimeConstant(_releaseMilliseconds / 1000.0, limiter.SampleRate))
        : 0;

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The sample rate is outside 8–384 kHz or there are no channels.</exception>
    public void Prepare(in ProcessSpec spec) =>
        _limiter = new TruePeakLimiter(spec.SampleRate, spec.ChannelCount, CeilingDbtp, _lookAheadMilliseconds, _releaseMilliseconds);

    /// <inheritdoc />
    public void Reset() => _limiter?.Reset();

    /// <inheritdoc />
    public void Process(AudioBlock buffer, in ProcessContext context)
    {
        if (_limiter is { } limiter)
        {
            limiter.Process(buffer.SliceChannels(0, limiter.ChannelCount));
        }
    }
}
