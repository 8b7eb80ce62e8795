using AudioPost.Sdk.Automation;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Filters;

namespace AudioPost.Sdk.Processing.Filters;

/// <summary>
/// A Butterworth low- or high-pass of order 1 to 8 (6·order dB per octave, −3.01 dB at the cutoff) on every channel, with an automatable cutoff.
/// </summary>
/// <remarks>
/// Built from topology-preserving state-variable sections (<see cref="ButterworthFilter"/>), so the cutoff can be
/// smoothed or automated sample by sample without clicks or instability. No latency (reported as 0, bypassed or
/// not); any channel count. <see cref="Prepare"/> allocates (control thread); <see cref="Process"/> and
/// <see cref="Reset"/> are real-time safe. Bypass follows <see cref="IBypassable"/>.
/// </remarks>
public sealed class ButterworthFilterProcessor : IAudioProcessor, IBypassable, IBoundedMemory
{
    /// <summary>The lowest cutoff accepted, in Hz.</summary>
    public const float MinFrequency = 10f;

    /// <summary>The highest cutoff accepted, in Hz; at run time the cutoff is also held below 0.49 × the sample rate.</summary>
    public const float MaxFrequency = 40_000f;

    private ButterworthFilter? _filter;
    private volatile bool _bypassed;
    private int _sampleRate;
    private bool _wasBypassed;

    /// <summary>Creates a filter.</summary>
    /// <param name="pass">Low- or high-pass.</param>
    /// <param name="order">Order, 1 to 8.</param>
    /// <param name="frequency">Cutoff in Hz, 10 to 40,000.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public ButterworthFilterProcessor(FilterPass pass, int order, float frequency)
    {
        ButterworthDesign.ValidateButterworthOrder(order);
        if (pass is not (FilterPass.LowPass or FilterPass.HighPass))
        {
            throw new ArgumentOutOfRangeException(nameof(pass), pass, "Unknown pass type.");
        }

        Pass = pass;
        Order = order;
        Frequency = new AudioParameter("frequency", frequency, MinFrequency, MaxFrequency);
    }

    /// <summary>Gets whether the filter is a low- or high-pass.</summary>
    public FilterPass Pass { get; }

    /// <summary>Gets the order.</summary>
    public int Order { get; }

    /// <summary>Gets the cutoff parameter, in Hz (10 to 40,000).</summary>
    public AudioParameter Frequency { get; }

    /// <inheritdoc />
    public bool IsBypassed
    {
        get => _bypassed;
        set => _bypassed = value;
    }

    /// <inheritdoc />
    /// <remarks>The sum of the sections' memories (each from its slower pole) at the current frequency; 0 while bypassed.</remarks>
    public long MemoryFrames
    {
        get
        {
            if (_bypassed || _sampleRate == 0)
            {
                return 0;
            }

            var frames = 0L;
            foreach (var section in ButterworthDesign.Butterworth(Pass, Order, _sampleRate, Math.Min(Frequency.Value, 0.49 * _sampleRate)))
            {
                frames = ProcessorMemory.Add(frames, ProcessorMemory.FromPoleRadius(section.MaxPoleRadius));
            }

            return frames;
        }
    }

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
        Frequency.Prepare(spec.SampleRate, spec.MaxBlockFrames);
        _sampleRate = spec.SampleRate;
        _filter = new ButterworthFilter(Pass, Order, spec.SampleRate, Math.Max(1, spec.ChannelCount), spec.MaxBlockFrames, Math.Min(Frequency.Value, 0.49 * spec.SampleRate));
    }

    /// <inheritdoc />
    public void Reset()
    {
        Frequency.Reset();
        _filter?.Reset();
    }

    /// <inheritdoc />
    public void Process(AudioBlock buffer, in ProcessContext context)
    {
        var frequency = Frequency.Process(context.TimelineFrame, buffer.FrameCount);
        if (_filter is not { } filter || _bypassed)
        {
            _wasBypassed = true;
            return;
        }

        if (_wasBypassed)
        {
            filter.Reset();
            _wasBypassed = false;
        }

        if (frequency.IsConstant)
        {
            if (frequency.First != filter.Frequency)
            {
                filter.SetFrequency(frequency.First);
            }

            filter.Process(buffer);
        }
        else
        {
            filter.Process(buffer, frequency.Values);
        }
    }
}
