using System.Numerics;
using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Dsp.Filters;

/// <summary>
/// A multichannel Butterworth low- or high-pass of order 1 to 8 (6·order dB per octave, −3.01 dB at the cutoff), built from topology-preserving state-variable sections so that the cutoff can move every block or every sample without clicks or instability.
/// </summary>
/// <remarks>
/// All memory is allocated by the constructor. <see cref="SetFrequency"/>, both <c>Process</c> overloads and
/// <see cref="Reset"/> are real-time safe (no allocation, locks or throws for data: frequencies are clamped to
/// 1 µHz·fs .. 0.49·fs). One instance per stream; not thread-safe. Double precision, four channels per vector.
/// </remarks>
public sealed class ButterworthFilter
{
    private readonly PassFilterCore _core;

    /// <summary>Creates a filter.</summary>
    /// <param name="pass">Low- or high-pass.</param>
    /// <param name="order">Order, 1 to 8.</param>
    /// <param name="sampleRate">Sample rate in Hz, greater than 0.</param>
    /// <param name="channelCount">Channels filtered, 1 or more.</param>
    /// <param name="maxBlockFrames">The most frames processed at once, 1 or more; longer blocks are processed in pieces.</param>
    /// <param name="frequency">Cutoff (−3 dB) in Hz, between 0 and Nyquist.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public ButterworthFilter(FilterPass pass, int order, double sampleRate, int channelCount, int maxBlockFrames, double frequency)
    {
        ButterworthDesign.ValidateButterworthOrder(order);
        _core = new PassFilterCore(pass, order, 1, sampleRate, channelCount, maxBlockFrames, frequency);
        Order = order;
    }

    /// <summary>Gets whether the filter is a low- or high-pass.</summary>
    public FilterPass Pass => _core.Pass;

    /// <summary>Gets the order (the slope is 6·order dB per octave).</summary>
    public int Order { get; }

    /// <summary>Gets the sample rate in Hz.</summary>
    public double SampleRate => _core.SampleRate;

    /// <summary>Gets the number of channels filtered.</summary>
    public int ChannelCount => _core.ChannelCount;

    /// <summary>Gets the cutoff in Hz of the last frame processed (or as last set).</summary>
    public double Frequency => _core.Frequency;

    /// <summary>Sets the cutoff in Hz for the following frames. Real-time safe; clamped, never rejected.</summary>
    /// <param name="frequency">Cutoff (−3 dB) in Hz.</param>
    public void SetFrequency(double frequency) => _core.SetFrequency(frequency);

    /// <summary>Filters every channel of <paramref name="block"/> (up to <see cref="ChannelCount"/>) in place.</summary>
    /// <param name="block">Audio in, filtered audio out; any number of frames.</param>
    public void Process(AudioBlock block) => _core.Process(block);

    /// <summary>Filters <paramref name="block"/> in place with a new cutoff on every frame; afterwards the cutoff is the last frame's.</summary>
    /// <param name="block">Audio in, filtered audio out.</param>
    /// <param name="frequency">Cutoff in Hz per frame, at least as long as the block.</param>
    /// <exception cref="ArgumentException"><paramref name="frequency"/> is shorter than the block (a caller bug).</exception>
    public void Process(AudioBlock block, ReadOnlySpan<float> frequency) => _core.Process(block, frequency);

    /// <summary>Clears the filter memory of every channel (after a locate). Real-time safe.</summary>
    public void Reset() => _core.Reset();

    /// <summary>Evaluates the filter's complex response at <paramref name="frequency"/> Hz for the current cutoff (analysis).</summary>
    /// <param name="frequency">Frequency in Hz.</param>
    public Complex Response(double frequency) => _core.Response(frequency);
}
