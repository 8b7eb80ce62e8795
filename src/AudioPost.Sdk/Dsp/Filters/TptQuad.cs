namespace AudioPost.Sdk.Dsp.Filters;

/// <summary>
/// Four steps of one second-order <see cref="TptSection"/> as a single affine map: from the state (s1, s2) and four
/// inputs x0..x3 to the four outputs and the state after them. Lets <see cref="TptTimeLanes"/> put four consecutive
/// frames of one channel in the lanes of a vector, with a loop-carried chain of two fused multiply-adds per four
/// frames instead of per frame.
/// </summary>
/// <remarks>
/// With A = [[S11, S12], [S21, S22]], B = (X1, X2) and O = (O1, O2): output k is O·A<sup>k</sup>·s +
/// Σ<sub>j&lt;k</sub> O·A<sup>k−1−j</sup>·B·x<sub>j</sub> + OX·x<sub>k</sub>, and the state after four steps is
/// A<sup>4</sup>·s + Σ<sub>j</sub> A<sup>3−j</sup>·B·x<sub>j</sub>. Computed in double precision.
/// </remarks>
internal readonly struct TptQuad
{
    private TptQuad(in TptSection c)
    {
        // Row vectors O·A^k, and column vectors A^k·B, for k = 0..3; A^4 for the state.
        Span<double> oa1 = stackalloc double[4];
        Span<double> oa2 = stackalloc double[4];
        Span<double> ab1 = stackalloc double[4];
        Span<double> ab2 = stackalloc double[4];
        (oa1[0], oa2[0]) = (c.O1, c.O2);
        (ab1[0], ab2[0]) = (c.X1, c.X2);
        for (var k = 1; k < 4; k++)
        {
            oa1[k] = (oa1[k - 1] * c.S11) + (oa2[k - 1] * c.S21);
            oa2[k] = (oa1[k - 1] * c.S12) + (oa2[k - 1] * c.S22);
            ab1[k] = (c.S11 * ab1[k - 1]) + (c.S12 * ab2[k - 1]);
            ab2[k] = (c.S21 * ab1[k - 1]) + (c.S22 * ab2[k - 1]);
        }

        // Output k, input j: OX on the diagonal, O·A^(k−1−j)·B below it, nothing above.
        S1 = (oa1[0], oa1[1], oa1[2], oa1[3]);
        S2 = (oa2[0], oa2[1], oa2[2], oa2[3]);
        X0 = (c.OX, Feed(oa1, oa2, c, 0), Feed(oa1, oa2, c, 1), Feed(oa1, oa2, c, 2));
        X1 = (0, c.OX, Feed(oa1, oa2, c, 0), Feed(oa1, oa2, c, 1));
        X2 = (0, 0, c.OX, Feed(oa1, oa2, c, 0));
        X3 = (0, 0, 0, c.OX);

        // A^4 = A^2·A^2, with A^2 from the section.
        var a11 = (c.S11 * c.S11) + (c.S12 * c.S21);
        var a12 = (c.S11 * c.S12) + (c.S12 * c.S22);
        var a21 = (c.S21 * c.S11) + (c.S22 * c.S21);
        var a22 = (c.S21 * c.S12) + (c.S22 * c.S22);
        M11 = (a11 * a11) + (a12 * a21);
        M12 = (a11 * a12) + (a12 * a22);
        M21 = (a21 * a11) + (a22 * a21);
        M22 = (a21 * a12) + (a22 * a22);
        E1 = (ab1[3], ab1[2], ab1[1], ab1[0]);
        E2 = (ab2[3], ab2[2], ab2[1], ab2[0]);
    }

    /// <summary>Gets the four outputs' weights of s1.</summary>
    public (double, double, double, double) S1 { get; }

    /// <summary>Gets the four outputs' weights of s2.</summary>
    public (double, double, double, double) S2 { get; }

    /// <summary>Gets the four outputs' weights of x0.</summary>
    public (double, double, double, double) X0 { get; }

    /// <summary>Gets the four outputs' weights of x1.</summary>
    public (double, double, double, double) X1 { get; }

    /// <summary>Gets the four outputs' weights of x2.</summary>
    public (double, double, double, double) X2 { get; }

    /// <summary>Gets the four outputs' weights of x3.</summary>
    public (double, double, double, double) X3 { get; }

    public double M11 { get; }

    public double M12 { get; }

    public double M21 { get; }

    public double M22 { get; }

    /// <summary>Gets the weights of x0..x3 in the next s1.</summary>
    public (double, double, double, double) E1 { get; }

    /// <summary>Gets the weights of x0..x3 in the next s2.</summary>
    public (double, double, double, double) E2 { get; }

    public static TptQuad Create(in TptSection section) => new(section);

    /// <summary>The weight of an input <paramref name="lag"/> + 1 steps before an output: O·A<sup>lag</sup>·B.</summary>
    private static double Feed(ReadOnlySpan<double> oa1, ReadOnlySpan<double> oa2, in TptSection c, int lag) =>
        (oa1[lag] * c.X1) + (oa2[lag] * c.X2);
}
