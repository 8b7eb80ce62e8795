using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Dsp.Filters;

/// <summary>
/// The fixed-coefficient path of <see cref="TptCascade"/> for one or two channels: four consecutive frames of a
/// channel in one vector (<see cref="TptQuad"/>) instead of one frame of four channels, so a stereo block fills every
/// lane, needs no transposes, and carries two fused multiply-adds from one group of four frames to the next.
/// </summary>
/// <remarks>
/// Same transfer function and double-precision state as <see cref="TptKernel"/>, in the same state layout (channel c
/// is lane c of the group-0 state vectors), so a cascade can move between the two paths at any block; the outputs
/// differ from <see cref="TptKernel"/>'s by double-precision rounding only. Groups of four start at the block's first
/// frame; the last frames of a block whose length is not a multiple of four take single steps. Real-time safe.
/// </remarks>
internal static class TptTimeLanes
{
    /// <summary>Whether the path takes this cascade: one or two channels and second-order sections only.</summary>
    public static bool Accepts(int channels, ReadOnlySpan<TptSection> sections)
    {
        if (channels > 2 || !Vector256.IsHardwareAccelerated)
        {
            return false;
        }

        foreach (ref readonly var section in sections)
        {
            if (section.IsFirstOrder)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Filters channels 0 and (if present) 1 of <paramref name="block"/> in place through every section.</summary>
    /// <param name="block">One or two channels, at most <paramref name="scratch"/>'s length in frames.</param>
    /// <param name="sections">The sections, in order.</param>
    /// <param name="state">Group 0's state: two vectors per section, lane c for channel c.</param>
    /// <param name="scratch">At least the block's frame count of doubles.</param>
    public static void Process(AudioBlock block, ReadOnlySpan<TptSection> sections, Span<Vector256<double>> state, Span<double> scratch)
    {
        var frames = block.FrameCount;
        if (block.ChannelCount == 1)
        {
            var data = scratch[..frames];
            Widen(block[0], data);
            for (var s = 0; s < sections.Length; s++)
            {
                ref var s1 = ref state[2 * s];
                ref var s2 = ref state[(2 * s) + 1];
                var (v1, v2) = (s1.GetElement(0), s2.GetElement(0));
                Run(data, sections[s], ref v1, ref v2);
                s1 = s1.WithElement(0, v1);
                s2 = s2.WithElement(0, v2);
            }

            Narrow(data, block[0]);
            return;
        }

        // Two channels in one loop: their chains are independent, so each hides the other's latency.
        var left = scratch[..frames];
        var right = scratch.Slice(frames, frames);
        Widen(block[0], left);
        Widen(block[1], right);
        for (var s = 0; s < sections.Length; s++)
        {
            ref var s1 = ref state[2 * s];
            ref var s2 = ref state[(2 * s) + 1];
            var (l1, l2, r1, r2) = (s1.GetElement(0), s2.GetElement(0), s1.GetElement(1), s2.GetElement(1));
            RunTwo(left, right, sections[s], ref l1, ref l2, ref r1, ref r2);
            s1 = s1.WithElement(0, l1).WithElement(1, r1);
            s2 = s2.WithElement(0, l2).WithElement(1, r2);
        }

        Narrow(left, block[0]);
        Narrow(right, block[1]);
    }

    private static void Widen(ReadOnlySpan<float> source, Span<double> destination)
    {
        destination = destination[..source.Length];
        ref var from = ref MemoryMarshal.GetReference(source);
        ref var to = ref MemoryMarshal.GetReference(destination);
        var i = 0;
        if (Avx.IsSupported)
        {
            for (; i <= source.Length - 4; i += 4)
            {
                Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref from, (nuint)i)).StoreUnsafe(ref to, (nuint)i);
            }
        }

        for (; i < source.Length; i++)
        {
            Unsafe.Add(ref to, i) = Unsafe.Add(ref from, i);
        }
    }

    private static void Narrow(ReadOnlySpan<double> source, Span<float> destination)
    {
        destination = destination[..source.Length];
        ref var from = ref MemoryMarshal.GetReference(source);
        ref var to = ref MemoryMarshal.GetReference(destination);
        var i = 0;
        if (Avx.IsSupported)
        {
            // Round to nearest, as the scalar cast below.
            for (; i <= source.Length - 4; i += 4)
            {
                Avx.ConvertToVector128Single(Vector256.LoadUnsafe(ref from, (nuint)i)).StoreUnsafe(ref to, (nuint)i);
            }
        }

        for (; i < source.Length; i++)
        {
            Unsafe.Add(ref to, i) = (float)Unsafe.Add(ref from, i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run(Span<double> data, in TptSection section, ref double state1, ref double state2)
    {
        var q = TptQuad.Create(section);
        var w1 = Vector256.Create(q.S1.Item1, q.S1.Item2, q.S1.Item3, q.S1.Item4);
        var w2 = Vector256.Create(q.S2.Item1, q.S2.Item2, q.S2.Item3, q.S2.Item4);
        var f0 = Vector256.Create(q.X0.Item1, q.X0.Item2, q.X0.Item3, q.X0.Item4);
        var f1 = Vector256.Create(q.X1.Item1, q.X1.Item2, q.X1.Item3, q.X1.Item4);
        var f2 = Vector256.Create(q.X2.Item1, q.X2.Item2, q.X2.Item3, q.X2.Item4);
        var f3 = Vector256.Create(q.X3.Item1, q.X3.Item2, q.X3.Item3, q.X3.Item4);
        var (m11, m12, m21, m22) = (q.M11, q.M12, q.M21, q.M22);
        var (e10, e11, e12, e13) = q.E1;
        var (e20, e21, e22, e23) = q.E2;
        var s1 = state1;
        var s2 = state2;
        ref var x = ref MemoryMarshal.GetReference(data);
        var i = 0;
        for (; i <= data.Length - 4; i += 4)
        {
            ref var at = ref Unsafe.Add(ref x, i);
            var x0 = at;
            var x1 = Unsafe.Add(ref at, 1);
            var x2 = Unsafe.Add(ref at, 2);
            var x3 = Unsafe.Add(ref at, 3);

            // The state chain is the two outer fused multiply-adds; the input terms are computed off it.
            var in1 = Math.FusedMultiplyAdd(e13, x3, Math.FusedMultiplyAdd(e12, x2, Math.FusedMultiplyAdd(e11, x1, e10 * x0)));
            var in2 = Math.FusedMultiplyAdd(e23, x3, Math.FusedMultiplyAdd(e22, x2, Math.FusedMultiplyAdd(e21, x1, e20 * x0)));
            var inputs = Vector256.FusedMultiplyAdd(f3, Vector256.Create(x3), Vector256.FusedMultiplyAdd(f2, Vector256.Create(x2), Vector256.FusedMultiplyAdd(f1, Vector256.Create(x1), f0 * Vector256.Create(x0))));
            var y = Vector256.FusedMultiplyAdd(w1, Vector256.Create(s1), Vector256.FusedMultiplyAdd(w2, Vector256.Create(s2), inputs));
            y.StoreUnsafe(ref at);
            var n1 = Math.FusedMultiplyAdd(m11, s1, Math.FusedMultiplyAdd(m12, s2, in1));
            s2 = Math.FusedMultiplyAdd(m21, s1, Math.FusedMultiplyAdd(m22, s2, in2));
            s1 = n1;
        }

        state1 = s1;
        state2 = s2;
        Tail(data[i..], section, ref state1, ref state2);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunTwo(Span<double> left, Span<double> right, in TptSection section, ref double left1, ref double left2, ref double right1, ref double right2)
    {
        var q = TptQuad.Create(section);
        var w1 = Vector256.Create(q.S1.Item1, q.S1.Item2, q.S1.Item3, q.S1.Item4);
        var w2 = Vector256.Create(q.S2.Item1, q.S2.Item2, q.S2.Item3, q.S2.Item4);
        var f0 = Vector256.Create(q.X0.Item1, q.X0.Item2, q.X0.Item3, q.X0.Item4);
        var f1 = Vector256.Create(q.X1.Item1, q.X1.Item2, q.X1.Item3, q.X1.Item4);
        var f2 = Vector256.Create(q.X2.Item1, q.X2.Item2, q.X2.Item3, q.X2.Item4);
        var f3 = Vector256.Create(q.X3.Item1, q.X3.Item2, q.X3.Item3, q.X3.Item4);
        var m = new Quad(q);
        var (a1, a2, b1, b2) = (left1, left2, right1, right2);
        ref var l = ref MemoryMarshal.GetReference(left);
        ref var r = ref MemoryMarshal.GetReference(right);
        var i = 0;
        for (; i <= left.Length - 4; i += 4)
        {
            // The same expressions as Run, for both channels.
            ref var la = ref Unsafe.Add(ref l, i);
            ref var ra = ref Unsafe.Add(ref r, i);
            var (x0, x1, x2, x3) = (la, Unsafe.Add(ref la, 1), Unsafe.Add(ref la, 2), Unsafe.Add(ref la, 3));
            var (z0, z1, z2, z3) = (ra, Unsafe.Add(ref ra, 1), Unsafe.Add(ref ra, 2), Unsafe.Add(ref ra, 3));
            var xin1 = Math.FusedMultiplyAdd(m.E13, x3, Math.FusedMultiplyAdd(m.E12, x2, Math.FusedMultiplyAdd(m.E11, x1, m.E10 * x0)));
            var xin2 = Math.FusedMultiplyAdd(m.E23, x3, Math.FusedMultiplyAdd(m.E22, x2, Math.FusedMultiplyAdd(m.E21, x1, m.E20 * x0)));
            var zin1 = Math.FusedMultiplyAdd(m.E13, z3, Math.FusedMultiplyAdd(m.E12, z2, Math.FusedMultiplyAdd(m.E11, z1, m.E10 * z0)));
            var zin2 = Math.FusedMultiplyAdd(m.E23, z3, Math.FusedMultiplyAdd(m.E22, z2, Math.FusedMultiplyAdd(m.E21, z1, m.E20 * z0)));
            var xs = Vector256.FusedMultiplyAdd(f3, Vector256.Create(x3), Vector256.FusedMultiplyAdd(f2, Vector256.Create(x2), Vector256.FusedMultiplyAdd(f1, Vector256.Create(x1), f0 * Vector256.Create(x0))));
            var zs = Vector256.FusedMultiplyAdd(f3, Vector256.Create(z3), Vector256.FusedMultiplyAdd(f2, Vector256.Create(z2), Vector256.FusedMultiplyAdd(f1, Vector256.Create(z1), f0 * Vector256.Create(z0))));
            Vector256.FusedMultiplyAdd(w1, Vector256.Create(a1), Vector256.FusedMultiplyAdd(w2, Vector256.Create(a2), xs)).StoreUnsafe(ref la);
            Vector256.FusedMultiplyAdd(w1, Vector256.Create(b1), Vector256.FusedMultiplyAdd(w2, Vector256.Create(b2), zs)).StoreUnsafe(ref ra);
            var na = Math.FusedMultiplyAdd(m.M11, a1, Math.FusedMultiplyAdd(m.M12, a2, xin1));
            a2 = Math.FusedMultiplyAdd(m.M21, a1, Math.FusedMultiplyAdd(m.M22, a2, xin2));
            a1 = na;
            var nb = Math.FusedMultiplyAdd(m.M11, b1, Math.FusedMultiplyAdd(m.M12, b2, zin1));
            b2 = Math.FusedMultiplyAdd(m.M21, b1, Math.FusedMultiplyAdd(m.M22, b2, zin2));
            b1 = nb;
        }

        // The tails (fewer than four frames) take single steps, exactly as Run's.
        (left1, left2, right1, right2) = (a1, a2, b1, b2);
        Tail(left[i..], section, ref left1, ref left2);
        Tail(right[i..], section, ref right1, ref right2);
    }

    private static void Tail(Span<double> data, in TptSection section, ref double state1, ref double state2)
    {
        var (s1, s2) = (state1, state2);
        for (var i = 0; i < data.Length; i++)
        {
            var input = data[i];
            data[i] = Math.FusedMultiplyAdd(section.O1, s1, Math.FusedMultiplyAdd(section.O2, s2, section.OX * input));
            var n1 = Math.FusedMultiplyAdd(section.S11, s1, Math.FusedMultiplyAdd(section.S12, s2, section.X1 * input));
            s2 = Math.FusedMultiplyAdd(section.S21, s1, Math.FusedMultiplyAdd(section.S22, s2, section.X2 * input));
            s1 = n1;
        }

        (state1, state2) = (s1, s2);
    }

    /// <summary>The state weights of a <see cref="TptQuad"/> in locals the JIT can keep in registers.</summary>
    private readonly struct Quad(in TptQuad q)
    {
        public readonly double M11 = q.M11, M12 = q.M12, M21 = q.M21, M22 = q.M22;
        public readonly double E10 = q.E1.Item1, E11 = q.E1.Item2, E12 = q.E1.Item3, E13 = q.E1.Item4;
        public readonly double E20 = q.E2.Item1, E21 = q.E2.Item2, E22 = q.E2.Item3, E23 = q.E2.Item4;
    }
}
