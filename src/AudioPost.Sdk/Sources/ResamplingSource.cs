using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Resampling;
using AudioPost.Sdk.Processing;

namespace AudioPost.Sdk.Sources;

/// <summary>
/// Plays another <see cref="IAudioSource"/> that runs at a different sample rate, optionally sped up or slowed down by
/// an exact rational factor: a 44.1 kHz file in a 48 kHz graph, a 1000/1001 pull-down, a 24 → 25 fps speed-up.
/// Band-limited through a <see cref="Resampler"/>; positional, so it can be located anywhere on the timeline.
/// </summary>
/// <remarks>
/// <para><b>Position mapping.</b> Graph timeline frame <c>n</c> plays the inner source at inner position
/// <c>n · innerRate · speedNumerator / (graphRate · speedDenominator)</c>, exactly (rational arithmetic, no drift): frame
/// 0 maps to inner frame 0. To place a clip elsewhere, offset the <see cref="ProcessContext.TimelineFrame"/> you pass
/// (or wrap this source in one that does). The inner source is read at its own rate with its own timeline positions,
/// <see cref="ReadAheadFrames"/> frames ahead of the mapped position, and also at negative positions just before frame
/// 0, which a positional source (a <see cref="FileSource"/>) plays as silence.</para>
/// <para><b>Seeks.</b> Any block that does not start where the previous one ended (a locate, a loop, the first block
/// after <see cref="Reset"/>) resets the inner source and the filter and pre-rolls the inner frames the filter needs
/// before the new position, so the output after a seek equals the output of a continuous render from frame 0 (bit for
/// bit in practice; to float rounding at worst). The pre-roll reads about <see cref="ReadAheadFrames"/> · 2 extra inner
/// frames once per seek. The inner source must therefore be positional (the same frames for the same timeline
/// positions), as file and clip sources are; a free-running oscillator is not.</para>
/// <para><b>Latency.</b> None: the read-ahead makes output frame <c>n</c> hold the inner signal at its mapped position
/// with no delay, so <see cref="LatencyFrames"/> is 0.</para>
/// <para><b>Real-time safety.</b> <see cref="Prepare"/> designs the filter and allocates; <see cref="Read"/> and
/// <see cref="Reset"/> allocate nothing (the inner source's own behaviour aside: a <see cref="FileSource"/> blocks on
/// I/O). The wrapper does not own the inner source: dispose that yourself. Not thread-safe.</para>
/// </remarks>
public sealed class ResamplingSource : IAudioSource
{
    private readonly IAudioSource _inner;
    private readonly int _innerRate;
    private readonly int _speedNumerator;
    private readonly int _speedDenominator;
    private Resampler? _resampler;
    private float[] _scratch = [];
    private int _innerBlock;
    private long _numerator;
    private long _denominator;
    private bool _positioned;
    private long _nextFrame;
    private long _innerPosition;
    private long _innerStreamFrame;

    /// <summary>Plays <paramref name="inner"/>, which runs at <paramref name="innerSampleRate"/>, at the graph's rate
    /// and at the same speed (a rate conversion only).</summary>
    /// <param name="inner">The source to play; prepared by this wrapper at <paramref name="innerSampleRate"/>.</param>
    /// <param name="innerSampleRate">The inner source's sample rate in Hz, 1 or more.</param>
    /// <param name="quality">Filter preset.</param>
    /// <exception cref="ArgumentNullException"><paramref name="inner"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A rate is below 1, or the quality is unknown.</exception>
    public ResamplingSource(IAudioSource inner, int innerSampleRate, ResamplerQuality quality)
        : this(inner, innerSampleRate, 1, 1, quality)
    {
    }

    /// <summary>Plays <paramref name="inner"/>, which runs at <paramref name="innerSampleRate"/>, at the graph's rate
    /// and at the same speed, with the <see cref="ResamplerQuality.High"/> filter.</summary>
    /// <param name="inner">The source to play; prepared by this wrapper at <paramref name="innerSampleRate"/>.</param>
    /// <param name="innerSampleRate">The inner source's sample rate in Hz, 1 or more.</param>
    /// <exception cref="ArgumentNullException"><paramref name="inner"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The rate is below 1.</exception>
    public ResamplingSource(IAudioSource inner, int innerSampleRate)
        : this(inner, innerSampleRate, 1, 1, ResamplerQuality.High)
    {
    }

    /// <summary>Plays <paramref name="inner"/>, which runs at <paramref name="innerSampleRate"/>, at the graph's rate and
    /// <paramref name="speedNumerator"/> / <paramref name="speedDenominator"/> times as fast (pitch follows speed, as a
    /// telecine transfer does).</summary>
    /// <param name="inner">The source to play; prepared by this wrapper at <paramref name="innerSampleRate"/>.</param>
    /// <param name="innerSampleRate">The inner source's sample rate in Hz, 1 or more.</param>
    /// <param name="speedNumerator">Speed factor numerator, 1 or more: 1000 (with 1001) for the film-to-NTSC
    /// pull-down, 1001 (with 1000) for the pull-up, 25 (with 24) for a 24 → 25 fps PAL speed-up.</param>
    /// <param name="speedDenominator">Speed factor denominator, 1 or more.</param>
    /// <param name="quality">Filter preset (<see cref="ResamplerQuality.High"/> unless there is a reason).</param>
    /// <exception cref="ArgumentNullException"><paramref name="inner"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A rate or speed term is below 1, or the quality is unknown.</exception>
    public ResamplingSource(IAudioSource inner, int innerSampleRate, int speedNumerator, int speedDenominator, ResamplerQuality quality)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(innerSampleRate, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(speedNumerator, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(speedDenominator, 1);
        if (!Enum.IsDefined(quality))
        {
            throw new ArgumentOutOfRangeException(nameof(quality), quality, "Unknown resampler quality.");
        }

        _inner = inner;
        _innerRate = innerSampleRate;
        _speedNumerator = speedNumerator;
        _speedDenominator = speedDenominator;
        Quality = quality;
    }

    /// <inheritdoc />
    public int ChannelCount => _inner.ChannelCount;

    /// <summary>Gets the inner source's sample rate in Hz.</summary>
    public int InnerSampleRate => _innerRate;

    /// <summary>Gets the filter preset.</summary>
    public ResamplerQuality Quality { get; }

    /// <summary>Gets the inner frames advanced per graph frame (inner rate · speed / graph rate). Valid after
    /// <see cref="Prepare"/>.</summary>
    public double InnerFramesPerFrame => _denominator == 0 ? 0 : (double)_denominator / _numerator;

    /// <summary>Gets how far ahead of the mapped position the inner source is read, in inner frames: the resampler's
    /// <see cref="Resampler.DelayInputFrames"/>. Valid after <see cref="Prepare"/>.</summary>
    public int ReadAheadFrames => _resampler?.DelayInputFrames ?? 0;

    /// <summary>Gets 0: the read-ahead compensates the filter's delay (see remarks).</summary>
    public int LatencyFrames => 0;

    /// <summary>Designs the filter for the graph's rate and prepares the inner source at its own rate. Control thread;
    /// allocates.</summary>
    /// <param name="spec">The graph's rate and block size, and this source's channel count.</param>
    /// <exception cref="ArgumentException">The channel count differs from the inner source's, or the rate ratio does
    /// not reduce to terms below 2^31.</exception>
    public void Prepare(in ProcessSpec spec)
    {
        if (spec.ChannelCount != ChannelCount)
        {
            throw new ArgumentException($"The inner source has {ChannelCount} channel(s) but the spec asks for {spec.ChannelCount}.", nameof(spec));
        }

        // Output/input = graphRate · speedDenominator / (innerRate · speedNumerator), reduced once.
        var output = (long)spec.SampleRate * _speedDenominator;
        var input = (long)_innerRate * _speedNumerator;
        var divisor = (long)System.Numerics.BigInteger.GreatestCommonDivisor(output, input);
        output /= divisor;
        input /= divisor;
        if (output > int.MaxValue || input > int.MaxValue)
        {
            throw new ArgumentException($"The ratio {output}/{input} does not reduce to 32-bit terms.", nameof(spec));
        }

        _numerator = output;
        _denominator = input;
        var capacity = (int)Math.Min(int.MaxValue / 2, (((long)spec.MaxBlockFrames * input) + output - 1) / output + 2);
        _resampler = new Resampler((int)input, (int)output, ChannelCount, Quality, capacity);
        _innerBlock = Math.Min(capacity, 8192);
        _scratch = new float[ChannelCount * _innerBlock];
        _inner.Prepare(new ProcessSpec(_innerRate, _innerBlock, ChannelCount));
        _positioned = false;
    }

    /// <summary>Fills <paramref name="destination"/> with the inner source at the mapped position of
    /// <see cref="ProcessContext.TimelineFrame"/>; seeks first if the block does not continue the previous one.
    /// Allocation-free.</summary>
    /// <param name="destination">The block to fill; its channel count must be <see cref="ChannelCount"/>.</param>
    /// <param name="context">Where the block sits; <see cref="ProcessContext.TimelineFrame"/> picks the position.</param>
    /// <exception cref="InvalidOperationException">The source was not prepared.</exception>
    public void Read(AudioBlock destination, in ProcessContext context)
    {
        var resampler = _resampler ?? throw new InvalidOperationException("Prepare the source before reading it.");
        if (!_positioned || context.TimelineFrame != _nextFrame)
        {
            Seek(resampler, context.TimelineFrame);
        }

        var frames = destination.FrameCount;
        var produced = 0;
        while (produced < frames)
        {
            var needed = resampler.GetInputFramesNeeded(frames - produced);
            while (needed > 0)
            {
                var chunk = (int)Math.Min(needed, Math.Min(_innerBlock, resampler.FreeInputFrames));
                var block = new AudioBlock(_scratch, ChannelCount, chunk, _innerBlock);
                _inner.Read(block, new ProcessContext(_innerStreamFrame, _innerPosition, _innerRate, context.IsOffline));
                resampler.Write(block);
                _innerPosition += chunk;
                _innerStreamFrame += chunk;
                needed -= chunk;
            }

            produced += resampler.Read(destination.Slice(produced));
        }

        _nextFrame = context.TimelineFrame + frames;
    }

    /// <summary>Forgets the position: the next <see cref="Read"/> seeks (resetting the inner source). Real-time safe.</summary>
    public void Reset() => _positioned = false;

    private void Seek(Resampler resampler, long frame)
    {
        // Inner position frame · q / p split into whole frames and a phase in 1/p, floored for negative frames too.
        var product = (Int128)frame * _denominator;
        var whole = Int128.DivRem(product, _numerator);
        var start = whole.Quotient;
        var phase = whole.Remainder;
        if (phase < 0)
        {
            start--;
            phase += _numerator;
        }

        _inner.Reset();
        resampler.ResetEmpty((int)phase);

        // The filter's first tap sits DelayInputFrames - 1 frames before the position: read those real frames.
        _innerPosition = (long)start - (resampler.DelayInputFrames - 1);
        _positioned = true;
        _nextFrame = frame;
    }
}
