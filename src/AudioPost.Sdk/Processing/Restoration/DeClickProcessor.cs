using AudioPost.Sdk.Automation;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Restoration;

namespace AudioPost.Sdk.Processing.Restoration;

/// <summary>
/// Finds short impulses (clicks, crackle, digital ticks, mouth clicks) and repairs them by least-squares
/// autoregressive interpolation from the audio on both sides: a <see cref="ClickRepairer"/> per stream. Any channel
/// count (channels repaired independently); latency <see cref="LatencyFrames"/> (1217 frames, about 25 ms, at 48 kHz
/// with the defaults).
/// </summary>
/// <remarks>
/// <para><b>Parameters.</b> <see cref="Threshold"/> (2 to 50, default 8) is the detection threshold in multiples of
/// the robust scale of the AR prediction error, read once per segment (about 21 ms): lower finds quieter clicks and
/// risks touching transients of the programme, higher leaves more clicks. A false detection costs little, since the
/// interpolation of clean audio is close to the audio.</para>
/// <para><see cref="ClicksRepaired"/> counts repairs for a report. Parameters may be set from any thread; Process and
/// Reset follow the real-time rules; Prepare allocates.</para>
/// </remarks>
public sealed class DeClickProcessor : IAudioProcessor
{
    private ClickRepairer? _repairer;

    /// <summary>Creates a de-clicker.</summary>
    /// <param name="threshold">Initial detection threshold, 2 to 50 (multiples of the prediction error's robust scale); default 8.</param>
    /// <param name="maxClickMilliseconds">Longest click repaired, in ms, 0.05 to 5; default 1.3 (64 frames at 48 kHz).</param>
    /// <param name="order">AR model order, 8 to 64; default 64 (music needs two poles per partial; lower orders cost
    /// less CPU and suit speech).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public DeClickProcessor(float threshold = 8f, double maxClickMilliseconds = 1.3, int order = 64)
    {
        if (!(threshold >= 2f && threshold <= 50f))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "Must be 2 to 50.");
        }

        if (!(maxClickMilliseconds >= 0.05 && maxClickMilliseconds <= 5))
        {
            throw new ArgumentOutOfRangeException(nameof(maxClickMilliseconds), maxClickMilliseconds, "Must be 0.05 to 5 ms.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(order, 8);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(order, 64);
        Threshold = new AudioParameter("threshold", threshold, 2f, 50f);
        MaxClickMilliseconds = maxClickMilliseconds;
        Order = order;
    }

    /// <summary>Gets the detection threshold parameter (2 to 50, multiples of the prediction error's robust scale).</summary>
    public AudioParameter Threshold { get; }

    /// <summary>Gets the longest click repaired, in ms.</summary>
    public double MaxClickMilliseconds { get; }

    /// <summary>Gets the AR model order.</summary>
    public int Order { get; }

    /// <summary>Gets the latency in frames after Prepare (one segment plus the look-ahead), 0 before.</summary>
    public int LatencyFrames => _repairer?.LatencyFrames ?? 0;

    /// <summary>Gets the clicks repaired since Prepare or the last Reset, all channels. Any thread.</summary>
    public long ClicksRepaired => _repairer?.ClicksRepaired ?? 0;

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">No channels, too many, or a sample rate under 8 kHz.</exception>
    public void Prepare(in ProcessSpec spec)
    {
        Threshold.Prepare(spec.SampleRate, spec.MaxBlockFrames);
        var maxClick = Math.Clamp((int)Math.Round(MaxClickMilliseconds * spec.SampleRate / 1000), 1, 256);
        _repairer = new ClickRepairer(spec.SampleRate, spec.ChannelCount, Order, maxClick);
        Reset();
    }

    /// <inheritdoc />
    public void Reset()
    {
        Threshold.Reset();
        _repairer?.Reset();
    }

    /// <inheritdoc />
    public void Process(AudioBlock buffer, in ProcessContext context)
    {
        if (_repairer is not { } repairer || buffer.FrameCount == 0)
        {
            return;
        }

        var threshold = Threshold.Process(context.TimelineFrame, buffer.FrameCount);
        repairer.Process(buffer, threshold.Values[buffer.FrameCount - 1]);
    }
}
