using AudioPost.Sdk.Automation;
using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Processing.Mixing;

/// <summary>
/// Places a mono signal in a stereo field, or balances a stereo one. Mono in, stereo out, by the
/// chosen <see cref="PanLaw"/>; stereo in, each side scaled by the law relative to its centre
/// value and capped at unity, so centre leaves the signal untouched. No latency; real-time safe.
/// </summary>
public sealed class PanProcessor : IAudioProcessor
{
    private int _inputChannels;

    /// <summary>Creates a panner.</summary>
    /// <param name="pan">Initial position, -1 (left) to +1 (right); 0 is centre.</param>
    /// <param name="law">The pan law; constant power (-3 dB) by default.</param>
    public PanProcessor(float pan = 0f, PanLaw law = PanLaw.ConstantPower)
    {
        if (!Enum.IsDefined(law))
        {
            throw new ArgumentOutOfRangeException(nameof(law), law, "Unknown pan law.");
        }

        Pan = new AudioParameter("pan", pan, -1f, 1f);
        Law = law;
    }

    /// <summary>Gets the position parameter, -1 (left) to +1 (right).</summary>
    public AudioParameter Pan { get; }

    /// <summary>Gets the pan law.</summary>
    public PanLaw Law { get; }

    /// <summary>Gets the left and right gains (linear) the law gives a mono source at <paramref name="pan"/>.</summary>
    public static (float Left, float Right) GetGains(PanLaw law, float pan)
    {
        pan = Math.Clamp(pan, -1f, 1f);
        switch (law)
        {
            case PanLaw.Linear:
                return ((1f - pan) * 0.5f, (1f + pan) * 0.5f);
            case PanLaw.Compromise:
                var (cl, cr) = GetGains(PanLaw.ConstantPower, pan);
                return (MathF.Sqrt(cl * (1f - pan) * 0.5f), MathF.Sqrt(cr * (1f + pan) * 0.5f));
            case PanLaw.Balance:
                return (Math.Min(1f, 1f - pan), Math.Min(1f, 1f + pan));
            default:
                var angle = (pan + 1f) * MathF.PI / 4f;
                return (MathF.Cos(angle), MathF.Sin(angle));
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The input is not mono or stereo.</exception>
    public int GetOutputChannelCount(int inputChannelCount) => inputChannelCount is 1 or 2
        ? 2
        : throw new ArgumentOutOfRangeException(nameof(inputChannelCount), inputChannelCount, "A stereo panner takes 1 or 2 channels.");

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
        _inputChannels = spec.ChannelCount;
        Pan.Prepare(spec.SampleRate, spec.MaxBlockFrames);
    }

    /// <inheritdoc />
    public void Reset() => Pan.Reset();

    /// <inheritdoc />
    public void Process(AudioBlock buffer, in ProcessContext context)
    {
        var pan = Pan.Process(context.TimelineFrame, buffer.FrameCount);
        var left = buffer[0];
        var right = buffer[1];
        var (centreLeft, centreRight) = GetGains(Law, 0f);
        var mono = _inputChannels == 1;
        if (pan.IsConstant)
        {
            var (l, r) = SideGains(pan.First, mono, centreLeft, centreRight);
            if (mono)
            {
                Dsp.AudioMath.ApplyGain(left, r, right);
            }
            else if (r != 1f)
            {
                Dsp.AudioMath.ApplyGain(right, r, right);
            }

            // A unity side (a centred balance, the common case) is left as it is: x · 1 is x.
            if (l != 1f)
            {
                Dsp.AudioMath.ApplyGain(left, l, left);
            }

            return;
        }

        for (var i = 0; i < buffer.FrameCount; i++)
        {
            var (l, r) = SideGains(pan[i], mono, centreLeft, centreRight);
            var sourceRight = mono ? left[i] : right[i];
            right[i] = sourceRight * r;
            left[i] *= l;
        }
    }

    private (float Left, float Right) SideGains(float pan, bool mono, float centreLeft, float centreRight)
    {
        var (l, r) = GetGains(Law, pan);
        return mono ? (l, r) : (Math.Min(1f, l / centreLeft), Math.Min(1f, r / centreRight));
    }
}
