using AudioPost.Sdk.Dsp.Dynamics;

namespace AudioPost.Sdk.Processing.Dynamics;

/// <summary>
/// The one-pole coefficients of an attack and a release time, recomputed only when a time changes (an exp per
/// change instead of per block). Shared by <see cref="CompressorProcessor"/> and <see cref="DeEsserProcessor"/>.
/// </summary>
/// <remarks>A mutable struct: keep it in a field and call it in place. Real-time safe.</remarks>
internal struct AttackReleaseCoefficients
{
    private float _attackMs;
    private float _releaseMs;

    /// <summary>Gets coefficients that any time will replace (as after Prepare).</summary>
    public static AttackReleaseCoefficients Unset => new() { _attackMs = float.NaN, _releaseMs = float.NaN };

    /// <summary>Gets the attack coefficient (<see cref="TimeConstant"/> convention).</summary>
    public float Attack { get; private set; }

    /// <summary>Gets the release coefficient (<see cref="TimeConstant"/> convention).</summary>
    public float Release { get; private set; }

    /// <summary>Brings the coefficients up to date with the times, in ms, at <paramref name="sampleRate"/> Hz.</summary>
    public void Update(float attackMs, float releaseMs, int sampleRate)
    {
        if (attackMs != _attackMs)
        {
            _attackMs = attackMs;
            Attack = TimeConstant.Coefficient(attackMs, sampleRate);
        }

        if (releaseMs != _releaseMs)
        {
            _releaseMs = releaseMs;
            Release = TimeConstant.Coefficient(releaseMs, sampleRate);
        }
    }
}
