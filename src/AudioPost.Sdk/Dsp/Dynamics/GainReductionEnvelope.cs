using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AudioPost.Sdk.Dsp.Dynamics;

/// <summary>
/// The ballistics of a compressor, in the gain-reduction (dB) domain: turns the reduction the static curve asks for
/// at each sample into the reduction applied, with a release and an attack time and an optional look-ahead. One
/// instance per detected channel.
/// </summary>
/// <remarks>
/// <para><b>Stages</b> (all in dB of reduction, <c>g</c> = the static curve's demand):</para>
/// <list type="number">
/// <item>Release: <c>r[n] = max(g[n], aR · r[n−1] + (1 − aR) · g[n])</c>: rises at once, falls with the release time,
/// so between the peaks of a steady tone it only sags by the release decay of one half-period.</item>
/// <item>Look-ahead hold (look-ahead L frames &gt; 0 only): <c>h[n] = max(r[n−L … n])</c>.</item>
/// <item>Attack: <c>y[n] = aA · y[n−1] + (1 − aA) · h[n]</c>: the one-pole that sets how fast reduction builds up.</item>
/// <item>Look-ahead ramp (L &gt; 0 only): the result is <c>max(y[n], mean(h[n−L+1 … n]))</c>. The mean is a linear
/// ramp over the look-ahead that has fully reached a demand when the sample that raised it leaves a delay of L frames,
/// so with look-ahead the audio never passes above the static curve, whatever the attack time.</item>
/// </list>
/// <para>Time constants follow <see cref="TimeConstant"/>: after a step up in demand the reduction covers 63.2 % of
/// the step in the attack time (exactly, without look-ahead); after a step down the release and attack one-poles act
/// in series, <c>y(t)/G = (τR e^(−t/τR) − τA e^(−t/τA)) / (τR − τA)</c>, which covers 63.2 % in about τR + τA.</para>
/// <para>Not thread-safe (one audio thread). Real-time safe: <see cref="Process(Span{float}, float, float)"/> and
/// <see cref="Reset"/> do not allocate; the constructor allocates the look-ahead state.</para>
/// </remarks>
public sealed class GainReductionEnvelope
{
    // Reductions under a millionth of a dB are inaudible; flushing them keeps the decay out of subnormal floats.
    private const float Negligible = 1e-6f;

    private readonly int _lookAhead;
    private readonly SlidingMaximum? _hold;
    private readonly float[] _box;
    private float _release;
    private float _attack;
    private double _boxSum;
    private int _boxPosition;

    /// <summary>Creates an envelope.</summary>
    /// <param name="lookAheadFrames">The look-ahead in frames, 0 or more: the delay the caller puts on the audio.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookAheadFrames"/> is negative.</exception>
    public GainReductionEnvelope(int lookAheadFrames = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lookAheadFrames);
        _lookAhead = lookAheadFrames;
        _hold = lookAheadFrames > 0 ? new SlidingMaximum(lookAheadFrames + 1) : null;
        _box = new float[lookAheadFrames];
    }

    /// <summary>Gets the look-ahead, in frames.</summary>
    public int LookAheadFrames => _lookAhead;

    /// <summary>Gets the reduction produced for the last sample, in dB (0 or more).</summary>
    public float CurrentReductionDb { get; private set; }

    /// <summary>Returns to no reduction. Real-time safe.</summary>
    public void Reset()
    {
        _release = 0f;
        _attack = 0f;
        _boxSum = 0;
        _boxPosition = 0;
        Array.Clear(_box);
        _hold?.Reset();
        CurrentReductionDb = 0f;
    }

    /// <summary>Replaces each demanded reduction (dB) in <paramref name="reductionDb"/> by the reduction to apply, with constant times.</summary>
    /// <param name="reductionDb">In: the static curve's demand per sample. Out: the smoothed reduction per sample.</param>
    /// <param name="attackCoefficient">The attack one-pole coefficient (<see cref="TimeConstant.Coefficient"/>), 0 to 1.</param>
    /// <param name="releaseCoefficient">The release one-pole coefficient, 0 to 1.</param>
    public void Process(Span<float> reductionDb, float attackCoefficient, float releaseCoefficient)
    {
        if (_hold is null)
        {
            ProcessWithoutLookAhead(reductionDb, attackCoefficient, releaseCoefficient);
            return;
        }

        for (var i = 0; i < reductionDb.Length; i++)
        {
            reductionDb[i] = Step(reductionDb[i], attackCoefficient, releaseCoefficient);
        }
    }

    /// <summary>As <see cref="Process(Span{float}, float, float)"/>, with per-sample coefficients (automated times).</summary>
    /// <param name="reductionDb">In: demand; out: reduction to apply, in dB.</param>
    /// <param name="attackCoefficients">One attack coefficient per sample, at least as many as <paramref name="reductionDb"/>.</param>
    /// <param name="releaseCoefficients">One release coefficient per sample, at least as many as <paramref name="reductionDb"/>.</param>
    /// <exception cref="ArgumentException">A coefficient span is too short.</exception>
    public void Process(Span<float> reductionDb, ReadOnlySpan<float> attackCoefficients, ReadOnlySpan<float> releaseCoefficients)
    {
        if (attackCoefficients.Length < reductionDb.Length || releaseCoefficients.Length < reductionDb.Length)
        {
            throw new ArgumentException("One attack and one release coefficient are needed per sample.", nameof(attackCoefficients));
        }

        for (var i = 0; i < reductionDb.Length; i++)
        {
            reductionDb[i] = Step(reductionDb[i], attackCoefficients[i], releaseCoefficients[i]);
        }
    }

    /// <summary>
    /// The release and attack one-poles alone, with the same arithmetic as <see cref="Step"/>. The states live in locals
    /// for the whole block and the maximum is a plain comparison: each sample's result waits on the previous one, so
    /// a field round trip or <see cref="MathF.Max(float, float)"/>'s NaN and signed-zero handling (several
    /// instructions) on that chain would multiply the cost per sample.
    /// </summary>
    /// <summary>
    /// Takes <paramref name="leader"/>'s state, so that this envelope continues exactly where it is: how a fully linked
    /// compressor keeps its unused envelopes in step. Both envelopes must be without look-ahead. Real-time safe.
    /// </summary>
    internal void FollowWithoutLookAhead(GainReductionEnvelope leader)
    {
        _release = leader._release;
        _attack = leader._attack;
        CurrentReductionDb = leader.CurrentReductionDb;
    }

    private void ProcessWithoutLookAhead(Span<float> values, float attack, float release)
    {
        if (values.IsEmpty)
        {
            return;
        }

        var r = _release;
        var y = _attack;
        ref var v = ref MemoryMarshal.GetReference(values);
        for (var i = 0; i < values.Length; i++)
        {
            var demand = Unsafe.Add(ref v, i);
            var decayed = demand + (release * (r - demand));
            r = decayed > demand ? decayed : demand;
            r = r < Negligible ? 0f : r;
            var smoothed = r + (attack * (y - r));
            y = smoothed < Negligible ? 0f : smoothed;
            Unsafe.Add(ref v, i) = y;
        }

        _release = r;
        _attack = y;
        CurrentReductionDb = y;
    }

    private float Step(float demand, float attack, float release)
    {
        var r = demand + (release * (_release - demand));
        r = r > demand ? r : demand;
        _release = r < Negligible ? 0f : r;
        if (_hold is null)
        {
            var y = _release + (attack * (_attack - _release));
            _attack = y < Negligible ? 0f : y;
            CurrentReductionDb = _attack;
            return _attack;
        }

        var held = _hold.Push(_release);
        var smoothed = held + (attack * (_attack - held));
        _attack = smoothed < Negligible ? 0f : smoothed;
        _boxSum += held - _box[_boxPosition];
        _box[_boxPosition] = held;
        if (++_boxPosition == _lookAhead)
        {
            // Re-sum once per lap (amortised O(1)) so rounding in the running sum cannot drift over hours of audio.
            _boxPosition = 0;
            _boxSum = 0;
            foreach (var value in _box)
            {
                _boxSum += value;
            }
        }

        var ramp = (float)(_boxSum / _lookAhead);
        var result = _attack > ramp ? _attack : ramp;
        CurrentReductionDb = result;
        return result;
    }
}
