using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Dsp.Filters;

/// <summary>
/// The per-sample loops of <see cref="TptSection"/>, vectorised across channels: up to four channels travel
/// side by side in the lanes of one <see cref="Vector256{T}"/> of doubles.
/// </summary>
/// <remarks>
/// <para>A recursive filter cannot be vectorised along time (each output waits on the previous one), but the
/// channels of a block are independent, so four of them cost about what one does: the loop is bound by the latency
/// of the feedback chain, not by arithmetic, and second-order sections step two frames at a time (see
/// <see cref="TptPair"/>) to halve that latency per frame. A planar block is interleaved into a lane buffer (4 x 4
/// transposes of widened samples), every section runs over the whole buffer in turn (the coefficients stay in
/// registers), and the result is written back.</para>
/// <para>Double precision: at low cutoffs (20 Hz at 192 kHz) single-precision states lose the signal in rounding
/// noise. Real-time safe: nothing here allocates, locks or throws.</para>
/// </remarks>
internal static class TptKernel
{
    /// <summary>Channels per lane group.</summary>
    public const int Lanes = 4;

    /// <summary>States below this magnitude are zeroed after each block: they are far under float resolution,
    /// and left alone they would decay into denormals, which x86 processes tens of times slower.</summary>
    private const double FlushThreshold = 1e-100;

    /// <summary>Gets the number of lane groups for <paramref name="channelCount"/> channels.</summary>
    public static int GroupCount(int channelCount) => (channelCount + Lanes - 1) / Lanes;

    /// <summary>
    /// Copies channels <paramref name="firstChannel"/> .. + <paramref name="count"/> (1 to 4) of
    /// <paramref name="source"/> into lanes; lanes without a channel repeat the first one (their results are discarded).
    /// </summary>
    public static void Interleave(ReadOnlyAudioBlock source, int firstChannel, int count, Span<Vector256<double>> destination)
    {
        var c0 = source[firstChannel];
        var c1 = count > 1 ? source[firstChannel + 1] : c0;
        var c2 = count > 2 ? source[firstChannel + 2] : c0;
        var c3 = count > 3 ? source[firstChannel + 3] : c0;
        var frames = c0.Length;
        destination = destination[..frames];
        c1 = c1[..frames];
        c2 = c2[..frames];
        c3 = c3[..frames];
        var i = 0;
        if (Avx.IsSupported)
        {
            // Four frames at a time: widen four samples of each channel, then a 4 x 4 transpose (two unpacks and a
            // half swap), instead of assembling every frame from four scalar conversions.
            for (; i <= frames - Lanes; i += Lanes)
            {
                var a = Avx.ConvertToVector256Double(Vector128.Create(c0.Slice(i, Lanes)));
                var b = Avx.ConvertToVector256Double(Vector128.Create(c1.Slice(i, Lanes)));
                // Lanes without a channel of their own repeat channel 0 (as the scalar tail does) without converting it again.
                var c = count > 2 ? Avx.ConvertToVector256Double(Vector128.Create(c2.Slice(i, Lanes))) : a;
                var d = count > 3 ? Avx.ConvertToVector256Double(Vector128.Create(c3.Slice(i, Lanes))) : a;
                var ab0 = Avx.UnpackLow(a, b);
                var ab1 = Avx.UnpackHigh(a, b);
                var cd0 = Avx.UnpackLow(c, d);
                var cd1 = Avx.UnpackHigh(c, d);
                destination[i] = Avx.Permute2x128(ab0, cd0, 0x20);
                destination[i + 1] = Avx.Permute2x128(ab1, cd1, 0x20);
                destination[i + 2] = Avx.Permute2x128(ab0, cd0, 0x31);
                destination[i + 3] = Avx.Permute2x128(ab1, cd1, 0x31);
            }
        }

        for (; i < destination.Length; i++)
        {
            destination[i] = Vector256.Create(c0[i], c1[i], c2[i], c3[i]);
        }
    }

    /// <summary>Writes the first <paramref name="count"/> lanes of <paramref name="source"/> to channels
    /// <paramref name="firstChannel"/> .. of <paramref name="destination"/>.</summary>
    public static void Deinterleave(ReadOnlySpan<Vector256<double>> source, AudioBlock destination, int firstChannel, int count)
    {
        var frames = destination.FrameCount;
        source = source[..frames];
        var i = 0;
        if (Avx.IsSupported)
        {
            // The inverse transpose, then one narrowing per channel (round to nearest, as the scalar cast).
            var c0 = destination[firstChannel];
            var c1 = count > 1 ? destination[firstChannel + 1] : default;
            var c2 = count > 2 ? destination[firstChannel + 2] : default;
            var c3 = count > 3 ? destination[firstChannel + 3] : default;
            for (; i <= frames - Lanes; i += Lanes)
            {
                var f01 = Avx.UnpackLow(source[i], source[i + 1]);
                var g01 = Avx.UnpackHigh(source[i], source[i + 1]);
                var f23 = Avx.UnpackLow(source[i + 2], source[i + 3]);
                var g23 = Avx.UnpackHigh(source[i + 2], source[i + 3]);
                Avx.ConvertToVector128Single(Avx.Permute2x128(f01, f23, 0x20)).CopyTo(c0.Slice(i, Lanes));
                if (count > 1)
                {
                    Avx.ConvertToVector128Single(Avx.Permute2x128(g01, g23, 0x20)).CopyTo(c1.Slice(i, Lanes));
                }

                if (count > 2)
                {
                    Avx.ConvertToVector128Single(Avx.Permute2x128(f01, f23, 0x31)).CopyTo(c2.Slice(i, Lanes));
                }

                if (count > 3)
                {
                    Avx.ConvertToVector128Single(Avx.Permute2x128(g01, g23, 0x31)).CopyTo(c3.Slice(i, Lanes));
                }
            }
        }

        var samples = MemoryMarshal.Cast<Vector256<double>, double>(source);
        for (var lane = 0; lane < count; lane++)
        {
            var channel = destination[firstChannel + lane];
            for (int t = i, j = (i * Lanes) + lane; t < channel.Length; t++, j += Lanes)
            {
                channel[t] = (float)samples[j];
            }
        }
    }

    /// <summary>Runs one section with fixed coefficients over <paramref name="data"/> in place.</summary>
    /// <param name="data">The lanes, frame after frame.</param>
    /// <param name="section">The coefficients.</param>
    /// <param name="state">The section's two states (one used by a first-order section).</param>
    public static void Run(Span<Vector256<double>> data, in TptSection section, Span<Vector256<double>> state)
    {
        if (section.IsFirstOrder)
        {
            RunFirstOrder(data, section, ref state[0]);
        }
        else
        {
            RunSecondOrder(data, section, ref state[0], ref state[1]);
        }
    }

    /// <summary>Runs one section whose coefficients change every frame (<paramref name="sections"/>[i] for frame i).</summary>
    /// <remarks>All entries must have the order of the first. Same arithmetic as the fixed-coefficient loops (second
    /// order: frame pairs folded by <see cref="TptPair.Create"/>, from the first frame), so a run of equal entries
    /// gives the same bits.</remarks>
    public static void Run(Span<Vector256<double>> data, ReadOnlySpan<TptSection> sections, Span<Vector256<double>> state)
    {
        sections = sections[..data.Length];
        if (sections.IsEmpty)
        {
            return;
        }

        if (sections[0].IsFirstOrder)
        {
            ref var s = ref state[0];
            for (var i = 0; i < data.Length; i++)
            {
                ref readonly var c = ref sections[i];
                var x = data[i];
                data[i] = Fma(Vector256.Create(c.O1), s, Vector256.Create(c.OX) * x);
                s = Fma(Vector256.Create(c.S11), s, Vector256.Create(c.X1) * x);
            }
        }
        else
        {
            ref var s1 = ref state[0];
            ref var s2 = ref state[1];
            var i = 0;
            for (; i + 1 < data.Length; i += 2)
            {
                // The same expressions as RunSecondOrder, with the pair built per frame pair.
                var p = TptPair.Create(sections[i], sections[i + 1]);
                var x0 = data[i];
                var x1 = data[i + 1];
                data[i] = Fma(Vector256.Create(p.O1), s1, Fma(Vector256.Create(p.O2), s2, Vector256.Create(p.OX) * x0));
                data[i + 1] = Fma(Vector256.Create(p.E1), s1, Fma(Vector256.Create(p.E2), s2, Fma(Vector256.Create(p.F0), x0, Vector256.Create(p.F1) * x1)));
                var n1 = Fma(Vector256.Create(p.P11), s1, Fma(Vector256.Create(p.P12), s2, Fma(Vector256.Create(p.Q1), x0, Vector256.Create(p.R1) * x1)));
                s2 = Fma(Vector256.Create(p.P21), s1, Fma(Vector256.Create(p.P22), s2, Fma(Vector256.Create(p.Q2), x0, Vector256.Create(p.R2) * x1)));
                s1 = n1;
            }

            if (i < data.Length)
            {
                SingleStep(ref data[i], sections[i], ref s1, ref s2);
            }
        }
    }

    /// <summary>Zeroes states too small to matter, so that silence never decays into denormals.</summary>
    public static void Flush(Span<Vector256<double>> state)
    {
        var threshold = Vector256.Create(FlushThreshold);
        for (var i = 0; i < state.Length; i++)
        {
            var s = state[i];
            state[i] = Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(s), threshold), Vector256<double>.Zero, s);
        }
    }

    // Two frames per iteration (see TptPair): the loop-carried chain is two fused multiply-adds per pair instead of
    // per frame. An odd last frame takes a single step.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunSecondOrder(Span<Vector256<double>> data, in TptSection c, ref Vector256<double> state1, ref Vector256<double> state2)
    {
        var p = TptPair.Create(c, c);
        var o1 = Vector256.Create(p.O1);
        var o2 = Vector256.Create(p.O2);
        var ox = Vector256.Create(p.OX);
        var e1 = Vector256.Create(p.E1);
        var e2 = Vector256.Create(p.E2);
        var f0 = Vector256.Create(p.F0);
        var f1 = Vector256.Create(p.F1);
        var p11 = Vector256.Create(p.P11);
        var p12 = Vector256.Create(p.P12);
        var p21 = Vector256.Create(p.P21);
        var p22 = Vector256.Create(p.P22);
        var q1 = Vector256.Create(p.Q1);
        var q2 = Vector256.Create(p.Q2);
        var r1 = Vector256.Create(p.R1);
        var r2 = Vector256.Create(p.R2);
        var s1 = state1;
        var s2 = state2;
        var i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            var x0 = data[i];
            var x1 = data[i + 1];
            data[i] = Fma(o1, s1, Fma(o2, s2, ox * x0));
            data[i + 1] = Fma(e1, s1, Fma(e2, s2, Fma(f0, x0, f1 * x1)));
            var n1 = Fma(p11, s1, Fma(p12, s2, Fma(q1, x0, r1 * x1)));
            s2 = Fma(p21, s1, Fma(p22, s2, Fma(q2, x0, r2 * x1)));
            s1 = n1;
        }

        if (i < data.Length)
        {
            SingleStep(ref data[i], c, ref s1, ref s2);
        }

        state1 = s1;
        state2 = s2;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SingleStep(ref Vector256<double> sample, in TptSection c, ref Vector256<double> s1, ref Vector256<double> s2)
    {
        var x = sample;
        sample = Fma(Vector256.Create(c.O1), s1, Fma(Vector256.Create(c.O2), s2, Vector256.Create(c.OX) * x));
        var n1 = Fma(Vector256.Create(c.S11), s1, Fma(Vector256.Create(c.S12), s2, Vector256.Create(c.X1) * x));
        s2 = Fma(Vector256.Create(c.S21), s1, Fma(Vector256.Create(c.S22), s2, Vector256.Create(c.X2) * x));
        s1 = n1;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunFirstOrder(Span<Vector256<double>> data, in TptSection c, ref Vector256<double> state)
    {
        var s11 = Vector256.Create(c.S11);
        var x1 = Vector256.Create(c.X1);
        var o1 = Vector256.Create(c.O1);
        var ox = Vector256.Create(c.OX);
        var s = state;
        for (var i = 0; i < data.Length; i++)
        {
            var x = data[i];
            data[i] = Fma(o1, s, ox * x);
            s = Fma(s11, s, x1 * x);
        }

        state = s;
    }

    /// <summary><c>a * b + c</c>, fused where the hardware can (one rounding), else a multiply and an add.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Fma(Vector256<double> a, Vector256<double> b, Vector256<double> c) => Vector256.MultiplyAddEstimate(a, b, c);
}
