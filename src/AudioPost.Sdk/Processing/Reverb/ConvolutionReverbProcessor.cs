using AudioPost.Sdk.Automation;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.Dsp.Fourier;

namespace AudioPost.Sdk.Processing.Reverb;

/// <summary>
/// Convolves the input with a sampled impulse response (a room, a plate, a cabinet): uniformly partitioned
/// FFT convolution (overlap-save with a frequency-domain delay line), with exactly one partition of latency.
/// </summary>
/// <remarks>
/// <para><b>Channels.</b> The impulse response's channel count and the input's decide the routing:</para>
/// <list type="table">
/// <listheader><term>IR channels, input channels</term><description>Output</description></listheader>
/// <item><term>1, any n</term><description>n channels, each convolved with the one IR.</description></item>
/// <item><term>n, n</term><description>n channels, channel c convolved with IR channel c (a stereo IR on a stereo input is per channel).</description></item>
/// <item><term>n, 1</term><description>n channels from one: output c is the input convolved with IR channel c (mono to stereo).</description></item>
/// <item><term>4, 2</term><description>True stereo: IR channels are L→L, L→R, R→L, R→R; out L = L∗IR0 + R∗IR2, out R = L∗IR1 + R∗IR3.</description></item>
/// </list>
/// <para>Other combinations are rejected by <see cref="GetOutputChannelCount"/>. The IR must be at the
/// stream's sample rate (resample it first); it is used as given, without normalisation.</para>
/// <para><b>Latency.</b> <see cref="LatencyFrames"/> = <see cref="PartitionFrames"/>: by default the smallest
/// FFT-friendly size (factors 2, 3, 5) at or above the prepared maximum block, so exactly one block at
/// the usual block sizes (64, 128, 256, 480, 512...). Any host block size works, smaller or larger than a
/// partition: the latency stays the same. The dry signal is delayed with the wet one, so they stay aligned.</para>
/// <para><b>Output.</b> <c>out = gain · (wet · (x ∗ h) + dry · x)</c>, delayed by the latency, with
/// <see cref="Wet"/>, <see cref="Dry"/> and <see cref="Gain"/> in dB, smoothed and automatable. The defaults
/// (wet 0 dB, dry off) suit an auxiliary send.</para>
/// <para><b>Cost.</b> Each partition costs one real FFT per input channel, one inverse per output channel,
/// and a complex multiply-add over the whole IR per path, so the work per sample grows with the IR length
/// and falls with the partition size. Memory is about 16 bytes per IR sample per path plus 8 per IR sample
/// per input channel. A 10 s IR at 48 kHz in stereo is well inside real time (see docs/benchmarks.md).</para>
/// <para>Real-time safe: Process and Reset neither allocate nor lock; the constructor and Prepare allocate.
/// The work is done in the block that completes a partition.</para>
/// </remarks>
public sealed class ConvolutionReverbProcessor : IAudioProcessor
{
    private readonly float[][] _impulse;
    private readonly int _requestedPartition;
    private RealFft? _fft;
    private Path[] _paths = [];
    private int[] _drySource = [];
    private float[][] _inputFrames = [];
    private float[][] _delayLines = [];
    private float[][] _outputs = [];
    private float[] _accumulator = [];
    private float[] _spectrum = [];
    private float[] _time = [];
    private float[] _wet = [];
    private float[] _dry = [];
    private float[] _gain = [];
    private int _partition;
    private int _partitions;
    private int _bins;
    private int _stride;
    private int _inputs;
    private int _fill;
    private int _head;

    /// <summary>Creates a convolution reverb.</summary>
    /// <param name="impulseResponse">The IR, one array per channel (1, n, or 4 for true stereo), all the same length, 1 frame to 2^24 frames; copied.</param>
    /// <param name="partitionFrames">Partition size in frames, 0 (default) for the smallest FFT-friendly size at or above the
    /// maximum block; otherwise 16 to 65,536 with no prime factor other than 2, 3 and 5. It is the latency.</param>
    /// <exception cref="ArgumentException">The IR is empty, its channels differ in length, or a sample is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="partitionFrames"/> is not supported.</exception>
    public ConvolutionReverbProcessor(float[][] impulseResponse, int partitionFrames = 0)
    {
        ArgumentNullException.ThrowIfNull(impulseResponse);
        if (impulseResponse.Length == 0 || impulseResponse[0] is null || impulseResponse[0].Length == 0)
        {
            throw new ArgumentException("The impulse response needs at least one channel of one frame.", nameof(impulseResponse));
        }

        var length = impulseResponse[0].Length;
        if (length > 1 << 24)
        {
            throw new ArgumentException($"An impulse response of {length} frames is longer than the 2^24 supported.", nameof(impulseResponse));
        }

        foreach (var channel in impulseResponse)
        {
            if (channel is null || channel.Length != length)
            {
                throw new ArgumentException("Every impulse-response channel must have the same length.", nameof(impulseResponse));
            }

            foreach (var sample in channel)
            {
                if (!float.IsFinite(sample))
                {
                    throw new ArgumentException("The impulse response holds a NaN or infinite sample.", nameof(impulseResponse));
                }
            }
        }

        if (partitionFrames != 0 && (partitionFrames < 16 || partitionFrames > 65_536 || !ComplexFft.IsSupportedSize(partitionFrames)))
        {
            throw new ArgumentOutOfRangeException(nameof(partitionFrames), partitionFrames, "A partition must be 16 to 65,536 frames with no prime factor other than 2, 3 and 5, or 0 for automatic.");
        }

        _impulse = Array.ConvertAll(impulseResponse, channel => (float[])channel.Clone());
        _requestedPartition = partitionFrames;
        Wet = new AudioParameter("wet", 0f, Decibels.SilenceDb, 12f);
        Dry = new AudioParameter("dry", Decibels.SilenceDb, Decibels.SilenceDb, 12f);
        Gain = new AudioParameter("gain", 0f, Decibels.SilenceDb, 24f);
    }

    /// <summary>Gets the level of the convolved signal, in dB (−144 = off, to +12); default 0.</summary>
    public AudioParameter Wet { get; }

    /// <summary>Gets the level of the unprocessed (but latency-aligned) signal, in dB (−144 = off, to +12); default off.</summary>
    public AudioParameter Dry { get; }

    /// <summary>Gets the output gain applied to wet plus dry, in dB (−144 to +24); default 0.</summary>
    public AudioParameter Gain { get; }

    /// <summary>Gets the impulse response's length in frames.</summary>
    public int ImpulseFrames => _impulse[0].Length;

    /// <summary>Gets the impulse response's channel count.</summary>
    public int ImpulseChannels => _impulse.Length;

    /// <summary>Gets the partition size in frames after <see cref="Prepare"/> (0 before).</summary>
    public int PartitionFrames => _partition;

    /// <inheritdoc />
    public int LatencyFrames => _partition;

    /// <inheritdoc />
    public int TailFrames => ImpulseFrames;

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The IR's channels cannot be routed from that many inputs (see the class remarks).</exception>
    public int GetOutputChannelCount(int inputChannelCount)
    {
        var ir = _impulse.Length;
        if (inputChannelCount >= 1 && (ir == 1 || ir == inputChannelCount))
        {
            return inputChannelCount;
        }

        if (inputChannelCount == 1 || (inputChannelCount == 2 && ir == 4))
        {
            return inputChannelCount == 1 ? ir : 2;
        }

        throw new ArgumentOutOfRangeException(nameof(inputChannelCount), inputChannelCount,
            $"An impulse response of {ir} channels takes 1 input, {ir} inputs{(ir == 1 ? " or any number" : string.Empty)}{(ir == 4 ? ", or 2 (true stereo)" : string.Empty)}.");
    }

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
        var outputs = GetOutputChannelCount(spec.ChannelCount);
        _inputs = spec.ChannelCount;
        _partition = _requestedPartition != 0 ? _requestedPartition : ComplexFft.NextSupportedSize(Math.Max(16, spec.MaxBlockFrames));
        _fft = new RealFft(2 * _partition);
        _bins = _partition + 1;
        _stride = (_bins + 15) & ~15;
        _partitions = (ImpulseFrames + _partition - 1) / _partition;
        _drySource = new int[outputs];
        for (var o = 0; o < outputs; o++)
        {
            _drySource[o] = _inputs == 1 ? 0 : o;
        }

        _inputFrames = NewArrays(_inputs, 2 * _partition);
        _delayLines = NewArrays(_inputs, 2 * _stride * _partitions);
        _outputs = NewArrays(outputs, _partition);
        _accumulator = new float[2 * _stride * outputs];
        _spectrum = new float[_fft.SpectrumLength];
        _time = new float[2 * _partition];
        _paths = BuildPaths(_inputs, outputs);
        _wet = new float[spec.MaxBlockFrames];
        _dry = new float[spec.MaxBlockFrames];
        _gain = new float[spec.MaxBlockFrames];
        Wet.Prepare(spec.SampleRate, spec.MaxBlockFrames);
        Dry.Prepare(spec.SampleRate, spec.MaxBlockFrames);
        Gain.Prepare(spec.SampleRate, spec.MaxBlockFrames);
        _fill = 0;
        _head = 0;
    }

    /// <inheritdoc />
    public void Reset()
    {
        ClearAll(_inputFrames);
        ClearAll(_delayLines);
        ClearAll(_outputs);
        _fill = 0;
        _head = 0;
        Wet.Reset();
        Dry.Reset();
        Gain.Reset();
    }

    /// <inheritdoc />
    public void Process(AudioBlock buffer, in ProcessContext context)
    {
        if (_fft is null)
        {
            return;
        }

        var frames = buffer.FrameCount;
        var wet = Levels(Wet, context.TimelineFrame, frames, _wet);
        var dry = Levels(Dry, context.TimelineFrame, frames, _dry);
        var gain = Levels(Gain, context.TimelineFrame, frames, _gain);
        var position = 0;
        while (position < frames)
        {
            var run = Math.Min(frames - position, _partition - _fill);

            // All inputs are copied before any output is written: an output channel may be an input's memory.
            for (var c = 0; c < _inputs; c++)
            {
                buffer[c].Slice(position, run).CopyTo(_inputFrames[c].AsSpan(_partition + _fill, run));
            }

            for (var o = 0; o < _outputs.Length; o++)
            {
                // Wet and dry both come one partition late: the previous partition's output and input.
                var target = buffer[o].Slice(position, run);
                var wetSamples = _outputs[o].AsSpan(_fill, run);
                var drySamples = _inputFrames[_drySource[o]].AsSpan(_fill, run);
                for (var i = 0; i < run; i++)
                {
                    var k = position + i;
                    target[i] = gain[k] * ((wet[k] * wetSamples[i]) + (dry[k] * drySamples[i]));
                }
            }

            _fill += run;
            position += run;
            if (_fill == _partition)
            {
                ConvolvePartition(_fft);
                _fill = 0;
            }
        }
    }

    private void ConvolvePartition(RealFft fft)
    {
        var p = _partition;
        var slotLength = 2 * _stride;
        _head = _head == 0 ? _partitions - 1 : _head - 1;
        for (var c = 0; c < _inputs; c++)
        {
            // Overlap-save: transform the last two partitions of input, keep the newest for next time.
            var frame = _inputFrames[c];
            fft.Forward(frame, _spectrum);
            var slot = _delayLines[c].AsSpan(_head * slotLength, slotLength);
            SplitComplex.Deinterleave(_spectrum, _bins, slot.Slice(0, _stride), slot.Slice(_stride));
            frame.AsSpan(p, p).CopyTo(frame);
        }

        Array.Clear(_accumulator);
        foreach (var path in _paths)
        {
            var line = _delayLines[path.Input];
            var accRe = _accumulator.AsSpan(path.Output * slotLength, _stride);
            var accIm = _accumulator.AsSpan((path.Output * slotLength) + _stride, _stride);
            var slot = _head;
            for (var j = 0; j < _partitions; j++)
            {
                var x = line.AsSpan(slot * slotLength, slotLength);
                var h = path.Spectra.AsSpan(j * slotLength, slotLength);
                SplitComplex.MultiplyAccumulate(x.Slice(0, _stride), x.Slice(_stride), h.Slice(0, _stride), h.Slice(_stride), accRe, accIm);
                if (++slot == _partitions)
                {
                    slot = 0;
                }
            }
        }

        for (var o = 0; o < _outputs.Length; o++)
        {
            var acc = _accumulator.AsSpan(o * slotLength, slotLength);
            SplitComplex.Interleave(acc.Slice(0, _stride), acc.Slice(_stride), _bins, _spectrum);
            fft.Inverse(_spectrum, _time);

            // The first half of the circular result is wrapped around; the second half is the linear convolution.
            _time.AsSpan(p, p).CopyTo(_outputs[o]);
        }
    }

    private Path[] BuildPaths(int inputs, int outputs)
    {
        var ir = _impulse.Length;
        if (inputs == 2 && ir == 4)
        {
            return [Spectra(0, 0, 0), Spectra(0, 1, 1), Spectra(1, 2, 0), Spectra(1, 3, 1)];
        }

        var paths = new Path[outputs];
        for (var o = 0; o < outputs; o++)
        {
            paths[o] = Spectra(inputs == 1 ? 0 : o, ir == 1 ? 0 : o, o);
        }

        return paths;
    }

    /// <summary>The IR channel's partitions, each zero-padded to 2P and transformed (split layout).</summary>
    private Path Spectra(int input, int irChannel, int output)
    {
        var p = _partition;
        var slotLength = 2 * _stride;
        var spectra = new float[slotLength * _partitions];
        var source = _impulse[irChannel];
        for (var j = 0; j < _partitions; j++)
        {
            Array.Clear(_time);
            var count = Math.Min(p, source.Length - (j * p));
            source.AsSpan(j * p, count).CopyTo(_time);
            _fft!.Forward(_time, _spectrum);
            var slot = spectra.AsSpan(j * slotLength, slotLength);
            SplitComplex.Deinterleave(_spectrum, _bins, slot.Slice(0, _stride), slot.Slice(_stride));
        }

        return new Path(input, output, spectra);
    }

    private static ReadOnlySpan<float> Levels(AudioParameter parameter, long frame, int frames, float[] gains)
    {
        var decibels = parameter.Process(frame, frames);
        var destination = gains.AsSpan(0, frames);
        if (decibels.IsConstant)
        {
            destination.Fill(Decibels.ToGain(decibels.First));
        }
        else
        {
            Decibels.ToGain(decibels.Values, destination);
        }

        return destination;
    }

    private static float[][] NewArrays(int count, int length)
    {
        var arrays = new float[count][];
        for (var i = 0; i < count; i++)
        {
            arrays[i] = new float[length];
        }

        return arrays;
    }

    private static void ClearAll(float[][] arrays)
    {
        foreach (var array in arrays)
        {
            Array.Clear(array);
        }
    }

    private sealed record Path(int Input, int Output, float[] Spectra);
}
