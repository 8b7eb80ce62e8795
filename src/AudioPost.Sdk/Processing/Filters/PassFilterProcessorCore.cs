using AudioPost.Sdk.Automation;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Filters;

namespace AudioPost.Sdk.Processing.Filters;

/// <summary>
/// The shared body of <see cref="ButterworthFilterProcessor"/> and <see cref="LinkwitzRileyFilterProcessor"/>: an
/// automatable cutoff driving a Butterworth of order 1 to 8 applied <c>repeats</c> times (once for a Butterworth, twice
/// for a Linkwitz-Riley), with bypass and the memory bound.
/// </summary>
/// <remarks>
/// The cutoff is held below 0.49 × the sample rate. A bypassed block leaves the audio untouched and the next
/// processed block starts from cleared memory, so no stale state leaks across a bypass. <see cref="Prepare"/>
/// allocates (control thread); <see cref="Process"/> and <see cref="Reset"/> are real-time safe.
/// </remarks>
internal sealed class PassFilterProcessorCore
{
    private readonly int _butterworthOrder;
    private readonly int _repeats;
    private PassFilterCore? _filter;
    private volatile bool _bypassed;
    private int _sampleRate;
    private bool _wasBypassed;

    /// <summary>Creates the core; the caller has validated its own order, this validates the pass.</summary>
    /// <param name="pass">Low- or high-pass.</param>
    /// <param name="butterworthOrder">The order of the Butterworth applied, 1 to 8.</param>
    /// <param name="repeats">How many times it is applied.</param>
    /// <param name="frequency">Cutoff in Hz, <paramref name="minFrequency"/> to <paramref name="maxFrequency"/>.</param>
    /// <param name="minFrequency">The lowest cutoff accepted, in Hz.</param>
    /// <param name="maxFrequency">The highest cutoff accepted, in Hz.</param>
    public PassFilterProcessorCore(FilterPass pass, int butterworthOrder, int repeats, float frequency, float minFrequency, float maxFrequency)
    {
        if (pass is not (FilterPass.LowPass or FilterPass.HighPass))
        {
            throw new ArgumentOutOfRangeException(nameof(pass), pass, "Unknown pass type.");
        }

        Pass = pass;
        _butterworthOrder = butterworthOrder;
        _repeats = repeats;
        Frequency = new AudioParameter("frequency", frequency, minFrequency, maxFrequency);
    }

    public FilterPass Pass { get; }

    public AudioParameter Frequency { get; }

    public bool IsBypassed
    {
        get => _bypassed;
        set => _bypassed = value;
    }

    /// <summary>The sum of the sections' memories (each from its slower pole) at the current frequency; 0 while bypassed.</summary>
    public long MemoryFrames
    {
        get
        {
            if (_bypassed || _sampleRate == 0)
            {
                return 0;
            }

            var frames = 0L;
            var sections = ButterworthDesign.Butterworth(Pass, _butterworthOrder, _sampleRate, Math.Min(Frequency.Value, 0.49 * _sampleRate));
            for (var r = 0; r < _repeats; r++)
            {
                foreach (var section in sections)
                {
                    frames = ProcessorMemory.Add(frames, ProcessorMemory.FromPoleRadius(section.MaxPoleRadius));
                }
            }

            return frames;
        }
    }

    public void Prepare(in ProcessSpec spec)
    {
        Frequency.Prepare(spec.SampleRate, spec.MaxBlockFrames);
        _sampleRate = spec.SampleRate;
        _filter = new PassFilterCore(Pass, _butterworthOrder, _repeats, spec.SampleRate, Math.Max(1, spec.ChannelCount), spec.MaxBlockFrames, Math.Min(Frequency.Value, 0.49 * spec.SampleRate));
    }

    public void Reset()
    {
        Frequency.Reset();
        _filter?.Reset();
    }

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
