namespace AudioPost.Sdk.Dsp.Filters;

/// <summary>
/// Two consecutive frames of a second-order <see cref="TptSection"/> folded into one step: both outputs and the
/// state after the second frame, each straight from the state before the first.
/// </summary>
/// <remarks>
/// <para>With the state update <c>s' = A s + b x</c> and output <c>y = o·s + d x</c> of frame n (coefficients c)
/// and frame n + 1 (coefficients e):
/// <c>y0 = o_c·s + d_c x0</c>, <c>y1 = (o_e A_c)·s + (o_e·b_c) x0 + d_e x1</c> and
/// <c>s'' = (A_e A_c) s + (A_e b_c) x0 + b_e x1</c>.</para>
/// <para>Why: a recursive filter is bound by the latency of its state update, two dependent fused multiply-adds per
/// frame. Stepping two frames at once leaves two per pair, half the latency per frame, for a few more (independent)
/// operations. The states are still the integrators after every pair, so switching between fixed and per-frame
/// coefficients, or modulating them, behaves exactly as with single steps. The products are formed by
/// <see cref="Create"/> alone, so fixed and per-frame runs with equal coefficients give the same bits.</para>
/// </remarks>
internal readonly struct TptPair
{
    private TptPair(in TptSection c, in TptSection e)
    {
        O1 = c.O1;
        O2 = c.O2;
        OX = c.OX;
        E1 = (e.O1 * c.S11) + (e.O2 * c.S21);
        E2 = (e.O1 * c.S12) + (e.O2 * c.S22);
        F0 = (e.O1 * c.X1) + (e.O2 * c.X2);
        F1 = e.OX;
        P11 = (e.S11 * c.S11) + (e.S12 * c.S21);
        P12 = (e.S11 * c.S12) + (e.S12 * c.S22);
        P21 = (e.S21 * c.S11) + (e.S22 * c.S21);
        P22 = (e.S21 * c.S12) + (e.S22 * c.S22);
        Q1 = (e.S11 * c.X1) + (e.S12 * c.X2);
        Q2 = (e.S21 * c.X1) + (e.S22 * c.X2);
        R1 = e.X1;
        R2 = e.X2;
    }

    /// <summary>Gets the first frame's output weights: <c>y0 = O1 s1 + O2 s2 + OX x0</c>.</summary>
    public double O1 { get; }

    public double O2 { get; }

    public double OX { get; }

    /// <summary>Gets the second frame's output weights: <c>y1 = E1 s1 + E2 s2 + F0 x0 + F1 x1</c>.</summary>
    public double E1 { get; }

    public double E2 { get; }

    public double F0 { get; }

    public double F1 { get; }

    /// <summary>Gets the two-frame state update: <c>s1'' = P11 s1 + P12 s2 + Q1 x0 + R1 x1</c>, and likewise s2''.</summary>
    public double P11 { get; }

    public double P12 { get; }

    public double P21 { get; }

    public double P22 { get; }

    public double Q1 { get; }

    public double Q2 { get; }

    public double R1 { get; }

    public double R2 { get; }

    /// <summary>Folds frame n's coefficients <paramref name="first"/> and frame n + 1's <paramref name="second"/> (both second order).</summary>
    public static TptPair Create(in TptSection first, in TptSection second) => new(first, second);
}
