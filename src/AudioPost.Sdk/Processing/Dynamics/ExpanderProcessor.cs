using AudioPost.Sdk.Automation;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Dynamics;

namespace AudioPost.Sdk.Processing.Dynamics;

/// <summary>
/// A downward expander: below the threshold every dB of level becomes <c>ratio</c> dB, down to a floor of
/// <see cref="Range"/> dB of reduction; with hysteresis and hold so it does not chatter on a signal that hovers at the
/// threshold. One gain for all channels, driven by the loudest.
/// </summary>
/// <remarks>
/// <para><b>States.</b> Closed (expanding), it opens when the level reaches <see cref="Threshold"/>. Open (no
/// reduction), it stays open while the level is at or above <c>threshold − hysteresis</c>, and closes once the level
/// has stayed below that for <see cref="Hold"/> ms. Closed, the reduction is
/// <c>min(range, (threshold − level) · (ratio − 1))</c> (<see cref="GainComputer.ExpanderReductionDb"/>).</para>
/// <para><b>Times</b> (the <see cref="TimeConstant"/> convention, 63.2 % of a step, on the reduction in dB):
/// <see cref="Attack"/> when the reduction falls (opening), <see cref="Release"/> when it rises (closing).</para>
/// <para>No latency. It starts closed (as after silence). Parameters may be set from any thread; Process and Reset
/// follow the real-time rules; Prepare allocates.</para>
/// </remarks>
public sealed class ExpanderProcessor : IAudioProcessor
{
    private readonly ExpanderCore _core;

    /// <summary>Creates an expander.</summary>
    /// <param name="thresholdDb">Opening threshold in dB, −100 to 0; default −40.</param>
    /// <param name="ratio">Expansion ratio, 1 to 100; default 2.</param>
    /// <param name="rangeDb">Largest reduction in dB, 0 to 144; default 40.</param>
    /// <param name="hysteresisDb">How far under the threshold it closes, in dB, 0 to 40; default 3.</param>
    /// <param name="holdMilliseconds">How long it stays open after the level falls under the closing threshold, in ms, 0 to 5 000; default 10.</param>
    /// <param name="attackMilliseconds">Opening time constant in ms, 0.01 to 1 000; default 1.</param>
    /// <param name="releaseMilliseconds">Closing time constant in ms, 1 to 5 000; default 100.</param>
    /// <param name="detection">Peak or RMS detection; default peak.</param>
    /// <param name="detectorWindowMilliseconds">Peak decay or RMS averaging time constant in ms, 0 to 1 000; default 10.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public ExpanderProcessor(
        float thresholdDb = -40f,
        float ratio = 2f,
        float rangeDb = 40f,
        float hysteresisDb = 3f,
        float holdMilliseconds = 10f,
        float attackMilliseconds = 1f,
        float releaseMilliseconds = 100f,
        DetectionMode detection = DetectionMode.Peak,
        double detectorWindowMilliseconds = 10) =>
        _core = new ExpanderCore(thresholdDb, ratio, rangeDb, hysteresisDb, holdMilliseconds, attackMilliseconds, releaseMilliseconds, detection, detectorWindowMilliseconds);

    /// <summary>Gets the opening threshold parameter, in dB (−100 to 0).</summary>
    public AudioParameter Threshold => _core.Threshold;

    /// <summary>Gets the expansion ratio parameter (1 to 100): each dB under the threshold becomes this many.</summary>
    public AudioParameter Ratio => _core.Ratio!;

    /// <summary>Gets the range parameter, in dB (0 to 144): the most reduction ever applied.</summary>
    public AudioParameter Range => _core.Range;

    /// <summary>Gets the hysteresis parameter, in dB (0 to 40): the closing threshold is this far under the opening one.</summary>
    public AudioParameter Hysteresis => _core.Hysteresis;

    /// <summary>Gets the hold parameter, in ms (0 to 5 000): time under the closing threshold before it closes.</summary>
    public AudioParameter Hold => _core.Hold;

    /// <summary>Gets the attack (opening) time constant parameter, in ms (0.01 to 1 000).</summary>
    public AudioParameter Attack => _core.Attack;

    /// <summary>Gets the release (closing) time constant parameter, in ms (1 to 5 000).</summary>
    public AudioParameter Release => _core.Release;

    /// <summary>Gets the detection mode.</summary>
    public DetectionMode Detection => _core.Detection;

    /// <summary>Gets the detector's peak decay or RMS averaging time constant, in ms.</summary>
    public double DetectorWindowMilliseconds => _core.DetectorWindowMilliseconds;

    /// <summary>Gets whether the expander is open (no reduction demanded). Any thread; may lag by a block.</summary>
    public bool IsOpen => _core.IsOpen;

    /// <summary>Gets the gain-reduction meter: one value per channel (all equal), in dB.</summary>
    public GainReductionMeter GainReduction => _core.GainReduction;

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">No channels, or more than <see cref="AudioBuffer.MaxChannels"/>.</exception>
    public void Prepare(in ProcessSpec spec) => _core.Prepare(spec);

    /// <inheritdoc />
    public void Reset() => _core.Reset();

    /// <inheritdoc />
    public void Process(AudioBlock buffer, in ProcessContext context) => _core.Process(buffer, context);
}
