using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Dsp.Filters;

/// <summary>
/// A multichannel second-order filter realising any <see cref="BiquadType"/> of the RBJ cookbook with a
/// topology-preserving-transform state-variable structure: the same transfer function as
/// <see cref="BiquadCoefficients.Design"/>, but stable and click-free when frequency, Q and gain change every block
/// or every sample.
/// </summary>
/// <remarks>
/// <para>All memory is allocated by the constructor. <see cref="SetParameters"/>, both <c>Process</c> overloads and
/// <see cref="Reset"/> are real-time safe (no allocation, no locks, no throws for data: out-of-range or NaN values
/// are clamped to 1 µHz·fs .. 0.49·fs, Q 0.025 .. 1000, gain ±120 dB). One instance per stream; not thread-safe:
/// call everything from the thread that processes.</para>
/// <para>Channels are processed four at a time in double precision (see the SDK's benchmarks).</para>
/// </remarks>
public sealed class StateVariableFilter
{
    private readonly TptCascade _cascade;

    /// <summary>Creates a filter, initially a flat 0 dB peak at 1 kHz (it passes the signal unchanged).</summary>
    /// <param name="sampleRate">Sample rate in Hz, greater than 0.</param>
    /// <param name="channelCount">Channels filtered, 1 or more.</param>
    /// <param name="maxBlockFrames">The most frames a per-frame <see cref="Process(AudioBlock, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float})"/> call handles at once, 1 or more; longer blocks are processed in pieces.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public StateVariableFilter(double sampleRate, int channelCount, int maxBlockFrames)
    {
        FilterArguments.ValidateSampleRate(sampleRate);
        _cascade = new TptCascade(channelCount, maxBlockFrames, 1);
        SampleRate = sampleRate;
        SetParameters(BiquadType.Peak, 1000, 0.7071, 0);
    }

    /// <summary>Gets the sample rate in Hz.</summary>
    public double SampleRate { get; }

    /// <summary>Gets the number of channels filtered.</summary>
    public int ChannelCount => _cascade.ChannelCount;

    /// <summary>Gets the largest piece a block is processed in, in frames.</summary>
    public int MaxBlockFrames => _cascade.MaxBlockFrames;

    /// <summary>Gets the response type.</summary>
    public BiquadType Type { get; private set; }

    /// <summary>Gets the corner or centre frequency in Hz of the last frame processed (or as last set).</summary>
    public double Frequency { get; private set; }

    /// <summary>Gets the Q of the last frame processed (or as last set).</summary>
    public double Q { get; private set; }

    /// <summary>Gets the gain in dB of the last frame processed (or as last set); used by peak and shelves.</summary>
    public double GainDb { get; private set; }

    /// <summary>Gets the direct-form coefficients with the same transfer function as the current setting (for analysis).</summary>
    public BiquadCoefficients Coefficients => _cascade.Sections[0].ToBiquad();

    /// <summary>Sets the response for the following frames. Real-time safe; values are clamped, never rejected.</summary>
    /// <param name="type">The response type.</param>
    /// <param name="frequency">Corner or centre frequency in Hz.</param>
    /// <param name="q">Quality factor.</param>
    /// <param name="gainDb">Gain in dB (peak and shelves).</param>
    public void SetParameters(BiquadType type, double frequency, double q, double gainDb = 0)
    {
        // Hosts call this every block with values that rarely change: skip the design (a tangent, a power and
        // divisions) when it would give the very same section.
        if (type == Type && frequency == Frequency && q == Q && gainDb == GainDb)
        {
            return;
        }

        Type = type;
        Frequency = frequency;
        Q = q;
        GainDb = gainDb;
        _cascade.Sections[0] = TptSection.Design(type, SampleRate, frequency, q, gainDb);
    }

    /// <summary>Filters every channel of <paramref name="block"/> (up to <see cref="ChannelCount"/>) in place with the current setting.</summary>
    /// <param name="block">Audio in, filtered audio out; any number of frames.</param>
    public void Process(AudioBlock block)
    {
        for (var offset = 0; offset < block.FrameCount; offset += MaxBlockFrames)
        {
            _cascade.Process(block.Slice(offset, Math.Min(MaxBlockFrames, block.FrameCount - offset)), perFrame: false);
        }
    }

    /// <summary>
    /// Filters <paramref name="block"/> in place with a new frequency, Q and gain on every frame (sample-accurate
    /// automation), keeping <see cref="Type"/>. Afterwards the setting is that of the last frame.
    /// </summary>
    /// <param name="block">Audio in, filtered audio out.</param>
    /// <param name="frequency">Frequency in Hz per frame; at least as long as the block.</param>
    /// <param name="q">Q per frame; at least as long as the block.</param>
    /// <param name="gainDb">Gain in dB per frame; at least as long as the block.</param>
    /// <exception cref="ArgumentException">A span is shorter than the block (a caller bug, checked before any work).</exception>
    public void Process(AudioBlock block, ReadOnlySpan<float> frequency, ReadOnlySpan<float> q, ReadOnlySpan<float> gainDb)
    {
        var frames = block.FrameCount;
        if (frequency.Length < frames || q.Length < frames || gainDb.Length < frames)
        {
            throw new ArgumentException($"Per-frame parameters must cover the block's {frames} frames.", nameof(frequency));
        }

        if (frames == 0)
        {
            return;
        }

        for (var offset = 0; offset < frames; offset += MaxBlockFrames)
        {
            var count = Math.Min(MaxBlockFrames, frames - offset);
            var sections = _cascade.FrameSections(0);
            for (var i = 0; i < count; i++)
            {
                sections[i] = TptSection.Design(Type, SampleRate, frequency[offset + i], q[offset + i], gainDb[offset + i]);
            }

            _cascade.Process(block.Slice(offset, count), perFrame: true);
        }

        SetParameters(Type, frequency[frames - 1], q[frames - 1], gainDb[frames - 1]);
    }

    /// <summary>Clears the filter memory of every channel (after a locate). Real-time safe.</summary>
    public void Reset() => _cascade.Reset();
}
