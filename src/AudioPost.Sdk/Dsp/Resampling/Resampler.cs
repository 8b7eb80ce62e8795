using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Dsp.Resampling;

/// <summary>
/// A band-limited sample-rate converter: a linear-phase polyphase windowed-sinc (Kaiser) filter, for any rational
/// ratio (48 000 → 44 100, 44 100 → 48 000, the 1000/1001 pull-down, 24 ↔ 25 fps speed changes) and for a ratio that
/// varies smoothly from block to block (varispeed). Planar multichannel, streaming: <see cref="Write"/> input frames,
/// <see cref="Read"/> output frames.
/// </summary>
/// <remarks>
/// <para><b>Timing.</b> After construction or <see cref="Reset"/>, output frame <c>n</c> is the input signal at input
/// position <c>n · InputRate / OutputRate</c> exactly (input before frame 0 counts as silence): the content is not
/// delayed, but an output can be read only once the input has run <see cref="DelayInputFrames"/> frames past its
/// position, so output lags input by that much in time. To drain the end of a stream, write
/// <see cref="DelayInputFrames"/> frames of silence (<see cref="WriteSilence"/>). A real-time caller that wants every
/// <see cref="Read"/> to be satisfiable from the input of the same block writes <see cref="DelayInputFrames"/> frames of
/// silence once after <see cref="Reset"/>; its output is then delayed by <see cref="DelayOutputFrames"/> (report that as
/// latency).</para>
/// <para><b>Fixed ratio.</b> The rates matter only as a ratio, reduced to <c>p/q</c> (output/input); the filter is
/// tabulated at exactly <c>p</c> sub-sample phases, so every output uses exact coefficients and the position never
/// drifts, however long the stream. Equal rates pass every frame through unchanged (a delay of
/// <see cref="DelayInputFrames"/> = 1 frame of read-ahead and no filtering). When <c>p</c> exceeds
/// <see cref="MaxExactPhases"/> (coprime rates such as 44 100 → 44 101), the resampler runs as varispeed at the fixed
/// ratio.</para>
/// <para><b>Varispeed</b> (<see cref="CreateVarispeed"/>): <see cref="SetRatio"/> may be called before any block; the
/// step between outputs ramps linearly to the new ratio over a fixed number of output frames, and the filter's phases
/// are interpolated, so a changing ratio never produces a discontinuity. The cutoff is designed once for the lowest
/// ratio allowed.</para>
/// <para><b>Arithmetic.</b> <see cref="ResamplerQuality.VeryHigh"/> keeps history, coefficients and sums in double;
/// the others in float. Each output is one vectorised dot product per channel (two in varispeed). At a fixed ratio a
/// read computes its outputs row by row rather than in time order: one row of taps, loaded once, serves eight products
/// (outputs a period apart, and channels) with AVX-512 where the CPU has it; every product is summed in the same order
/// however it was grouped, so a stream read in any block sizes equals the whole-buffer conversion bit for bit.</para>
/// <para><b>Real-time safety.</b> Construction designs the filter and allocates everything (it may take milliseconds
/// for <see cref="ResamplerQuality.VeryHigh"/>). <see cref="Write"/>, <see cref="WriteSilence"/>, <see cref="Read"/>,
/// <see cref="SetRatio"/> and <see cref="Reset"/> never allocate, lock or block. Not thread-safe: one thread at a time.</para>
/// </remarks>
public sealed class Resampler
{
    /// <summary>The most sub-sample phases a fixed ratio is tabulated at (the reduced output rate <c>p</c>); above it
    /// the resampler interpolates between fewer phases, as in varispeed. 4096 covers every ratio between common audio and
    /// video rates (44 100 / 48 000 reduces to 147 / 160, 1000 / 1001 to itself).</summary>
    public const int MaxExactPhases = 4096;

    /// <summary>The input frames a <see cref="Write"/> can take at once unless the constructor says otherwise.</summary>
    public const int DefaultInputCapacity = 8192;

    /// <summary>The output frames over which a varispeed ratio change ramps unless <see cref="CreateVarispeed"/> says
    /// otherwise: 64.</summary>
    public const int DefaultRampFrames = 64;

    private readonly ResamplerKernel<float>? _single;
    private readonly ResamplerKernel<double>? _double;
    private readonly double _minimumRatio;
    private readonly double _maximumRatio;

    /// <summary>Creates a fixed-ratio resampler from <paramref name="inputRate"/> to <paramref name="outputRate"/>.</summary>
    /// <param name="inputRate">Input sample rate in Hz (or any positive integer: only the ratio matters).</param>
    /// <param name="outputRate">Output sample rate in Hz. 1000 and 1001 with <paramref name="inputRate"/> 1001 and
    /// 1000 give the pull-down and pull-up.</param>
    /// <param name="channelCount">Channels, 1 to <see cref="AudioBuffer.MaxChannels"/>.</param>
    /// <param name="quality">Filter preset.</param>
    /// <param name="inputCapacity">Most input frames held beyond the filter's own span, 1 or more: the most one
    /// <see cref="Write"/> can accept when nothing is pending.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public Resampler(int inputRate, int outputRate, int channelCount, ResamplerQuality quality = ResamplerQuality.High, int inputCapacity = DefaultInputCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputRate, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputRate, 1);
        ValidateCommon(channelCount, inputCapacity);
        var preset = ResamplerPreset.For(quality);
        var divisor = Gcd(inputRate, outputRate);
        var numerator = outputRate / divisor;
        var denominator = inputRate / divisor;
        InputRate = inputRate;
        OutputRate = outputRate;
        ChannelCount = channelCount;
        Quality = quality;
        Ratio = (double)outputRate / inputRate;
        _minimumRatio = _maximumRatio = Ratio;
        // Up to MaxExactPhases every output position has its own row; beyond, the position stays exact and the
        // coefficients are interpolated between the preset's varispeed rows.
        var design = numerator == denominator
            ? PolyphaseFilterDesign.Identity
            : PolyphaseFilterDesign.Create(preset, Ratio, numerator <= MaxExactPhases ? numerator : preset.VarispeedPhases);
        if (preset.UsesDouble)
        {
            _double = new ResamplerKernel<double>(design, channelCount, inputCapacity, numerator, denominator);
        }
        else
        {
            _single = new ResamplerKernel<float>(design, channelCount, inputCapacity, numerator, denominator);
        }

        ReducedOutputRate = numerator;
        ReducedInputRate = denominator;
        IsVarispeed = false;
    }

    private Resampler(double ratio, double minimumRatio, double maximumRatio, int channelCount, ResamplerQuality quality, int inputCapacity, int rampFrames)
    {
        var preset = ResamplerPreset.For(quality);
        ChannelCount = channelCount;
        Quality = quality;
        Ratio = ratio;
        _minimumRatio = minimumRatio;
        _maximumRatio = maximumRatio;
        IsVarispeed = true;
        var design = PolyphaseFilterDesign.Create(preset, minimumRatio, preset.VarispeedPhases);
        CreateVarispeedKernel(design, preset, channelCount, inputCapacity, 1 / ratio, rampFrames, out _single, out _double);
    }

    /// <summary>Gets the input rate given to the fixed-ratio constructor (0 for varispeed).</summary>
    public int InputRate { get; }

    /// <summary>Gets the output rate given to the fixed-ratio constructor (0 for varispeed).</summary>
    public int OutputRate { get; }

    /// <summary>Gets the output rate divided by the greatest common divisor of the two rates: the output positions
    /// per input frame that the resampler tells apart (0 for varispeed).</summary>
    public int ReducedOutputRate { get; }

    /// <summary>Gets the input rate divided by the greatest common divisor of the two rates (0 when
    /// <see cref="ReducedOutputRate"/> is).</summary>
    public int ReducedInputRate { get; }

    /// <summary>Gets the number of channels of every block written and read.</summary>
    public int ChannelCount { get; }

    /// <summary>Gets the filter preset.</summary>
    public ResamplerQuality Quality { get; }

    /// <summary>Gets whether the ratio can change (<see cref="CreateVarispeed"/>).</summary>
    public bool IsVarispeed { get; }

    /// <summary>Gets the ratio, output rate / input rate: for varispeed the target of the last <see cref="SetRatio"/>.</summary>
    public double Ratio { get; private set; }

    /// <summary>Gets the filter length in input frames (taps per output per channel).</summary>
    public int FilterLength => _single?.Taps ?? _double!.Taps;

    /// <summary>
    /// Gets the read-ahead in input frames: the output at input position <c>t</c> can be read once input frame
    /// <c>⌊t⌋ + DelayInputFrames</c> has been written. Half the filter length (1 for equal rates).
    /// </summary>
    public int DelayInputFrames => FilterLength / 2;

    /// <summary>Gets <see cref="DelayInputFrames"/> in output frames at the current ratio: the latency of a caller
    /// that primes with that much silence (see remarks). Not an integer in general.</summary>
    public double DelayOutputFrames => DelayInputFrames * Ratio;

    /// <summary>Gets how many input frames <see cref="Write"/> would accept now.</summary>
    public int FreeInputFrames => _single?.FreeInputFrames ?? _double!.FreeInputFrames;

    /// <summary>Gets how many outputs <see cref="Read"/> would produce now, given the input written so far.</summary>
    public int AvailableOutputFrames => (int)Math.Min(int.MaxValue, _single?.AvailableOutputFrames() ?? _double!.AvailableOutputFrames());

    /// <summary>Creates a resampler whose ratio can change every block (varispeed, chasing an external clock).</summary>
    /// <param name="channelCount">Channels, 1 to <see cref="AudioBuffer.MaxChannels"/>.</param>
    /// <param name="ratio">The starting ratio, output rate / input rate (above 1 plays slower, and pitches down).</param>
    /// <param name="minimumRatio">The lowest ratio <see cref="SetRatio"/> will be given; the filter's cutoff is designed
    /// for it (below 1, the band ends at <c>minimumRatio</c> of the input's Nyquist frequency).</param>
    /// <param name="maximumRatio">The highest ratio <see cref="SetRatio"/> will be given.</param>
    /// <param name="quality">Filter preset.</param>
    /// <param name="inputCapacity">See the fixed-ratio constructor.</param>
    /// <param name="rampFrames">Output frames over which a ratio change ramps linearly, 0 (jump) or more.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range, or the ratios are not ordered
    /// <c>0 &lt; minimumRatio ≤ ratio ≤ maximumRatio ≤ 256</c>.</exception>
    public static Resampler CreateVarispeed(
        int channelCount,
        double ratio,
        double minimumRatio,
        double maximumRatio,
        ResamplerQuality quality = ResamplerQuality.High,
        int inputCapacity = DefaultInputCapacity,
        int rampFrames = DefaultRampFrames)
    {
        ValidateCommon(channelCount, inputCapacity);
        ArgumentOutOfRangeException.ThrowIfNegative(rampFrames);
        if (!(minimumRatio > 0 && minimumRatio <= ratio && ratio <= maximumRatio && maximumRatio <= 256))
        {
            throw new ArgumentOutOfRangeException(nameof(ratio), "The ratios must satisfy 0 < minimumRatio <= ratio <= maximumRatio <= 256.");
        }

        _ = ResamplerPreset.For(quality);
        return new Resampler(ratio, minimumRatio, maximumRatio, channelCount, quality, inputCapacity, rampFrames);
    }

    /// <summary>
    /// Converts a whole buffer: returns <c>⌈frames · outputRate / inputRate⌉</c> frames in which frame <c>n</c> is the
    /// input at position <c>n · inputRate / outputRate</c> (no delay; silence is assumed before and after the input).
    /// </summary>
    /// <param name="input">The input, planar.</param>
    /// <param name="inputRate">Input sample rate in Hz.</param>
    /// <param name="outputRate">Output sample rate in Hz.</param>
    /// <param name="quality">Filter preset.</param>
    /// <returns>A new buffer the caller disposes. Not real-time safe: it allocates.</returns>
    public static AudioBuffer Resample(ReadOnlyAudioBlock input, int inputRate, int outputRate, ResamplerQuality quality = ResamplerQuality.High)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(input.ChannelCount, 1);
        var resampler = new Resampler(inputRate, outputRate, input.ChannelCount, quality);
        var total = (((long)input.FrameCount * outputRate) + inputRate - 1) / inputRate;
        if (total > int.MaxValue)
        {
            throw new ArgumentException("The output would exceed int.MaxValue frames.", nameof(input));
        }

        var output = new AudioBuffer(input.ChannelCount, (int)total);
        var written = 0;
        var produced = 0;
        while (produced < total)
        {
            if (written < input.FrameCount)
            {
                written += resampler.Write(input.Slice(written, input.FrameCount - written));
            }
            else
            {
                resampler.WriteSilence(resampler.FreeInputFrames);
            }

            produced += resampler.Read(output.Block.Slice(produced));
        }

        return output;
    }

    /// <summary>Appends input frames, as many as fit (<see cref="FreeInputFrames"/>).</summary>
    /// <param name="input">Planar input with <see cref="ChannelCount"/> channels.</param>
    /// <returns>The frames taken from the front of <paramref name="input"/>; the caller writes the rest after reading.</returns>
    /// <exception cref="ArgumentException">The channel count differs.</exception>
    public int Write(ReadOnlyAudioBlock input)
    {
        CheckChannels(input.ChannelCount, nameof(input));
        return _single?.Write(input) ?? _double!.Write(input);
    }

    /// <summary>Appends up to <paramref name="frames"/> frames of silence (to drain the end of a stream, or to prime
    /// for constant latency); returns how many fitted.</summary>
    /// <param name="frames">Frames of silence, 0 or more.</param>
    public int WriteSilence(int frames)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        return _single?.WriteSilence(frames) ?? _double!.WriteSilence(frames);
    }

    /// <summary>Computes output frames into <paramref name="output"/> from its first frame, as many as the input written
    /// so far allows (<see cref="AvailableOutputFrames"/>), up to its length.</summary>
    /// <param name="output">Planar output with <see cref="ChannelCount"/> channels.</param>
    /// <returns>The frames written at the front of <paramref name="output"/>.</returns>
    /// <exception cref="ArgumentException">The channel count differs.</exception>
    public int Read(AudioBlock output)
    {
        CheckChannels(output.ChannelCount, nameof(output));
        return _single?.Read(output) ?? _double!.Read(output);
    }

    /// <summary>Gets how many more input frames must be written before <paramref name="outputFrames"/> output frames
    /// can be read: exact for a fixed ratio, an upper bound for varispeed.</summary>
    /// <param name="outputFrames">Output frames wanted, 0 or more.</param>
    public long GetInputFramesNeeded(int outputFrames) =>
        _single?.InputFramesNeeded(outputFrames) ?? _double!.InputFramesNeeded(outputFrames);

    /// <summary>Sets a new varispeed ratio (output rate / input rate), reached by a linear ramp of the step between
    /// outputs. Values outside the range given at creation are clamped to it. Real-time safe.</summary>
    /// <param name="ratio">The new ratio.</param>
    /// <exception cref="InvalidOperationException">The resampler has a fixed ratio.</exception>
    public void SetRatio(double ratio)
    {
        if (!IsVarispeed)
        {
            throw new InvalidOperationException("This resampler has a fixed ratio; create it with CreateVarispeed.");
        }

        ratio = double.IsNaN(ratio) ? Ratio : Math.Clamp(ratio, _minimumRatio, _maximumRatio);
        Ratio = ratio;
        _single?.SetStep(1 / ratio);
        _double?.SetStep(1 / ratio);
    }

    /// <summary>Forgets all input (as after a locate): the next frame written is input frame 0 again, preceded by
    /// silence. A varispeed ratio keeps its target, without a ramp. Real-time safe.</summary>
    public void Reset()
    {
        _single?.Reset();
        _double?.Reset();
    }

    /// <summary>Forgets all input without priming silence: the next output sits <paramref name="phase"/> /
    /// <see cref="ReducedOutputRate"/> of a frame after input frame <c>DelayInputFrames - 1</c> of what is written next,
    /// so a positional caller writes the real frames before its start instead of silence.</summary>
    internal void ResetEmpty(int phase)
    {
        _single?.ResetEmpty(phase);
        _double?.ResetEmpty(phase);
    }

    private static void CreateVarispeedKernel(
        PolyphaseFilterDesign design,
        in ResamplerPreset preset,
        int channelCount,
        int inputCapacity,
        double step,
        int rampFrames,
        out ResamplerKernel<float>? single,
        out ResamplerKernel<double>? @double)
    {
        single = null;
        @double = null;
        if (preset.UsesDouble)
        {
            @double = new ResamplerKernel<double>(design, channelCount, inputCapacity, step, rampFrames);
        }
        else
        {
            single = new ResamplerKernel<float>(design, channelCount, inputCapacity, step, rampFrames);
        }
    }

    private static void ValidateCommon(int channelCount, int inputCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channelCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channelCount, AudioBuffer.MaxChannels);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputCapacity, 1);
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    private void CheckChannels(int channels, string paramName)
    {
        if (channels != ChannelCount)
        {
            ThrowChannelMismatch(paramName, channels, ChannelCount);
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void ThrowChannelMismatch(string paramName, int given, int expected) =>
        throw new ArgumentException($"The block has {given} channel(s) but the resampler has {expected}.", paramName);
}
