using AudioPost.Sdk.Automation;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;

namespace AudioPost.Sdk.Processing.Mixing;

/// <summary>
/// Sums N input ports into one bus, each through its own smoothed, automatable gain in dB.
/// </summary>
/// <remarks>
/// The bus has as many channels as its widest input. An input with as many channels feeds them
/// one to one; a mono input feeds every bus channel at its gain (as a mono track without a panner
/// does); any other count is rejected at compile time. Unconnected ports contribute nothing.
/// No latency; real-time safe.
/// </remarks>
public sealed class MixerBus : IMultiInputProcessor
{
    private readonly AudioParameter[] _gains;
    private float[] _scratch = [];

    /// <summary>Creates a bus with <paramref name="inputCount"/> ports, all at 0 dB.</summary>
    /// <param name="inputCount">Number of input ports, 1 to 4096.</param>
    public MixerBus(int inputCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(inputCount, 4096);
        _gains = new AudioParameter[inputCount];
        for (var i = 0; i < inputCount; i++)
        {
            _gains[i] = new AudioParameter($"input {i} gain", 0f, Decibels.SilenceDb, GainProcessor.MaxGainDb);
        }
    }

    /// <inheritdoc />
    public int InputCount => _gains.Length;

    /// <summary>Gets true: the bus reads each port's width per block, so tracks can be wired in and out while it plays.</summary>
    public bool AcceptsInputChangesWhilePrepared => true;

    /// <summary>Gets the gain parameter of input port <paramref name="port"/>, in dB (-144 to +24).</summary>
    public AudioParameter GetInputGain(int port) => _gains[port];

    /// <inheritdoc />
    public int GetOutputChannelCount(ReadOnlySpan<int> inputChannelCounts)
    {
        var width = 0;
        foreach (var channels in inputChannelCounts)
        {
            width = Math.Max(width, channels);
        }

        foreach (var channels in inputChannelCounts)
        {
            if (channels is not 0 and not 1 && channels != width)
            {
                throw new ArgumentException($"A bus of {width} channels cannot take an input of {channels}; feed it {width} channels or mono.", nameof(inputChannelCounts));
            }
        }

        return width;
    }

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec, ReadOnlySpan<int> inputChannelCounts)
    {
        foreach (var gain in _gains)
        {
            gain.Prepare(spec.SampleRate, spec.MaxBlockFrames);
        }

        _scratch = new float[spec.MaxBlockFrames];
    }

    /// <inheritdoc />
    public void Reset()
    {
        foreach (var gain in _gains)
        {
            gain.Reset();
        }
    }

    /// <inheritdoc />
    public void Process(in AudioInputs inputs, AudioBlock output, in ProcessContext context)
    {
        for (var port = 0; port < inputs.Count; port++)
        {
            var input = inputs[port];
            var gain = _gains[port].Process(context.TimelineFrame, output.FrameCount);
            if (input.ChannelCount == 0)
            {
                continue;
            }

            if (gain.IsConstant)
            {
                var linear = Decibels.ToGain(gain.First);
                for (var c = 0; c < output.ChannelCount; c++)
                {
                    AudioMath.MixInto(input[input.ChannelCount == 1 ? 0 : c], linear, output[c]);
                }

                continue;
            }

            var gains = _scratch.AsSpan(0, output.FrameCount);
            Decibels.ToGain(gain.Values, gains);
            for (var c = 0; c < output.ChannelCount; c++)
            {
                var source = input[input.ChannelCount == 1 ? 0 : c];
                var destination = output[c];
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(source, gains, destination, destination);
            }
        }
    }
}
