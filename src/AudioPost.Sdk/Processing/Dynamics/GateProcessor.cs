using AudioPost.Sdk.Automation;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Dynamics;

namespace AudioPost.Sdk.Processing.Dynamics;

/// <summary>
/// A noise gate: open (unity gain) while the level is above the threshold, closed (the full <see cref="Range"/> of
/// reduction) otherwise, with separate opening and closing thresholds (hysteresis) and a hold time. One gain for all
/// channels, driven by the loudest.
/// </summary>
/// <remarks>
/// <para>An <see cref="ExpanderProcessor"/> of infinite ratio. Closed, it opens when the level reaches
/// <see cref="Threshold"/>; open, it closes once the level has stayed under <c>threshold − hysteresis</c> for
/// <see cref="Hold"/> ms (counted in whole frames, <c>round(hold · fs / 1000)</c>).</para>
/// <para><b>Times</b> (the <see cref="TimeConstant"/> convention on the reduction in dB): <see cref="Attack"/> opens,
/// <see cref="Release"/> closes.</para>
/// <para>No latency. It starts closed. Parameters may be set from any thread; Process and Reset follow the real-time
/// rules; Prepare allocates.</para>
/// </remarks>
public sealed class GateProcessor : IAudioProcessor
{
    private readonly ExpanderCore _core;

    /// <summary>Creates a gate.</summary>
    /// <param name="thresholdDb">Opening threshold in dB, −100 to 0; default −40.</param>
    /// <param name="rangeDb">Reduction when closed, in dB, 0 to 144; default 80.</param>
    /// <param name="hysteresisDb">How far under the threshold it closes, in dB, 0 to 40; default 6.</param>
    /// <param name="holdMilliseconds">Time it stays open after the level falls under the closing threshold, in ms, 0 to 5 000; default 20.</param>
    /// <param name="attackMilliseconds">Opening time constant in ms, 0.01 to 1 000; default 0.5.</param>
    /// <param name="releaseMilliseconds">Closing time constant in ms, 1 to 5 000; default 50.</param>
    /// <param name="detection">Peak or RMS detection; default peak.</param>
    /// <param name="detectorWindowMilliseconds">Peak decay or RMS averaging time constant in ms, 0 to 1 000; default 10.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public GateProcessor(
        float thresholdDb = -40f,
        float rangeDb = 80f,
        float hysteresisDb = 6f,
        float holdMilliseconds = 20f,
        float attackMilliseconds = 0.5f,
        float releaseMilliseconds = 50f,
        DetectionMode detection = DetectionMode.Peak,
        double detectorWindowMilliseconds = 10) =>
        _core = new ExpanderCore(thresholdDb, null, rangeDb, hysteresisDb, holdMilliseconds, attackMilliseconds, releaseMilliseconds, detection, detectorWindowMilliseconds);

    /// <summary>Gets the opening threshold parameter, in dB (−100 to 0).</summary>
    public AudioParameter Threshold => _core.Threshold;

    /// <summary>Gets the range parameter, in dB (0 to 144): the reduction when closed.</summary>
    public AudioParameter Range => _core.Range;

    /// <summary>Gets the hysteresis parameter, in dB (0 to 40): the closing threshold is this far under the opening one.</summary>
    public AudioParameter Hysteresis => _core.Hysteresis;

    /// <summary>Gets the hold parameter, in ms (0 to 5 000).</summary>
    public AudioParameter Hold => _core.Hold;

    /// <summary>Gets the attack (opening) time constant parameter, in ms (0.01 to 1 000).</summary>
    public AudioParameter Attack => _core.Attack;

    /// <summary>Gets the release (closing) time constant parameter, in ms (1 to 5 000).</summary>
    public AudioParameter Release => _core.Release;

    /// <summary>Gets the detection mode.</summary>
    public DetectionMode Detection => _core.Detection;

    /// <summary>Gets the detector's peak decay or RMS averaging time constant, in ms.</summary>
    public double DetectorWindowMilliseconds => _core.DetectorWindowMilliseconds;

    /// <summary>Gets whether the gate is open. Any thread; may lag by a block.</summary>
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
