using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AudioPost.Sdk.Dsp;

public static partial class SampleConversion
{
    private static void Pcm32ToFloat(ReadOnlySpan<byte> source, Span<float> destination)
    {
        var count = destination.Length;
        var i = 0;
        if (VectorPathsEnabled)
        {
            ref var src = ref Unsafe.As<byte, int>(ref MemoryMarshal.GetReference(source));
            ref var dst = ref MemoryMarshal.GetReference(destination);

            // The int-to-float conversion rounds half to even exactly like the scalar cast.
            if (Vector512.IsHardwareAccelerated)
            {
                var scale = Vector512.Create(Pcm32ToFloatScale);
                for (; i <= count - Vector512<int>.Count; i += Vector512<int>.Count)
                {
                    (Vector512.ConvertToSingle(Vector512.LoadUnsafe(ref src, (nuint)i)) * scale).StoreUnsafe(ref dst, (nuint)i);
                }
            }

            if (Vector256.IsHardwareAccelerated)
            {
                var scale = Vector256.Create(Pcm32ToFloatScale);
                for (; i <= count - Vector256<int>.Count; i += Vector256<int>.Count)
                {
                    (Vector256.ConvertToSingle(Vector256.LoadUnsafe(ref src, (nuint)i)) * scale).StoreUnsafe(ref dst, (nuint)i);
                }
            }

            var scale128 = Vector128.Create(Pcm32ToFloatScale);
            for (; i <= count - Vector128<int>.Count; i += Vector128<int>.Count)
            {
                (Vector128.ConvertToSingle(Vector128.LoadUnsafe(ref src, (nuint)i)) * scale128).StoreUnsafe(ref dst, (nuint)i);
            }
        }

        Pcm32ToFloatScalar(source[(i * 4)..], destination[i..]);
    }

    private static void Pcm32FromFloat(ReadOnlySpan<float> source, Span<byte> destination)
    {
        var count = source.Length;
        var i = 0;
        if (VectorPathsEnabled)
        {
            ref var src = ref MemoryMarshal.GetReference(source);
            ref var dst = ref Unsafe.As<byte, int>(ref MemoryMarshal.GetReference(destination));

            // Since .NET 9 ConvertToInt32 saturates and maps NaN to 0 on every platform, which is exactly the PCM
            // rule; clamping in float first cannot work because the upper bound 2^31 - 1 is not representable.
            if (Vector512.IsHardwareAccelerated)
            {
                var scale = Vector512.Create(Pcm32FromFloatScale);
                for (; i <= count - Vector512<float>.Count; i += Vector512<float>.Count)
                {
                    var scaled = Vector512.Round(Vector512.LoadUnsafe(ref src, (nuint)i) * scale);
                    Vector512.ConvertToInt32(scaled).StoreUnsafe(ref dst, (nuint)i);
                }
            }

            if (Vector256.IsHardwareAccelerated)
            {
                var scale = Vector256.Create(Pcm32FromFloatScale);
                for (; i <= count - Vector256<float>.Count; i += Vector256<float>.Count)
                {
                    var scaled = Vector256.Round(Vector256.LoadUnsafe(ref src, (nuint)i) * scale);
                    Vector256.ConvertToInt32(scaled).StoreUnsafe(ref dst, (nuint)i);
                }
            }

            var scale128 = Vector128.Create(Pcm32FromFloatScale);
            for (; i <= count - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                var scaled = Vector128.Round(Vector128.LoadUnsafe(ref src, (nuint)i) * scale128);
                Vector128.ConvertToInt32(scaled).StoreUnsafe(ref dst, (nuint)i);
            }
        }

        Pcm32FromFloatScalar(source[i..], destination[(i * 4)..]);
    }
}
