using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AudioPost.Sdk.Dsp;

// Each vector width runs in turn on what the wider one left, so an AVX-512 machine exercises every width on short tails.
public static partial class SampleConversion
{
    private static void Pcm16ToFloat(ReadOnlySpan<byte> source, Span<float> destination)
    {
        var count = destination.Length;
        var i = 0;
        if (VectorPathsEnabled)
        {
            ref var src = ref Unsafe.As<byte, short>(ref MemoryMarshal.GetReference(source));
            ref var dst = ref MemoryMarshal.GetReference(destination);

            if (Vector512.IsHardwareAccelerated)
            {
                var scale = Vector512.Create(Pcm16ToFloatScale);
                for (; i <= count - Vector512<short>.Count; i += Vector512<short>.Count)
                {
                    var (lower, upper) = Vector512.Widen(Vector512.LoadUnsafe(ref src, (nuint)i));
                    (Vector512.ConvertToSingle(lower) * scale).StoreUnsafe(ref dst, (nuint)i);
                    (Vector512.ConvertToSingle(upper) * scale).StoreUnsafe(ref dst, (nuint)(i + Vector512<int>.Count));
                }
            }

            if (Vector256.IsHardwareAccelerated)
            {
                var scale = Vector256.Create(Pcm16ToFloatScale);
                for (; i <= count - Vector256<short>.Count; i += Vector256<short>.Count)
                {
                    var (lower, upper) = Vector256.Widen(Vector256.LoadUnsafe(ref src, (nuint)i));
                    (Vector256.ConvertToSingle(lower) * scale).StoreUnsafe(ref dst, (nuint)i);
                    (Vector256.ConvertToSingle(upper) * scale).StoreUnsafe(ref dst, (nuint)(i + Vector256<int>.Count));
                }
            }

            var scale128 = Vector128.Create(Pcm16ToFloatScale);
            for (; i <= count - Vector128<short>.Count; i += Vector128<short>.Count)
            {
                var (lower, upper) = Vector128.Widen(Vector128.LoadUnsafe(ref src, (nuint)i));
                (Vector128.ConvertToSingle(lower) * scale128).StoreUnsafe(ref dst, (nuint)i);
                (Vector128.ConvertToSingle(upper) * scale128).StoreUnsafe(ref dst, (nuint)(i + Vector128<int>.Count));
            }
        }

        Pcm16ToFloatScalar(source[(i * 2)..], destination[i..]);
    }

    private static void Pcm16FromFloat(ReadOnlySpan<float> source, Span<byte> destination)
    {
        const float Min = short.MinValue;
        const float Max = short.MaxValue;
        var count = source.Length;
        var i = 0;
        if (VectorPathsEnabled)
        {
            ref var src = ref MemoryMarshal.GetReference(source);
            ref var dst = ref Unsafe.As<byte, short>(ref MemoryMarshal.GetReference(destination));

            if (Vector512.IsHardwareAccelerated)
            {
                for (; i <= count - Vector512<short>.Count; i += Vector512<short>.Count)
                {
                    var lower = Quantize(Vector512.LoadUnsafe(ref src, (nuint)i), Pcm16FromFloatScale, Min, Max);
                    var upper = Quantize(
                        Vector512.LoadUnsafe(ref src, (nuint)(i + Vector512<float>.Count)), Pcm16FromFloatScale, Min, Max);
                    Vector512.Narrow(lower, upper).StoreUnsafe(ref dst, (nuint)i);
                }
            }

            if (Vector256.IsHardwareAccelerated)
            {
                for (; i <= count - Vector256<short>.Count; i += Vector256<short>.Count)
                {
                    var lower = Quantize(Vector256.LoadUnsafe(ref src, (nuint)i), Pcm16FromFloatScale, Min, Max);
                    var upper = Quantize(
                        Vector256.LoadUnsafe(ref src, (nuint)(i + Vector256<float>.Count)), Pcm16FromFloatScale, Min, Max);
                    Vector256.Narrow(lower, upper).StoreUnsafe(ref dst, (nuint)i);
                }
            }

            for (; i <= count - Vector128<short>.Count; i += Vector128<short>.Count)
            {
                var lower = Quantize(Vector128.LoadUnsafe(ref src, (nuint)i), Pcm16FromFloatScale, Min, Max);
                var upper = Quantize(
                    Vector128.LoadUnsafe(ref src, (nuint)(i + Vector128<float>.Count)), Pcm16FromFloatScale, Min, Max);
                Vector128.Narrow(lower, upper).StoreUnsafe(ref dst, (nuint)i);
            }
        }

        Pcm16FromFloatScalar(source[i..], destination[(i * 2)..]);
    }
}
