using AudioPost.Sdk.Automation;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Filters;

namespace AudioPost.Sdk.Processing.Filters;

/// <summary>
/// A Linkwitz-Riley low- or high-pass of order 2, 4, 6 or 8 (6·order dB per octave, −6.02 dB at the cutoff) on every channel, with an automatable cutoff. A low-pass and a high-pass at the same cutoff sum to flat magnitude (for orders 2 and 6, with one of them polarity-inverted); for a band split prefer <see cref="LinkwitzRileyCrossover"/>.
/// </summary>
/// <remarks>
/// Built from topology-preserving state-variable sections (<see cref="LinkwitzRileyFilter"/>), so the cutoff can be
/// smoothed or automated sample by sample without clicks or instability. No latency (reported as 0, bypassed or
/// not); any channel count. <see cref="Prepare"/> allocates (control thread); <see cref="Process"/> and
/// <see cref="Reset"/> are real-time safe. Bypass follows <see cref="IBypassable"/>.
/// </remarks>
public sealed class LinkwitzRileyFilterProcessor : IAudioProcessor, IBypassable, IBoundedMemory
{
    /// <summary>The lowest cutoff accepted, in Hz.</summary>
    public const float MinFrequency = 10f;

    /// <summary>The highest cutoff accepted, in Hz; at run time the cutoff is also held below 0.49 × the sample rate.</summary>
    public const float MaxFrequency = 40_000f;

    private readonly PassFilterProcessorCore _core;

    /// <summary>Creates a filter.</summary>
    /// <param name="pass">Low- or high-pass.</param>
    /// <param name="order">Order: 2, 4, 6 or 8.</param>
    /// <param name="frequency">Cutoff in Hz, 10 to 40,000.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public LinkwitzRileyFilterProcessor(FilterPass pass, int order, float frequency)
    {
        ButterworthDesign.ValidateLinkwitzRileyOrder(order);
        _core = new PassFilterProcessorCore(pass, order / 2, 2, frequency, MinFrequency, MaxFrequency);
        Order = order;
    }

    /// <summary>Gets whether the filter is a low- or high-pass.</summary>
    public FilterPass Pass => _core.Pass;

    /// <summary>Gets the order.</summary>
    public int Order { get; }

    /// <summary>Gets the cutoff parameter, in Hz (10 to 40,000).</summary>
    public AudioParameter Frequency => _core.Frequency;

    /// <inheritdoc />
    public bool IsBypassed
    {
        get => _core.IsBypassed;
        set => _core.IsBypassed = value;
    }

    /// <inheritdoc />
    /// <remarks>The sum of the sections' memories (each from its slower pole) at the current frequency; 0 while bypassed.</remarks>
    public long MemoryFrames => _core.MemoryFrames;

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec) => _core.Prepare(spec);

    /// <inheritdoc />
    public void Reset() => _core.Reset();

    /// <inheritdoc />
    public void Process(AudioBlock buffer, in ProcessContext context) => _core.Process(buffer, context);
}
