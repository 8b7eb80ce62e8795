using System.Numerics;
using System.Runtime.Intrinsics;
using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Dsp.Filters;

/// <summary>
/// Splits every channel into 2 or more bands with Linkwitz-Riley filters (order 2, 4, 6 or 8) whose bands add back
/// to a flat magnitude response: the band splitter of a multiband compressor or a split-band de-esser.
/// </summary>
/// <remarks>
/// <para>Split j (at <c>frequencies[j]</c>, ascending) divides what is above the previous split into a low-pass
/// part (band j) and a high-pass rest. A Linkwitz-Riley low-pass plus its high-pass sum to an all-pass, so the rest
/// of the signal has been phase-shifted by every later split that band j never went through: band j is passed
/// through those splits' all-passes too. Then all bands share one phase response and their sum is the input through
/// one all-pass per split: magnitude exactly flat (0 dB within rounding), no comb notches at the crossovers.</para>
/// <para>For orders 2 and 6 (Butterworth halves of odd order) a low-pass and a high-pass are 180° apart at the
/// crossover, so their sum would notch; as is conventional, the high side of each split is polarity-inverted, which
/// makes the sum flat. Orders 4 and 8 need no inversion. Each band is delayed by the all-passes but nothing adds
/// latency (a minimum-phase split).</para>
/// <para>Bands are written band-major: channel <c>c</c> of band <c>b</c> is channel <c>b * ChannelCount + c</c> of the
/// output block. All memory is allocated by the constructor; <see cref="Process(ReadOnlyAudioBlock, AudioBlock)"/>,
/// <see cref="SetFrequency"/> and <see cref="Reset"/> are real-time safe. One instance per stream; not thread-safe.
/// Double precision inside, four channels per vector.</para>
/// </remarks>
public sealed class LinkwitzRileyCrossover
{
    private readonly TptSection[][] _low;
    private readonly TptSection[][] _high;
    private readonly TptSection[][] _allPass;
    private readonly double[] _frequencies;
    private readonly Vector256<double>[] _rest;
    private readonly Vector256<double>[] _band;
    private readonly Vector256<double>[] _state;
    private readonly int _statePerGroup;
    private readonly int _halfOrder;

    /// <summary>Creates a crossover.</summary>
    /// <param name="sampleRate">Sample rate in Hz, greater than 0.</param>
    /// <param name="channelCount">Channels split, 1 or more.</param>
    /// <param name="maxBlockFrames">The most frames processed at once, 1 or more; longer blocks are processed in pieces.</param>
    /// <param name="order">Linkwitz-Riley order: 2, 4, 6 or 8 (12, 24, 36 or 48 dB per octave on each side).</param>
    /// <param name="frequencies">The crossover frequencies in Hz, one or more, strictly ascending, each between 0 and Nyquist; bands = frequencies + 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    /// <exception cref="ArgumentException"><paramref name="frequencies"/> is empty or not strictly ascending.</exception>
    public LinkwitzRileyCrossover(double sampleRate, int channelCount, int maxBlockFrames, int order, params ReadOnlySpan<double> frequencies)
    {
        ButterworthDesign.ValidateLinkwitzRileyOrder(order);
        FilterArguments.ValidateShape(channelCount, maxBlockFrames);
        if (frequencies.IsEmpty)
        {
            throw new ArgumentException("A crossover needs at least one frequency.", nameof(frequencies));
        }

        for (var j = 0; j < frequencies.Length; j++)
        {
            FilterArguments.ValidateFrequency(sampleRate, frequencies[j]);
            if (j > 0 && !(frequencies[j] > frequencies[j - 1]))
            {
                throw new ArgumentException($"Crossover frequencies must be strictly ascending; {frequencies[j]} Hz follows {frequencies[j - 1]} Hz.", nameof(frequencies));
            }
        }

        SampleRate = sampleRate;
        ChannelCount = channelCount;
        MaxBlockFrames = maxBlockFrames;
        Order = order;
        _halfOrder = order / 2;
        var sections = ButterworthDesign.SectionCount(_halfOrder);
        var splits = frequencies.Length;
        _frequencies = frequencies.ToArray();
        _low = new TptSection[splits][];
        _high = new TptSection[splits][];
        _allPass = new TptSection[splits][];
        for (var j = 0; j < splits; j++)
        {
            _low[j] = new TptSection[2 * sections];
            _high[j] = new TptSection[2 * sections];
            _allPass[j] = new TptSection[sections];
            SetFrequency(j, frequencies[j]);

            // Split j runs its low- and high-pass, and band j goes through the all-passes of every later split.
            _statePerGroup += 2 * ((4 * sections) + ((splits - 1 - j) * sections));
        }

        _rest = new Vector256<double>[maxBlockFrames];
        _band = new Vector256<double>[maxBlockFrames];
        _state = new Vector256<double>[TptKernel.GroupCount(channelCount) * _statePerGroup];
    }

    /// <summary>Gets the sample rate in Hz.</summary>
    public double SampleRate { get; }

    /// <summary>Gets the number of channels split.</summary>
    public int ChannelCount { get; }

    /// <summary>Gets the largest piece a block is processed in, in frames.</summary>
    public int MaxBlockFrames { get; }

    /// <summary>Gets the Linkwitz-Riley order (2, 4, 6 or 8).</summary>
    public int Order { get; }

    /// <summary>Gets the number of bands (crossover frequencies + 1).</summary>
    public int BandCount => _frequencies.Length + 1;

    /// <summary>Gets the frequency in Hz of split <paramref name="split"/> (0 to <see cref="BandCount"/> − 2).</summary>
    /// <param name="split">The split index.</param>
    public double GetFrequency(int split) => _frequencies[split];

    /// <summary>
    /// Moves split <paramref name="split"/> to <paramref name="frequency"/> Hz for the following frames. Real-time safe
    /// (clamped to 1 µHz·fs .. 0.49·fs, never rejected) and click-free; keep the splits ascending, or bands overlap.
    /// </summary>
    /// <param name="split">The split index, 0 to <see cref="BandCount"/> − 2.</param>
    /// <param name="frequency">The crossover frequency in Hz.</param>
    public void SetFrequency(int split, double frequency)
    {
        _frequencies[split] = frequency;
        var g = TptSection.Prewarp(SampleRate, frequency);
        var sections = _allPass[split].Length;
        var invertHigh = (_halfOrder & 1) == 1;
        for (var r = 0; r < 2; r++)
        {
            ButterworthDesign.Fill(_low[split].AsSpan(r * sections, sections), FilterPass.LowPass, _halfOrder, g, allPass: false, negate: false);
            ButterworthDesign.Fill(_high[split].AsSpan(r * sections, sections), FilterPass.HighPass, _halfOrder, g, allPass: false, negate: invertHigh && r == 0);
        }

        ButterworthDesign.Fill(_allPass[split], FilterPass.LowPass, _halfOrder, g, allPass: true, negate: false);
    }

    /// <summary>Clears every filter memory (after a locate). Real-time safe.</summary>
    public void Reset() => Array.Clear(_state);

    /// <summary>
    /// Splits the first <see cref="ChannelCount"/> channels of <paramref name="input"/> into
    /// <see cref="BandCount"/> bands written band-major to <paramref name="bands"/>.
    /// </summary>
    /// <param name="input">The audio to split; at least <see cref="ChannelCount"/> channels. It may be the same memory as band 0.</param>
    /// <param name="bands">Receives the bands: at least <see cref="BandCount"/> × <see cref="ChannelCount"/> channels, as many frames as the input.</param>
    /// <exception cref="ArgumentException">A block has too few channels or the frame counts differ (a caller bug, checked before any work).</exception>
    public void Process(ReadOnlyAudioBlock input, AudioBlock bands)
    {
        CheckShape(input, bands, BandCount * ChannelCount);
        for (var offset = 0; offset < input.FrameCount; offset += MaxBlockFrames)
        {
            var frames = Math.Min(MaxBlockFrames, input.FrameCount - offset);
            Split(input.Slice(offset, frames), bands.Slice(offset, frames), default, pair: false);
        }
    }

    /// <summary>Splits a two-band crossover's input into <paramref name="low"/> and <paramref name="high"/>.</summary>
    /// <param name="input">The audio to split; at least <see cref="ChannelCount"/> channels. It may be the same memory as <paramref name="low"/>.</param>
    /// <param name="low">Receives the band below the crossover: at least <see cref="ChannelCount"/> channels, as many frames as the input.</param>
    /// <param name="high">Receives the band above the crossover, shaped like <paramref name="low"/>.</param>
    /// <exception cref="InvalidOperationException">The crossover has more than two bands.</exception>
    /// <exception cref="ArgumentException">A block has too few channels or the frame counts differ.</exception>
    public void Process(ReadOnlyAudioBlock input, AudioBlock low, AudioBlock high)
    {
        if (BandCount != 2)
        {
            throw new InvalidOperationException($"This crossover has {BandCount} bands; use Process(input, bands).");
        }

        CheckShape(input, low, ChannelCount);
        CheckShape(input, high, ChannelCount);
        for (var offset = 0; offset < input.FrameCount; offset += MaxBlockFrames)
        {
            var frames = Math.Min(MaxBlockFrames, input.FrameCount - offset);
            Split(input.Slice(offset, frames), low.Slice(offset, frames), high.Slice(offset, frames), pair: true);
        }
    }

    /// <summary>Evaluates band <paramref name="band"/>'s complex response at <paramref name="frequency"/> Hz (analysis; the bands sum to an all-pass).</summary>
    /// <param name="band">The band, 0 (lowest) to <see cref="BandCount"/> − 1.</param>
    /// <param name="frequency">Frequency in Hz.</param>
    public Complex BandResponse(int band, double frequency)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(band);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(band, BandCount);
        var response = Complex.One;
        for (var j = 0; j < band; j++)
        {
            response *= Response(_high[j], frequency);
        }

        if (band < BandCount - 1)
        {
            response *= Response(_low[band], frequency);
            for (var j = band + 1; j < _frequencies.Length; j++)
            {
                response *= Response(_allPass[j], frequency);
            }
        }

        return response;
    }

    private Complex Response(TptSection[] sections, double frequency)
    {
        var response = Complex.One;
        foreach (var section in sections)
        {
            response *= section.Response(frequency, SampleRate);
        }

        return response;
    }

    private void CheckShape(ReadOnlyAudioBlock input, AudioBlock output, int outputChannels)
    {
        if (input.ChannelCount < ChannelCount || output.ChannelCount < outputChannels || output.FrameCount != input.FrameCount)
        {
            throw new ArgumentException(
                $"The crossover needs {ChannelCount} input channel(s) and {outputChannels} output channel(s) of equal length; got {input.ChannelCount}x{input.FrameCount} in, {output.ChannelCount}x{output.FrameCount} out.",
                nameof(output));
        }
    }

    private void Split(ReadOnlyAudioBlock input, AudioBlock bands, AudioBlock high, bool pair)
    {
        var frames = input.FrameCount;
        var rest = _rest.AsSpan(0, frames);
        var band = _band.AsSpan(0, frames);
        var splits = _frequencies.Length;
        for (var first = 0; first < ChannelCount; first += TptKernel.Lanes)
        {
            var count = Math.Min(TptKernel.Lanes, ChannelCount - first);
            var state = _state.AsSpan(first / TptKernel.Lanes * _statePerGroup, _statePerGroup);
            var used = 0;
            TptKernel.Interleave(input, first, count, rest);
            for (var j = 0; j < splits; j++)
            {
                rest.CopyTo(band);
                used = Run(band, _low[j], state, used);
                for (var later = j + 1; later < splits; later++)
                {
                    used = Run(band, _allPass[later], state, used);
                }

                TptKernel.Deinterleave(band, bands, pair ? first : (j * ChannelCount) + first, count);
                used = Run(rest, _high[j], state, used);
            }

            TptKernel.Flush(state);
            if (pair)
            {
                TptKernel.Deinterleave(rest, high, first, count);
            }
            else
            {
                TptKernel.Deinterleave(rest, bands, (splits * ChannelCount) + first, count);
            }
        }
    }

    private static int Run(Span<Vector256<double>> data, TptSection[] sections, Span<Vector256<double>> state, int used)
    {
        for (var s = 0; s < sections.Length; s++, used += 2)
        {
            TptKernel.Run(data, sections[s], state.Slice(used, 2));
        }

        return used;
    }
}
