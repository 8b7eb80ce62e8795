using System.Numerics;
using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Dsp.Filters;

/// <summary>
/// The shared body of <see cref="ButterworthFilter"/> and <see cref="LinkwitzRileyFilter"/>: a Butterworth of
/// order 1 to 8 applied <c>repeats</c> times, every section sharing one cutoff that may change per frame.
/// </summary>
internal sealed class PassFilterCore
{
    private readonly TptCascade _cascade;
    private readonly int _butterworthOrder;
    private readonly int _repeats;

    public PassFilterCore(FilterPass pass, int butterworthOrder, int repeats, double sampleRate, int channelCount, int maxBlockFrames, double frequency)
    {
        ButterworthDesign.ValidateButterworthOrder(butterworthOrder);
        if (pass is not (FilterPass.LowPass or FilterPass.HighPass))
        {
            throw new ArgumentOutOfRangeException(nameof(pass), pass, "Unknown pass type.");
        }

        FilterArguments.ValidateFrequency(sampleRate, frequency);
        Pass = pass;
        SampleRate = sampleRate;
        _butterworthOrder = butterworthOrder;
        _repeats = repeats;
        _cascade = new TptCascade(channelCount, maxBlockFrames, ButterworthDesign.SectionCount(butterworthOrder) * repeats);
        SetFrequency(frequency);
    }

    public FilterPass Pass { get; }

    public double SampleRate { get; }

    public double Frequency { get; private set; }

    public int ChannelCount => _cascade.ChannelCount;

    public int MaxBlockFrames => _cascade.MaxBlockFrames;

    public void SetFrequency(double frequency)
    {
        Frequency = frequency;
        Design(_cascade.Sections, TptSection.Prewarp(SampleRate, frequency));
    }

    public void Process(AudioBlock block)
    {
        for (var offset = 0; offset < block.FrameCount; offset += MaxBlockFrames)
        {
            _cascade.Process(block.Slice(offset, Math.Min(MaxBlockFrames, block.FrameCount - offset)), perFrame: false);
        }
    }

    public void Process(AudioBlock block, ReadOnlySpan<float> frequency)
    {
        var frames = block.FrameCount;
        if (frequency.Length < frames)
        {
            throw new ArgumentException($"Per-frame frequencies must cover the block's {frames} frames.", nameof(frequency));
        }

        if (frames == 0)
        {
            return;
        }

        var perSection = _cascade.SectionCount;
        Span<TptSection> designed = stackalloc TptSection[perSection];
        for (var offset = 0; offset < frames; offset += MaxBlockFrames)
        {
            var count = Math.Min(MaxBlockFrames, frames - offset);
            for (var i = 0; i < count; i++)
            {
                Design(designed, TptSection.Prewarp(SampleRate, frequency[offset + i]));
                for (var s = 0; s < perSection; s++)
                {
                    _cascade.FrameSections(s)[i] = designed[s];
                }
            }

            _cascade.Process(block.Slice(offset, count), perFrame: true);
        }

        SetFrequency(frequency[frames - 1]);
    }

    public void Reset() => _cascade.Reset();

    public Complex Response(double frequency)
    {
        var response = Complex.One;
        foreach (var section in _cascade.Sections)
        {
            response *= section.Response(frequency, SampleRate);
        }

        return response;
    }

    private void Design(Span<TptSection> sections, double g)
    {
        var count = ButterworthDesign.SectionCount(_butterworthOrder);
        for (var r = 0; r < _repeats; r++)
        {
            ButterworthDesign.Fill(sections.Slice(r * count, count), Pass, _butterworthOrder, g, allPass: false, negate: false);
        }
    }
}
