using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Processing.Mixing;

// Downmix and upmix presets. Each is built from channel roles, so it works for any channel order.
public sealed partial class ChannelMatrix
{
    /// <summary>
    /// ITU-R BS.775 5.1 → 2.0 (Lo/Ro): <c>Lo = L + c·C + s·Ls + e·LFE</c>, <c>Ro = R + c·C + s·Rs + e·LFE</c>.
    /// </summary>
    /// <remarks>
    /// BS.775-3 Table 2 gives c = s = 1/√2 (−3 dB) and leaves the LFE out (e = 0), which are the defaults. The result is
    /// not normalised: a full-scale signal on every channel can exceed full scale in Lo/Ro; limit or lower the
    /// coefficients if that matters. The surrounds are the side pair of a 5.1, or the back pair of a "5.1-back".
    /// </remarks>
    /// <param name="from">The 5.x layout (default <see cref="ChannelLayout.Surround51"/>); needs L, R, C and a surround pair.</param>
    /// <param name="center">Linear gain of C into each side, 0 to 4; default 1/√2.</param>
    /// <param name="surround">Linear gain of Ls into Lo and Rs into Ro, 0 to 4; default 1/√2.</param>
    /// <param name="lfe">Linear gain of LFE into each side, 0 to 4; default 0 (BS.775 drops it).</param>
    /// <exception cref="ArgumentException"><paramref name="from"/> lacks a needed role.</exception>
    public static ChannelMatrix Downmix51ToStereo(ChannelLayout? from = null, float center = MinusThreeDb, float surround = MinusThreeDb, float lfe = 0f)
    {
        from ??= ChannelLayout.Surround51;
        var (surroundLeft, surroundRight) = SurroundPair(from);
        var builder = new RoleMatrix(from, ChannelLayout.Stereo);
        builder.Set(ChannelRole.FrontLeft, ChannelRole.FrontLeft, 1f);
        builder.Set(ChannelRole.FrontRight, ChannelRole.FrontRight, 1f);
        builder.Set(ChannelRole.FrontLeft, ChannelRole.FrontCenter, Coefficient(center));
        builder.Set(ChannelRole.FrontRight, ChannelRole.FrontCenter, Coefficient(center));
        builder.Set(ChannelRole.FrontLeft, surroundLeft, Coefficient(surround));
        builder.Set(ChannelRole.FrontRight, surroundRight, Coefficient(surround));
        builder.SetIfPresent(ChannelRole.FrontLeft, ChannelRole.LowFrequency, Coefficient(lfe));
        builder.SetIfPresent(ChannelRole.FrontRight, ChannelRole.LowFrequency, Coefficient(lfe));
        return builder.Build();
    }

    /// <summary>
    /// 7.1 → 5.1: L, R, C and LFE pass; each 5.1 surround is <c>side·Lss + back·Lrs</c> (and mirrored).
    /// </summary>
    /// <remarks>
    /// BS.775 does not define this fold. The defaults, −3 dB for both pairs, keep the power of uncorrelated surround
    /// content (ambience, reverb) and put a source panned between a side and a rear speaker at the same level as
    /// either alone.
    /// </remarks>
    /// <param name="from">The 7.1 layout (default <see cref="ChannelLayout.Surround71"/>): L R C LFE with side and back pairs.</param>
    /// <param name="side">Linear gain of the side pair, 0 to 4; default 1/√2.</param>
    /// <param name="back">Linear gain of the back (rear) pair, 0 to 4; default 1/√2.</param>
    /// <exception cref="ArgumentException"><paramref name="from"/> lacks a needed role.</exception>
    public static ChannelMatrix Downmix71To51(ChannelLayout? from = null, float side = MinusThreeDb, float back = MinusThreeDb)
    {
        from ??= ChannelLayout.Surround71;
        var builder = new RoleMatrix(from, ChannelLayout.Surround51);
        builder.Set(ChannelRole.FrontLeft, ChannelRole.FrontLeft, 1f);
        builder.Set(ChannelRole.FrontRight, ChannelRole.FrontRight, 1f);
        builder.Set(ChannelRole.FrontCenter, ChannelRole.FrontCenter, 1f);
        builder.SetIfPresent(ChannelRole.LowFrequency, ChannelRole.LowFrequency, 1f);
        builder.Set(ChannelRole.SideLeft, ChannelRole.SideLeft, Coefficient(side));
        builder.Set(ChannelRole.SideRight, ChannelRole.SideRight, Coefficient(side));
        builder.Set(ChannelRole.SideLeft, ChannelRole.BackLeft, Coefficient(back));
        builder.Set(ChannelRole.SideRight, ChannelRole.BackRight, Coefficient(back));
        return builder.Build();
    }

    /// <summary>
    /// 7.1.4 → 7.1: the ear-level channels pass; each height channel folds into the ear-level speaker below it at
    /// <paramref name="top"/> (Ltf → L, Rtf → R, Ltr → Lrs, Rtr → Rrs).
    /// </summary>
    /// <param name="top">Linear gain of the height channels, 0 to 4; default 1/√2.</param>
    public static ChannelMatrix Downmix714To71(float top = MinusThreeDb)
    {
        var builder = new RoleMatrix(ChannelLayout.Surround714, ChannelLayout.Surround71);
        foreach (var role in ChannelLayout.Surround71.Roles)
        {
            builder.Set(role, role, 1f);
        }

        builder.Set(ChannelRole.FrontLeft, ChannelRole.TopFrontLeft, Coefficient(top));
        builder.Set(ChannelRole.FrontRight, ChannelRole.TopFrontRight, Coefficient(top));
        builder.Set(ChannelRole.BackLeft, ChannelRole.TopBackLeft, Coefficient(top));
        builder.Set(ChannelRole.BackRight, ChannelRole.TopBackRight, Coefficient(top));
        return builder.Build();
    }

    /// <summary>
    /// 5.1 → mono: <c>M = f·(L + R) + c·C + s·(Ls + Rs) + e·LFE</c>; the defaults (f = 1/√2, c = 1, s = 1/2, e = 0) are
    /// the BS.775 stereo downmix folded to mono at −3 dB, so a centre-only programme keeps its level.
    /// </summary>
    /// <param name="from">The 5.x layout (default <see cref="ChannelLayout.Surround51"/>).</param>
    /// <param name="front">Linear gain of L and R, 0 to 4.</param>
    /// <param name="center">Linear gain of C, 0 to 4.</param>
    /// <param name="surround">Linear gain of each surround, 0 to 4.</param>
    /// <param name="lfe">Linear gain of the LFE, 0 to 4.</param>
    public static ChannelMatrix Downmix51ToMono(ChannelLayout? from = null, float front = MinusThreeDb, float center = 1f, float surround = 0.5f, float lfe = 0f)
    {
        from ??= ChannelLayout.Surround51;
        var (surroundLeft, surroundRight) = SurroundPair(from);
        var builder = new RoleMatrix(from, ChannelLayout.Mono);
        builder.Set(ChannelRole.Mono, ChannelRole.FrontLeft, Coefficient(front));
        builder.Set(ChannelRole.Mono, ChannelRole.FrontRight, Coefficient(front));
        builder.Set(ChannelRole.Mono, ChannelRole.FrontCenter, Coefficient(center));
        builder.Set(ChannelRole.Mono, surroundLeft, Coefficient(surround));
        builder.Set(ChannelRole.Mono, surroundRight, Coefficient(surround));
        builder.SetIfPresent(ChannelRole.Mono, ChannelRole.LowFrequency, Coefficient(lfe));
        return builder.Build();
    }

    /// <summary>
    /// A simple passive stereo → 5.1 upmix: <c>L' = L</c>, <c>R' = R</c>, <c>C = c·(L + R)</c>, <c>Ls = s·L</c>,
    /// <c>Rs = s·R</c>, LFE silent. No decorrelation or steering: ambience in the surrounds is the front signal, lower.
    /// </summary>
    /// <param name="to">The 5.x or 7.x layout to fill (default <see cref="ChannelLayout.Surround51"/>); the surrounds are its
    /// side pair, or its back pair when it has no sides.</param>
    /// <param name="center">Linear gain of L and R into C, 0 to 4; default 0.5 (the mono sum at −6 dB).</param>
    /// <param name="surround">Linear gain of L into Ls and R into Rs, 0 to 4; default 0.5 (−6 dB).</param>
    public static ChannelMatrix UpmixStereoTo51(ChannelLayout? to = null, float center = 0.5f, float surround = 0.5f)
    {
        to ??= ChannelLayout.Surround51;
        var (surroundLeft, surroundRight) = SurroundPair(to);
        var builder = new RoleMatrix(ChannelLayout.Stereo, to);
        builder.Set(ChannelRole.FrontLeft, ChannelRole.FrontLeft, 1f);
        builder.Set(ChannelRole.FrontRight, ChannelRole.FrontRight, 1f);
        builder.Set(ChannelRole.FrontCenter, ChannelRole.FrontLeft, Coefficient(center));
        builder.Set(ChannelRole.FrontCenter, ChannelRole.FrontRight, Coefficient(center));
        builder.Set(surroundLeft, ChannelRole.FrontLeft, Coefficient(surround));
        builder.Set(surroundRight, ChannelRole.FrontRight, Coefficient(surround));
        return builder.Build();
    }

    /// <summary>
    /// Picks the conversion from <paramref name="from"/> to <paramref name="to"/>: identity for equal layouts; the
    /// presets above (chained, so 7.1.4 → 2.0 is 7.1.4 → 7.1 → 5.1 → 2.0) for downmixes; mono to C (or to L and R at
    /// −3 dB); stereo to mono at −3 dB per side; the stereo upmix into 5.x/7.x; otherwise <see cref="Remap"/> by role.
    /// </summary>
    public static ChannelMatrix Convert(ChannelLayout from, ChannelLayout to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (from.Equals(to))
        {
            var identity = Identity(from.Count);
            return new ChannelMatrix(identity.InputCount, identity.OutputCount, identity._gains, from, to);
        }

        if (from.Count == 1)
        {
            var builder = new RoleMatrix(from, to);
            var mono = from[0];
            if (Has(to, ChannelRole.FrontCenter) || Has(to, ChannelRole.Mono))
            {
                builder.Set(Has(to, ChannelRole.Mono) ? ChannelRole.Mono : ChannelRole.FrontCenter, mono, 1f);
            }
            else if (Has(to, ChannelRole.FrontLeft) && Has(to, ChannelRole.FrontRight))
            {
                builder.Set(ChannelRole.FrontLeft, mono, MinusThreeDb);
                builder.Set(ChannelRole.FrontRight, mono, MinusThreeDb);
            }
            else
            {
                return Remap(from, to);
            }

            return builder.Build();
        }

        if (from.Equals(ChannelLayout.Surround714) && !Has(to, ChannelRole.TopFrontLeft))
        {
            return Downmix714To71().Then(Convert(ChannelLayout.Surround71, to));
        }

        var hasSides = Has(from, ChannelRole.SideLeft) && Has(from, ChannelRole.SideRight);
        var hasBacks = Has(from, ChannelRole.BackLeft) && Has(from, ChannelRole.BackRight);
        var isFiveOrSeven = Has(from, ChannelRole.FrontLeft) && Has(from, ChannelRole.FrontRight) && Has(from, ChannelRole.FrontCenter) && (hasSides || hasBacks);
        if (isFiveOrSeven && hasSides && hasBacks && !(Has(to, ChannelRole.BackLeft) && Has(to, ChannelRole.SideLeft)))
        {
            return Downmix71To51(from).Then(Convert(ChannelLayout.Surround51, to));
        }

        if (isFiveOrSeven && to.Equals(ChannelLayout.Stereo))
        {
            return Downmix51ToStereo(from);
        }

        if (isFiveOrSeven && to.Count == 1)
        {
            return Downmix51ToMono(from);
        }

        if (from.Equals(ChannelLayout.Stereo) && to.Count == 1)
        {
            var builder = new RoleMatrix(from, to);
            builder.Set(to[0], ChannelRole.FrontLeft, MinusThreeDb);
            builder.Set(to[0], ChannelRole.FrontRight, MinusThreeDb);
            return builder.Build();
        }

        if (from.Equals(ChannelLayout.Stereo) && Has(to, ChannelRole.FrontCenter) && TryGetSurroundPair(to, out _, out _))
        {
            return UpmixStereoTo51(to);
        }

        return Remap(from, to);
    }

    private static bool Has(ChannelLayout layout, ChannelRole role) => layout.IndexOf(role) >= 0;

    private static (ChannelRole Left, ChannelRole Right) SurroundPair(ChannelLayout layout) =>
        TryGetSurroundPair(layout, out var left, out var right)
            ? (left, right)
            : throw new ArgumentException($"Layout '{layout}' has no surround pair (Ls/Rs or Lrs/Rrs).", nameof(layout));

    private static bool TryGetSurroundPair(ChannelLayout layout, out ChannelRole left, out ChannelRole right)
    {
        (left, right) = Has(layout, ChannelRole.SideLeft) && Has(layout, ChannelRole.SideRight)
            ? (ChannelRole.SideLeft, ChannelRole.SideRight)
            : (ChannelRole.BackLeft, ChannelRole.BackRight);
        return Has(layout, left) && Has(layout, right);
    }

    private static float Coefficient(float value, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!(value >= 0f && value <= 4f))
        {
            throw new ArgumentOutOfRangeException(name, value, "A matrix coefficient must be 0 to 4 (linear).");
        }

        return value;
    }

    /// <summary>Fills a matrix by roles; a role that the layout lacks is an error unless set with SetIfPresent.</summary>
    private readonly struct RoleMatrix(ChannelLayout from, ChannelLayout to)
    {
        private readonly float[] _gains = new float[from.Count * to.Count];

        public void Set(ChannelRole output, ChannelRole input, float gain)
        {
            var m = to.IndexOf(output);
            var n = from.IndexOf(input);
            if (m < 0 || n < 0)
            {
                throw new ArgumentException($"The conversion from '{from}' to '{to}' needs role {(n < 0 ? input : output)}.", n < 0 ? nameof(input) : nameof(output));
            }

            _gains[(m * from.Count) + n] = gain;
        }

        public void SetIfPresent(ChannelRole output, ChannelRole input, float gain)
        {
            if (Has(to, output) && Has(from, input))
            {
                Set(output, input, gain);
            }
        }

        public ChannelMatrix Build() => new(from.Count, to.Count, _gains, from, to);
    }
}
