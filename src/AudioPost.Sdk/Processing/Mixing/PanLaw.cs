namespace AudioPost.Sdk.Processing.Mixing;

/// <summary>How a panner shares a mono signal between left and right; named by the level of each side at centre.</summary>
public enum PanLaw
{
    /// <summary>-3 dB at centre: <c>L = cos(θ)</c>, <c>R = sin(θ)</c>, <c>θ = (pan + 1) π / 4</c>. Constant power; the default for mixing.</summary>
    ConstantPower = 0,

    /// <summary>-6 dB at centre: <c>L = (1 - pan) / 2</c>, <c>R = (1 + pan) / 2</c>. Constant amplitude: sums to mono without a bump.</summary>
    Linear = 1,

    /// <summary>-4.5 dB at centre: the geometric mean of the constant-power and linear laws.</summary>
    Compromise = 2,

    /// <summary>0 dB at centre: each side stays at unity until the pan moves away from it (<c>L = min(1, 1 - pan)</c>).</summary>
    Balance = 3,
}
