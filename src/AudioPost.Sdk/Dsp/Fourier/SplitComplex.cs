using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AudioPost.Sdk.Dsp.Fourier;

/// <summary>
/// Kernels on spectra kept as split complex arrays (all real parts, then all imaginary parts): the layout
/// in which a complex multiply-accumulate is four vertical multiply-adds with no shuffles, which is what
/// the convolution's frequency-domain delay line spends its time on.
/// </summary>
/// <remarks>Real-time safe: no allocation. Callers guarantee the lengths.</remarks>
internal static class SplitComplex
{
    /// <summary>Splits <paramref name="count"/> interleaved complex values into <paramref name="re"/> and <paramref name="im"/>.</summary>
    public static void Deinterleave(ReadOnlySpan<float> interleaved, int count, Span<float> re, Span<float> im)
    {
        for (var k = 0; k < count; k++)
        {
            re[k] = interleaved[2 * k];
            im[k] = interleaved[(2 * k) + 1];
        }
    }

    /// <summary>Joins <paramref name="count"/> split complex values into <paramref name="interleaved"/>.</summary>
    public static void Interleave(ReadOnlySpan<float> re, ReadOnlySpan<float> im, int count, Span<float> interleaved)
    {
        for (var k = 0; k < count; k++)
        {
            interleaved[2 * k] = re[k];
            interleaved[(2 * k) + 1] = im[k];
        }
    }

    /// <summary>
    /// <c>acc += x · h</c> over split complex arrays of one length (a multiple of 16 for the vector path;
    /// any length works).
    /// </summary>
    public static void MultiplyAccumulate(
        ReadOnlySpan<float> xRe, ReadOnlySpan<float> xIm, ReadOnlySpan<float> hRe, ReadOnlySpan<float> hIm, Span<float> accRe, Span<float> accIm)
    {
        var length = accRe.Length;
        if (xRe.Length < length || xIm.Length < length || hRe.Length < length || hIm.Length < length || accIm.Length < length)
        {
            ThrowLength();
        }

        ref var xr = ref MemoryMarshal.GetReference(xRe);
        ref var xi = ref MemoryMarshal.GetReference(xIm);
        ref var hr = ref MemoryMarshal.GetReference(hRe);
        ref var hi = ref MemoryMarshal.GetReference(hIm);
        ref var ar = ref MemoryMarshal.GetReference(accRe);
        ref var ai = ref MemoryMarshal.GetReference(accIm);
        var k = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; k <= length - Vector512<float>.Count; k += Vector512<float>.Count)
            {
                var i = (nuint)k;
                var a = Vector512.LoadUnsafe(ref xr, i);
                var b = Vector512.LoadUnsafe(ref xi, i);
                var c = Vector512.LoadUnsafe(ref hr, i);
                var d = Vector512.LoadUnsafe(ref hi, i);
                (Vector512.LoadUnsafe(ref ar, i) + (a * c) - (b * d)).StoreUnsafe(ref ar, i);
                (Vector512.LoadUnsafe(ref ai, i) + (a * d) + (b * c)).StoreUnsafe(ref ai, i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; k <= length - Vector256<float>.Count; k += Vector256<float>.Count)
            {
                var i = (nuint)k;
                var a = Vector256.LoadUnsafe(ref xr, i);
                var b = Vector256.LoadUnsafe(ref xi, i);
                var c = Vector256.LoadUnsafe(ref hr, i);
                var d = Vector256.LoadUnsafe(ref hi, i);
                (Vector256.LoadUnsafe(ref ar, i) + (a * c) - (b * d)).StoreUnsafe(ref ar, i);
                (Vector256.LoadUnsafe(ref ai, i) + (a * d) + (b * c)).StoreUnsafe(ref ai, i);
            }
        }

        for (; k < length; k++)
        {
            var a = xRe[k];
            var b = xIm[k];
            accRe[k] += (a * hRe[k]) - (b * hIm[k]);
            accIm[k] += (a * hIm[k]) + (b * hRe[k]);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLength() => throw new ArgumentException("Split complex spans must all be at least as long as the accumulator.");
}
