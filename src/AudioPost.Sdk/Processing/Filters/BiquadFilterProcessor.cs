using AudioPost.Sdk.Automation;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Filters;

namespace AudioPost.Sdk.Processing.Filters;

/// <summary>
/// A second-order filter of any RBJ cookbook type (<see cref="BiquadType"/>) on every channel, with automatable
/// frequency (Hz), Q and gain (dB). Realised as a topology-preserving state-variable filter (the same response as
/// the cookbook's biquad) so that smoothed or sample-accurate automation neither clicks nor destabilises it.
/// </summary>
/// <remarks>
/// No latency (reported as 0, bypassed or not). Any channel count. <see cref="Prepare"/> allocates (control thread);
/// <see cref="Process"/> and <see cref="Reset"/> are real-time safe. Bypass follows <see cref="IBypassable"/>.
/// </remarks>
public sealed class BiquadFilterProcessor : IAudioProcessor, IBypassable, IBoundedMemory
{
    private readonly ParametricEqBand _band;
    private volatile bool _bypassed;

    /// <summary>Creates a filter.</summary>
    /// <param name="type">The response.</param>
    /// <param name="frequency">Corner or centre frequency in Hz, 10 to 40,000 (held below 0.49 × the sample rate).</param>
    /// <param name="q">Q, 0.025 to 40 (0.7071: Butterworth low- and high-pass, steepest shelf without overshoot).</param>
    /// <param name="gainDb">Gain in dB, −48 to +48 (peak and shelves only).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public BiquadFilterProcessor(BiquadType type = BiquadType.Peak, float frequency = 1000f, float q = 0.7071f, float gainDb = 0f)
    {
        _band = new ParametricEqBand(type, frequency, q, gainDb);
    }

    /// <summary>Gets or sets the response type. Any thread; applies at the next block, keeping the filter memory.</summary>
    public BiquadType Type
    {
        get => _band.Type;
        set => _band.Type = value;
    }

    /// <summary>Gets the corner or centre frequency parameter, in Hz (10 to 40,000).</summary>
    public AudioParameter Frequency => _band.Frequency;

    /// <summary>Gets the Q parameter (0.025 to 40).</summary>
    public AudioParameter Q => _band.Q;

    /// <summary>Gets the gain parameter, in dB (−48 to +48); used by peak and shelf types.</summary>
    public AudioParameter Gain => _band.Gain;

    /// <inheritdoc />
    public bool IsBypassed
    {
        get => _bypassed;
        set => _bypassed = value;
    }

    /// <inheritdoc />
    /// <remarks>From the section's slower pole at the current frequency, Q and gain; 0 while bypassed or at 0 dB of a peak or shelf.</remarks>
    public long MemoryFrames => _band.MemoryFrames(_bypassed);

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec) => _band.Prepare(spec);

    /// <inheritdoc />
    public void Reset() => _band.Reset();

    /// <inheritdoc />
    public void Process(AudioBlock buffer, in ProcessContext context) => _band.Process(buffer, context, _bypassed);
}
