using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Dsp.Filters;

/// <summary>
/// The per-sample loops of <see cref="TptSection"/>, vectorised across channels: up to four channels travel
/// side by side in the lanes of one <see cref="Vector256{T}"/> of doubles.
/// </summary>
/// <remarks>
/// <para>A recursive filter cannot be vectorised along time (each output waits on the previous one), but the
/// channels of a block are independent, so four of them cost about what one does: the loop is bound by the latency
/// of the feedback chain, not by arithmetic. A planar block is interleaved into a lane buffer, every section runs
/// over the whole buffer in turn (the coefficients stay in registers), and the result is written back.</para>
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
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = Vector256.Create(c0[i], c1[i], c2[i], c3[i]);
        }
    }

    /// <summary>Writes the first <paramref name="count"/> lanes of <paramref name="source"/> to channels
    /// <paramref name="firstChannel"/> .. of <paramref name="destination"/>.</summary>
    public static void Deinterleave(ReadOnlySpan<Vector256<double>> source, AudioBlock destination, int firstChannel, int count)
    {
        var frames = destination.FrameCount;
        var samples = MemoryMarshal.Cast<Vector256<double>, double>(source[..frames]);
        for (var lane = 0; lane < count; lane++)
        {
            var channel = destination[firstChannel + lane];
            for (int i = 0, j = lane; i < channel.Length; i++, j += Lanes)
            {
                channel[i] = (float)samples[j];
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
    /// <remarks>All entries must have the order of the first. Same arithmetic as the fixed-coefficient loops, so a
    /// run of equal entries gives the same bits.</remarks>
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
            for (var i = 0; i < data.Length; i++)
            {
                ref readonly var c = ref sections[i];
                var x = data[i];
                data[i] = Fma(Vector256.Create(c.O1), s1, Fma(Vector256.Create(c.O2), s2, Vector256.Create(c.OX) * x));
                var n1 = Fma(Vector256.Create(c.S11), s1, Fma(Vector256.Create(c.S12), s2, Vector256.Create(c.X1) * x));
                s2 = Fma(Vector256.Create(c.S21), s1, Fma(Vector256.Create(c.S22), s2, Vector256.Create(c.X2) * x));
                s1 = n1;
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunSecondOrder(Span<Vector256<double>> data, in TptSection c, ref Vector256<double> state1, ref Vector256<double> state2)
    {
        var s11 = Vector256.Create(c.S11);
        var s12 = Vector256.Create(c.S12);
        var s21 = Vector256.Create(c.S21);
        var s22 = Vector256.Create(c.S22);
        var x1 = Vector256.Create(c.X1);
        var x2 = Vector256.Create(c.X2);
        var o1 = Vector256.Create(c.O1);
        var o2 = Vector256.Create(c.O2);
        var ox = Vector256.Create(c.OX);
        var s1 = state1;
        var s2 = state2;
        for (var i = 0; i < data.Length; i++)
        {
            var x = data[i];
            data[i] = Fma(o1, s1, Fma(o2, s2, ox * x));
            var n1 = Fma(s11, s1, Fma(s12, s2, x1 * x));
            s2 = Fma(s21, s1, Fma(s22, s2, x2 * x));
            s1 = n1;
        }

        state1 = s1;
        state2 = s2;
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
