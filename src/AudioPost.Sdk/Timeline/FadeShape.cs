namespace AudioPost.Sdk.Timeline;

/// <summary>
/// The curve of a fade or crossfade, as a gain <c>g(x)</c> of the fade's progress <c>x</c> from 0 (silent end) to 1
/// (full level). Every shape satisfies <c>g(0) = 0</c> and <c>g(1) = 1</c>.
/// </summary>
/// <remarks>
/// In a crossfade the incoming clip takes <c>g(x)</c> and the outgoing clip <c>g(1 − x)</c>, so
/// <see cref="Linear"/> and <see cref="SCurve"/> keep the sum of two identical signals at unity amplitude, and
/// <see cref="EqualPower"/> keeps the sum of the squares at unity (the level of two unrelated signals stays even).
/// </remarks>
public enum FadeShape
{
    /// <summary><c>g(x) = x</c>: constant amplitude across a crossfade (right for identical or correlated material).</summary>
    Linear = 0,

    /// <summary><c>g(x) = sin(πx/2)</c>: constant power across a crossfade (right for unrelated material); −3 dB at the
    /// middle.</summary>
    EqualPower = 1,

    /// <summary><c>g(x) = (1 − cos πx) / 2</c>: starts and ends gently; constant amplitude across a crossfade, −6 dB at
    /// the middle.</summary>
    SCurve = 2,
}
