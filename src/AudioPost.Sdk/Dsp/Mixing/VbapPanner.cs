using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Dsp.Mixing;

/// <summary>
/// Vector base amplitude panning (VBAP, Pulkki 1997) over the loudspeakers of a <see cref="ChannelLayout"/>:
/// pairwise on the ear-level ring, and by triplets over the height layer of 7.1.4. Gains are power-normalised
/// (the sum of their squares is 1) and a source at a loudspeaker's direction comes out of that loudspeaker only.
/// </summary>
/// <remarks>
/// <para><b>Angles</b> follow ITU-R BS.2051: azimuth in degrees, 0 straight ahead, <b>positive to the left</b>
/// (counter-clockwise seen from above), ±180 behind; elevation in degrees above the ear plane. Loudspeaker
/// directions by role (nominal values of BS.775 and BS.2051):</para>
/// <list type="bullet">
/// <item>L/R ±30°, C 0°, Lc/Rc ±15°, Cs 180°.</item>
/// <item>Ls/Rs ±110° in a layout without a back pair (5.0, 5.1: BS.775's 100°–120°, nominal 110°), ±90° in one with
/// (7.1: BS.2051 system I's M±090).</item>
/// <item>Lrs/Rrs ±135° in a layout with a side pair (7.1, 7.1.4: M±135), ±110° without (5.1-back, quad).</item>
/// <item>Height (BS.2051 system J, 4+7+0): Ltf/Rtf at ±45° and Ltr/Rtr at ±135°, elevation 30°; Ctf 0°/30°,
/// Ctr 180°/30°, Tc overhead.</item>
/// <item>LFE has no direction: it always gets 0 here (a panner sends to it by level, not by angle).</item>
/// </list>
/// <para>Ear-level layouts ignore elevation. In 7.1.4 a virtual loudspeaker overhead closes the top of the mesh;
/// its share is spread evenly over the four height loudspeakers, and elevations are clamped to 0°–90° (there is
/// nothing below the ear plane). Spread renders the source as five virtual sources across ±spread degrees of
/// azimuth, summed in power, so power stays 1 at any spread.</para>
/// <para>Construction (which allocates) belongs on a control thread; <see cref="ComputeGains"/> is real-time safe
/// and thread-safe (the instance is immutable).</para>
/// </remarks>
public sealed class VbapPanner
{
    private const double Epsilon = 1e-9;
    private const int SpreadSources = 5;
    private readonly double[] _azimuth;
    private readonly double[] _elevation;
    private readonly int[] _ring;
    private readonly double[][] _pairInverse;
    private readonly int[] _triangles = [];
    private readonly double[][] _triangleInverse = [];
    private readonly int[] _heights = [];

    /// <summary>Sets the panner up for <paramref name="layout"/>.</summary>
    /// <exception cref="ArgumentException">The layout is not supported (see <see cref="IsSupported"/>); the message says why.</exception>
    public VbapPanner(ChannelLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (!TryDescribe(layout, out var azimuth, out var elevation, out var ring, out var error))
        {
            throw new ArgumentException(error, nameof(layout));
        }

        Layout = layout;
        _azimuth = azimuth;
        _elevation = elevation;
        _ring = ring;
        _pairInverse = new double[ring.Length][];
        for (var k = 0; k < ring.Length; k++)
        {
            _pairInverse[k] = InvertPair(ring[k], ring[(k + 1) % ring.Length]);
        }

        HasHeight = layout.Equals(ChannelLayout.Surround714);
        if (HasHeight)
        {
            (_triangles, _triangleInverse, _heights) = BuildHeightMesh(layout);
        }
    }

    /// <summary>Gets the layout panned over.</summary>
    public ChannelLayout Layout { get; }

    /// <summary>Gets whether the layout has a height layer that elevation pans into (7.1.4).</summary>
    public bool HasHeight { get; }

    /// <summary>
    /// Gets whether a layout can be panned over: every channel is a loudspeaker role or LFE, at least three are at ear
    /// level, and no gap between neighbours on the ear-level ring reaches 180° (stereo and LCR leave the rear open: use a
    /// stereo panner). Height is panned into only for 7.1.4; other layouts with height roles are rejected.
    /// </summary>
    public static bool IsSupported(ChannelLayout layout) => TryDescribe(layout, out _, out _, out _, out _);

    /// <summary>Gets the azimuth of channel <paramref name="channel"/>'s loudspeaker, in degrees (positive left); NaN for LFE.</summary>
    public double GetAzimuth(int channel) => _azimuth[channel];

    /// <summary>Gets the elevation of channel <paramref name="channel"/>'s loudspeaker, in degrees; NaN for LFE.</summary>
    public double GetElevation(int channel) => _elevation[channel];

    /// <summary>
    /// Computes one gain per channel of <see cref="Layout"/> for a source at the given direction: non-negative, power 1
    /// over the directional loudspeakers, 0 on the LFE. Real-time safe.
    /// </summary>
    /// <param name="azimuthDegrees">Azimuth, any value (wrapped to ±180°); positive is left.</param>
    /// <param name="elevationDegrees">Elevation, clamped to 0°–90°; ignored without a height layer.</param>
    /// <param name="spreadDegrees">Spread (divergence), clamped to 0°–180°: 0 is a point source.</param>
    /// <param name="gains">Receives <see cref="ChannelLayout.Count"/> gains.</param>
    /// <exception cref="ArgumentException"><paramref name="gains"/> is not one entry per channel.</exception>
    public void ComputeGains(float azimuthDegrees, float elevationDegrees, float spreadDegrees, Span<float> gains)
    {
        if (gains.Length != _azimuth.Length)
        {
            throw new ArgumentException($"Need {_azimuth.Length} gains, one per channel; got {gains.Length}.", nameof(gains));
        }

        Span<double> sum = stackalloc double[_azimuth.Length];
        Span<double> single = stackalloc double[_azimuth.Length + 1];
        var elevation = HasHeight && float.IsFinite(elevationDegrees) ? Math.Clamp(elevationDegrees, 0.0, 90.0) : 0.0;
        var spread = float.IsFinite(spreadDegrees) ? Math.Clamp(spreadDegrees, 0.0, 180.0) : 0.0;
        var azimuth = float.IsFinite(azimuthDegrees) ? azimuthDegrees : 0.0;
        var sources = spread == 0.0 ? 1 : SpreadSources;
        for (var k = 0; k < sources; k++)
        {
            var offset = sources == 1 ? 0.0 : spread * ((2.0 * k / (SpreadSources - 1)) - 1.0);
            single.Clear();
            PointGains(azimuth + offset, elevation, single);
            for (var c = 0; c < sum.Length; c++)
            {
                sum[c] += single[c] * single[c];
            }
        }

        for (var c = 0; c < sum.Length; c++)
        {
            gains[c] = (float)Math.Sqrt(sum[c] / sources);
        }
    }

    /// <summary>One point source: power-normalised gains, with the virtual overhead speaker (index Count) folded in.</summary>
    private void PointGains(double azimuthDegrees, double elevationDegrees, Span<double> gains)
    {
        var az = azimuthDegrees * Math.PI / 180.0;
        var el = elevationDegrees * Math.PI / 180.0;
        if (HasHeight && elevationDegrees > 0.0)
        {
            var p = (Math.Cos(el) * Math.Cos(az), Math.Cos(el) * Math.Sin(az), Math.Sin(el));
            var best = 0;
            var bestMin = double.NegativeInfinity;
            for (var t = 0; t < _triangleInverse.Length; t++)
            {
                var inv = _triangleInverse[t];
                var g0 = (p.Item1 * inv[0]) + (p.Item2 * inv[3]) + (p.Item3 * inv[6]);
                var g1 = (p.Item1 * inv[1]) + (p.Item2 * inv[4]) + (p.Item3 * inv[7]);
                var g2 = (p.Item1 * inv[2]) + (p.Item2 * inv[5]) + (p.Item3 * inv[8]);
                var min = Math.Min(g0, Math.Min(g1, g2));
                if (min > bestMin)
                {
                    bestMin = min;
                    best = t;
                }
            }

            var chosen = _triangleInverse[best];
            for (var j = 0; j < 3; j++)
            {
                var g = (p.Item1 * chosen[j]) + (p.Item2 * chosen[3 + j]) + (p.Item3 * chosen[6 + j]);
                gains[_triangles[(3 * best) + j]] += Math.Max(g, 0.0);
            }

            // The overhead speaker is virtual: its signal goes to the real height speakers in equal parts.
            var top = gains[_azimuth.Length];
            gains[_azimuth.Length] = 0.0;
            foreach (var h in _heights)
            {
                gains[h] += top / Math.Sqrt(_heights.Length);
            }
        }
        else
        {
            var x = Math.Cos(az);
            var y = Math.Sin(az);
            var best = 0;
            var bestMin = double.NegativeInfinity;
            for (var k = 0; k < _ring.Length; k++)
            {
                var inv = _pairInverse[k];
                var min = Math.Min((x * inv[0]) + (y * inv[2]), (x * inv[1]) + (y * inv[3]));
                if (min > bestMin)
                {
                    bestMin = min;
                    best = k;
                }
            }

            var chosen = _pairInverse[best];
            gains[_ring[best]] += Math.Max((x * chosen[0]) + (y * chosen[2]), 0.0);
            gains[_ring[(best + 1) % _ring.Length]] += Math.Max((x * chosen[1]) + (y * chosen[3]), 0.0);
        }

        var power = 0.0;
        for (var c = 0; c < gains.Length; c++)
        {
            // Rounding leaves ~1e-17 on the far speaker of a pair when the source sits on the near one: that is 0.
            if (gains[c] < Epsilon)
            {
                gains[c] = 0.0;
            }

            power += gains[c] * gains[c];
        }

        var scale = 1.0 / Math.Sqrt(power);
        for (var c = 0; c < gains.Length; c++)
        {
            gains[c] *= scale;
        }
    }

    private double[] InvertPair(int a, int b)
    {
        var (ax, ay) = (Cos(_azimuth[a]), Sin(_azimuth[a]));
        var (bx, by) = (Cos(_azimuth[b]), Sin(_azimuth[b]));
        var det = (ax * by) - (ay * bx);

        // p = g · L with L's rows the speaker vectors, so g = p · L⁻¹; inverse stored row-major [00 01; 10 11].
        return [by / det, -ay / det, -bx / det, ax / det];
    }

    private static double Cos(double degrees) => Math.Cos(degrees * Math.PI / 180.0);

    private static double Sin(double degrees) => Math.Sin(degrees * Math.PI / 180.0);

    private (int[] Triangles, double[][] Inverses, int[] Heights) BuildHeightMesh(ChannelLayout layout)
    {
        // Hand-made triangulation of BS.2051 system J plus the virtual overhead speaker ("T"): every triangle is
        // narrower than a hemisphere, and together they cover the upper half-space without overlap.
        ChannelRole[][] mesh =
        [
            [ChannelRole.FrontCenter, ChannelRole.FrontLeft, ChannelRole.TopFrontLeft],
            [ChannelRole.FrontCenter, ChannelRole.TopFrontLeft, ChannelRole.TopFrontRight],
            [ChannelRole.FrontCenter, ChannelRole.TopFrontRight, ChannelRole.FrontRight],
            [ChannelRole.FrontLeft, ChannelRole.SideLeft, ChannelRole.TopFrontLeft],
            [ChannelRole.SideLeft, ChannelRole.TopBackLeft, ChannelRole.TopFrontLeft],
            [ChannelRole.SideLeft, ChannelRole.BackLeft, ChannelRole.TopBackLeft],
            [ChannelRole.FrontRight, ChannelRole.SideRight, ChannelRole.TopFrontRight],
            [ChannelRole.SideRight, ChannelRole.TopBackRight, ChannelRole.TopFrontRight],
            [ChannelRole.SideRight, ChannelRole.BackRight, ChannelRole.TopBackRight],
            [ChannelRole.BackLeft, ChannelRole.BackRight, ChannelRole.TopBackRight],
            [ChannelRole.BackLeft, ChannelRole.TopBackRight, ChannelRole.TopBackLeft],
            [ChannelRole.TopFrontLeft, ChannelRole.TopFrontRight, ChannelRole.Unknown],
            [ChannelRole.TopFrontLeft, ChannelRole.TopBackLeft, ChannelRole.Unknown],
            [ChannelRole.TopBackLeft, ChannelRole.TopBackRight, ChannelRole.Unknown],
            [ChannelRole.TopBackRight, ChannelRole.TopFrontRight, ChannelRole.Unknown],
        ];
        var top = layout.Count;
        var triangles = new int[mesh.Length * 3];
        var inverses = new double[mesh.Length][];
        for (var t = 0; t < mesh.Length; t++)
        {
            var rows = new double[9];
            for (var j = 0; j < 3; j++)
            {
                var speaker = mesh[t][j] == ChannelRole.Unknown ? top : layout.IndexOf(mesh[t][j]);
                triangles[(3 * t) + j] = speaker;
                var (az, el) = speaker == top ? (0.0, 90.0) : (_azimuth[speaker], _elevation[speaker]);
                rows[3 * j] = Cos(el) * Cos(az);
                rows[(3 * j) + 1] = Cos(el) * Sin(az);
                rows[(3 * j) + 2] = Sin(el);
            }

            inverses[t] = Invert3(rows);
        }

        int[] heights =
        [
            layout.IndexOf(ChannelRole.TopFrontLeft), layout.IndexOf(ChannelRole.TopFrontRight),
            layout.IndexOf(ChannelRole.TopBackLeft), layout.IndexOf(ChannelRole.TopBackRight),
        ];
        return (triangles, inverses, heights);
    }

    private static double[] Invert3(double[] m)
    {
        var c00 = (m[4] * m[8]) - (m[5] * m[7]);
        var c01 = (m[5] * m[6]) - (m[3] * m[8]);
        var c02 = (m[3] * m[7]) - (m[4] * m[6]);
        var det = (m[0] * c00) + (m[1] * c01) + (m[2] * c02);
        return
        [
            c00 / det, ((m[2] * m[7]) - (m[1] * m[8])) / det, ((m[1] * m[5]) - (m[2] * m[4])) / det,
            c01 / det, ((m[0] * m[8]) - (m[2] * m[6])) / det, ((m[2] * m[3]) - (m[0] * m[5])) / det,
            c02 / det, ((m[1] * m[6]) - (m[0] * m[7])) / det, ((m[0] * m[4]) - (m[1] * m[3])) / det,
        ];
    }

    private static bool TryDescribe(ChannelLayout layout, out double[] azimuth, out double[] elevation, out int[] ring, out string? error)
    {
        var count = layout.Count;
        azimuth = new double[count];
        elevation = new double[count];
        ring = [];
        var hasSides = layout.IndexOf(ChannelRole.SideLeft) >= 0 || layout.IndexOf(ChannelRole.SideRight) >= 0;
        var hasBacks = layout.IndexOf(ChannelRole.BackLeft) >= 0 || layout.IndexOf(ChannelRole.BackRight) >= 0;
        var ear = new List<int>();
        for (var c = 0; c < count; c++)
        {
            (double Az, double El)? direction = layout[c] switch
            {
                ChannelRole.FrontLeft => (30, 0),
                ChannelRole.FrontRight => (-30, 0),
                ChannelRole.FrontCenter => (0, 0),
                ChannelRole.FrontLeftOfCenter => (15, 0),
                ChannelRole.FrontRightOfCenter => (-15, 0),
                ChannelRole.BackCenter => (180, 0),
                ChannelRole.SideLeft => (hasBacks ? 90 : 110, 0),
                ChannelRole.SideRight => (hasBacks ? -90 : -110, 0),
                ChannelRole.BackLeft => (hasSides ? 135 : 110, 0),
                ChannelRole.BackRight => (hasSides ? -135 : -110, 0),
                ChannelRole.TopFrontLeft => (45, 30),
                ChannelRole.TopFrontRight => (-45, 30),
                ChannelRole.TopBackLeft => (135, 30),
                ChannelRole.TopBackRight => (-135, 30),
                ChannelRole.TopFrontCenter => (0, 30),
                ChannelRole.TopBackCenter => (180, 30),
                ChannelRole.TopCenter => (0, 90),
                _ => null,
            };
            if (layout[c] == ChannelRole.LowFrequency)
            {
                azimuth[c] = elevation[c] = double.NaN;
                continue;
            }

            if (direction is not { } d)
            {
                error = $"Channel {c} of layout '{layout}' has role {layout[c]}, which has no loudspeaker direction.";
                return false;
            }

            (azimuth[c], elevation[c]) = d;
            if (d.El == 0)
            {
                ear.Add(c);
            }
            else if (!layout.Equals(ChannelLayout.Surround714))
            {
                error = $"Layout '{layout}' has height channels; only 7.1.4 is triangulated for height panning.";
                return false;
            }
        }

        var sortedAzimuth = azimuth;
        ear.Sort((a, b) => sortedAzimuth[a].CompareTo(sortedAzimuth[b]));
        if (ear.Count < 3)
        {
            error = $"Layout '{layout}' has {ear.Count} ear-level loudspeaker(s); VBAP needs at least 3 around the listener (use a stereo panner).";
            return false;
        }

        for (var k = 0; k < ear.Count; k++)
        {
            var gap = k + 1 < ear.Count ? azimuth[ear[k + 1]] - azimuth[ear[k]] : azimuth[ear[0]] + 360 - azimuth[ear[k]];
            if (gap >= 180)
            {
                error = $"Layout '{layout}' leaves a gap of {gap}° between loudspeakers; VBAP needs every gap under 180°.";
                return false;
            }
        }

        ring = [.. ear];
        error = null;
        return true;
    }
}
