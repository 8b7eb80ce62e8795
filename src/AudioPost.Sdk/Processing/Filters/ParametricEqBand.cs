using AudioPost.Sdk.Automation;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Filters;

namespace AudioPost.Sdk.Processing.Filters;

/// <summary>
/// One band of a <see cref="ParametricEqProcessor"/> (and the whole of a <see cref="BiquadFilterProcessor"/>): a
/// cookbook response with automatable frequency, Q and gain, realised by a <see cref="StateVariableFilter"/> so
/// that sample-accurate automation is stable and click-free.
/// </summary>
/// <remarks>
/// <see cref="Type"/> and <see cref="IsEnabled"/> may be set from any thread (volatile fields; they take effect at
/// the next block). The parameters follow <see cref="AudioParameter"/>'s threading rules.
/// </remarks>
public sealed class ParametricEqBand
{
    /// <summary>The lowest frequency accepted, in Hz.</summary>
    public const float MinFrequency = 10f;

    /// <summary>The highest frequency accepted, in Hz; at run time frequencies are also held below 0.49 × the sample rate.</summary>
    public const float MaxFrequency = 40_000f;

    /// <summary>The lowest Q accepted.</summary>
    public const float MinQ = 0.025f;

    /// <summary>The highest Q accepted.</summary>
    public const float MaxQ = 40f;

    /// <summary>The largest cut or boost accepted, in dB.</summary>
    public const float MaxGainDb = 48f;

    private volatile BiquadType _type;
    private volatile bool _enabled;
    private StateVariableFilter? _filter;
    private bool _idle = true;
    private int _sampleRate;

    /// <summary>Creates a band.</summary>
    /// <param name="type">The response.</param>
    /// <param name="frequency">Corner or centre frequency in Hz, 10 to 40,000.</param>
    /// <param name="q">Q, 0.025 to 40.</param>
    /// <param name="gainDb">Gain in dB, −48 to +48 (peak and shelves only).</param>
    /// <param name="enabled">Whether the band filters.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public ParametricEqBand(BiquadType type = BiquadType.Peak, float frequency = 1000f, float q = 0.7071f, float gainDb = 0f, bool enabled = true)
    {
        if (!Enum.IsDefined(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown filter type.");
        }

        _type = type;
        _enabled = enabled;
        Frequency = new AudioParameter("frequency", frequency, MinFrequency, MaxFrequency);
        Q = new AudioParameter("q", q, MinQ, MaxQ);
        Gain = new AudioParameter("gain", gainDb, -MaxGainDb, MaxGainDb);
    }

    /// <summary>Gets or sets the response type. Any thread; a change applies at the next block without clearing the filter memory.</summary>
    public BiquadType Type
    {
        get => _type;
        set => _type = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown filter type.");
    }

    /// <summary>Gets or sets whether the band filters; a disabled band passes audio unchanged but its automation keeps running. Any thread.</summary>
    public bool IsEnabled
    {
        get => _enabled;
        set => _enabled = value;
    }

    /// <summary>Gets the corner or centre frequency parameter, in Hz (10 to 40,000; held below 0.49 × the sample rate).</summary>
    public AudioParameter Frequency { get; }

    /// <summary>Gets the Q parameter (0.025 to 40).</summary>
    public AudioParameter Q { get; }

    /// <summary>Gets the gain parameter, in dB (−48 to +48); used by peak and shelf types.</summary>
    public AudioParameter Gain { get; }

    internal void Prepare(in ProcessSpec spec)
    {
        Frequency.Prepare(spec.SampleRate, spec.MaxBlockFrames);
        Q.Prepare(spec.SampleRate, spec.MaxBlockFrames);
        Gain.Prepare(spec.SampleRate, spec.MaxBlockFrames);
        _filter = new StateVariableFilter(spec.SampleRate, Math.Max(1, spec.ChannelCount), spec.MaxBlockFrames);
        _sampleRate = spec.SampleRate;
        _idle = true;
    }

    /// <summary>Frames the band takes to forget its input at the current settings (see <see cref="Processing.IBoundedMemory"/>); 0 when it passes the signal untouched.</summary>
    internal long MemoryFrames(bool bypassed)
    {
        var type = _type;
        if (bypassed || !_enabled || _sampleRate == 0 || (Gain.Value == 0f && type is BiquadType.Peak or BiquadType.LowShelf or BiquadType.HighShelf))
        {
            return 0;
        }

        // The state-variable structure realises the cookbook transfer function, so it has the cookbook section's poles.
        var frequency = Math.Min(Frequency.Value, (_sampleRate / 2.0) * 0.999);
        var section = BiquadCoefficients.Design(type, _sampleRate, frequency, Q.Value, Gain.Value);
        return ProcessorMemory.FromPoleRadius(section.MaxPoleRadius);
    }

    internal void Reset()
    {
        Frequency.Reset();
        Q.Reset();
        Gain.Reset();
        _filter?.Reset();
    }

    /// <summary>Filters <paramref name="buffer"/> in place, or only advances the parameters when <paramref name="bypassed"/> or disabled.</summary>
    internal void Process(AudioBlock buffer, in ProcessContext context, bool bypassed)
    {
        var frames = buffer.FrameCount;
        var frequency = Frequency.Process(context.TimelineFrame, frames);
        var q = Q.Process(context.TimelineFrame, frames);
        var gain = Gain.Process(context.TimelineFrame, frames);
        if (_filter is not { } filter || bypassed || !_enabled || frames == 0)
        {
            _idle = true;
            return;
        }

        var type = _type;
        if (frequency.IsConstant && q.IsConstant && gain.IsConstant)
        {
            // A peak or shelf at exactly 0 dB is the identity (its output mix is the input alone): skip the work.
            if (gain.First == 0f && type is BiquadType.Peak or BiquadType.LowShelf or BiquadType.HighShelf)
            {
                _idle = true;
                return;
            }

            Resume(filter);
            filter.SetParameters(type, frequency.First, q.First, gain.First);
            filter.Process(buffer);
            return;
        }

        Resume(filter);
        if (filter.Type != type)
        {
            filter.SetParameters(type, filter.Frequency, filter.Q, filter.GainDb);
        }

        filter.Process(buffer, frequency.Values, q.Values, gain.Values);
    }

    /// <summary>After an idle stretch the memory holds a signal that no longer exists: start from silence instead.</summary>
    private void Resume(StateVariableFilter filter)
    {
        if (_idle)
        {
            filter.Reset();
            _idle = false;
        }
    }
}
