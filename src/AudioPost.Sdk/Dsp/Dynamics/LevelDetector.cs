using System.Numerics.Tensors;

namespace AudioPost.Sdk.Dsp.Dynamics;

/// <summary>
/// The level-detection stage of a dynamics processor: turns samples into a level in dB, per sample, by peak or RMS
/// (<see cref="DetectionMode"/>). One instance per detected channel.
/// </summary>
/// <remarks>
/// <para><b>Peak</b>: <c>e[n] = max(|x[n]|, a · e[n−1])</c>, an instant-attack envelope whose decay has the time
/// constant of the window; a window of 0 gives the bare <c>|x[n]|</c>. <b>RMS</b>: the mean square
/// <c>m[n] = a · m[n−1] + (1 − a) · x[n]²</c> and the level <c>10 log10 m</c>; the window is the averaging time
/// constant (see <see cref="TimeConstant"/>). Levels are floored at −160 dB, so silence gives a finite number.</para>
/// <para>Not thread-safe (one audio thread). Real-time safe: a mutable struct with no references, no allocation.</para>
/// </remarks>
public struct LevelDetector
{
    /// <summary>The lowest level reported, in dB: silence reads this rather than −∞.</summary>
    public const float FloorDb = -160f;

    private const float PeakFloor = 1e-8f;
    private const float MeanSquareFloor = 1e-16f;

    private readonly float _coefficient;
    private float _state;

    /// <summary>Creates a detector.</summary>
    /// <param name="mode">Peak or RMS.</param>
    /// <param name="windowMilliseconds">Peak decay or RMS averaging time constant, in ms, 0 or more (0: RMS becomes |x|, peak the bare sample).</param>
    /// <param name="sampleRate">The sample rate in Hz, 1 or more.</param>
    /// <exception cref="ArgumentOutOfRangeException">The window is negative or not finite, or the sample rate is below 1.</exception>
    public LevelDetector(DetectionMode mode, double windowMilliseconds, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        if (!(windowMilliseconds >= 0 && double.IsFinite(windowMilliseconds)))
        {
            throw new ArgumentOutOfRangeException(nameof(windowMilliseconds), windowMilliseconds, "Must be 0 or more and finite.");
        }

        Mode = mode;
        _coefficient = TimeConstant.Coefficient(windowMilliseconds, sampleRate);
        _state = 0f;
    }

    /// <summary>Gets the detection mode.</summary>
    public readonly DetectionMode Mode { get; }

    /// <summary>Clears the envelope (silence). Real-time safe.</summary>
    public void Reset() => _state = 0f;

    /// <summary>Gets whether the level is the instantaneous peak (peak detection without a window): a stateless, monotonic function of |x|.</summary>
    internal readonly bool IsInstantPeak => Mode == DetectionMode.Peak && _coefficient == 0f;

    /// <summary>Writes the level of each sample of <paramref name="source"/>, in dB, to <paramref name="levelDb"/>.</summary>
    /// <param name="source">The samples.</param>
    /// <param name="levelDb">At least as long as <paramref name="source"/>; may not overlap it.</param>
    /// <exception cref="ArgumentException"><paramref name="levelDb"/> is shorter than <paramref name="source"/>.</exception>
    public void Process(ReadOnlySpan<float> source, Span<float> levelDb)
    {
        if (levelDb.Length < source.Length)
        {
            throw new ArgumentException("The destination is shorter than the source.", nameof(levelDb));
        }

        var destination = levelDb.Slice(0, source.Length);
        var a = _coefficient;
        var state = _state;
        if (Mode == DetectionMode.Peak)
        {
            if (a == 0f)
            {
                TensorPrimitives.Abs(source, destination);
            }
            else
            {
                // A plain comparison, not MathF.Max: this is a loop-carried chain, and MathF.Max's NaN and signed-zero
                // rules cost several instructions on it (a NaN sample is skipped instead of sticking in the state).
                for (var i = 0; i < source.Length; i++)
                {
                    var level = MathF.Abs(source[i]);
                    var decayed = a * state;
                    state = level > decayed ? level : decayed;
                    destination[i] = state;
                }
            }

            TensorPrimitives.Max(destination, PeakFloor, destination);
            TensorPrimitives.Log10(destination, destination);
            TensorPrimitives.Multiply(destination, 20f, destination);
        }
        else
        {
            for (var i = 0; i < source.Length; i++)
            {
                var square = source[i] * source[i];
                state = square + (a * (state - square));
                destination[i] = state;
            }

            // A decaying mean square would sink into subnormal numbers, which are slow on many CPUs.
            state = state < MeanSquareFloor ? 0f : state;
            TensorPrimitives.Max(destination, MeanSquareFloor, destination);
            TensorPrimitives.Log10(destination, destination);
            TensorPrimitives.Multiply(destination, 10f, destination);
        }

        _state = state < PeakFloor * PeakFloor && Mode == DetectionMode.Peak ? 0f : state;
    }
}
