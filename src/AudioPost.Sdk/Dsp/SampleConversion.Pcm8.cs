using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AudioPost.Sdk.Dsp;

public static partial class SampleConversion
{
    private static void Pcm8ToFloat(ReadOnlySpan<byte> source, Span<float> destination)
    {
        var count = destination.Length;
        var i = 0;
        if (VectorPathsEnabled)
        {
            ref var src = ref MemoryMarshal.GetReference(source);
            ref var dst = ref MemoryMarshal.GetReference(destination);

            if (Vector256.IsHardwareAccelerated)
            {
                var offset = Vector256.Create(128);
                var scale = Vector256.Create(Pcm8ToFloatScale);
                for (; i <= count - Vector256<byte>.Count; i += Vector256<byte>.Count)
                {
                    var (low, high) = Vector256.Widen(Vector256.LoadUnsafe(ref src, (nuint)i));
                    var (q0, q1) = Vector256.Widen(low);
                    var (q2, q3) = Vector256.Widen(high);
                    var step = (nuint)Vector256<int>.Count;
                    (Vector256.ConvertToSingle(q0.AsInt32() - offset) * scale).StoreUnsafe(ref dst, (nuint)i);
                    (Vector256.ConvertToSingle(q1.AsInt32() - offset) * scale).StoreUnsafe(ref dst, (nuint)i + step);
                    (Vector256.ConvertToSingle(q2.AsInt32() - offset) * scale).StoreUnsafe(ref dst, (nuint)i + (2 * step));
                    (Vector256.ConvertToSingle(q3.AsInt32() - offset) * scale).StoreUnsafe(ref dst, (nuint)i + (3 * step));
                }
            }

            var offset128 = Vector128.Create(128);
            var scale128 = Vector128.Create(Pcm8ToFloatScale);
            for (; i <= count - Vector128<byte>.Count; i += Vector128<byte>.Count)
            {
                var (low, high) = Vector128.Widen(Vector128.LoadUnsafe(ref src, (nuint)i));
                var (q0, q1) = Vector128.Widen(low);
                var (q2, q3) = Vector128.Widen(high);
                var step = (nuint)Vector128<int>.Count;
                (Vector128.ConvertToSingle(q0.AsInt32() - offset128) * scale128).StoreUnsafe(ref dst, (nuint)i);
                (Vector128.ConvertToSingle(q1.AsInt32() - offset128) * scale128).StoreUnsafe(ref dst, (nuint)i + step);
                (Vector128.ConvertToSingle(q2.AsInt32() - offset128) * scale128).StoreUnsafe(ref dst, (nuint)i + (2 * step));
                (Vector128.ConvertToSingle(q3.AsInt32() - offset128) * scale128).StoreUnsafe(ref dst, (nuint)i + (3 * step));
            }
        }

        Pcm8ToFloatScalar(source[i..], destination[i..]);
    }

    private static void Pcm8FromFloat(ReadOnlySpan<float> source, Span<byte> destination)
    {
        const float Min = sbyte.MinValue;
        const float Max = sbyte.MaxValue;
        var count = source.Length;
        var i = 0;
        if (VectorPathsEnabled)
        {
            ref var src = ref MemoryMarshal.GetReference(source);
            ref var dst = ref MemoryMarshal.GetReference(destination);

            // Offset binary: after the +128 every lane is in [0, 255], so the truncating narrows cannot wrap.
            if (Vector256.IsHardwareAccelerated)
            {
                var offset = Vector256.Create(128);
                for (; i <= count - Vector256<byte>.Count; i += Vector256<byte>.Count)
                {
                    var step = (nuint)Vector256<float>.Count;
                    var q0 = Quantize(Vector256.LoadUnsafe(ref src, (nuint)i), Pcm8FromFloatScale, Min, Max) + offset;
                    var q1 = Quantize(Vector256.LoadUnsafe(ref src, (nuint)i + step), Pcm8FromFloatScale, Min, Max) + offset;
                    var q2 = Quantize(Vector256.LoadUnsafe(ref src, (nuint)i + (2 * step)), Pcm8FromFloatScale, Min, Max) + offset;
                    var q3 = Quantize(Vector256.LoadUnsafe(ref src, (nuint)i + (3 * step)), Pcm8FromFloatScale, Min, Max) + offset;
                    var low = Vector256.Narrow(q0.AsUInt32(), q1.AsUInt32());
                    var high = Vector256.Narrow(q2.AsUInt32(), q3.AsUInt32());
                    Vector256.Narrow(low, high).StoreUnsafe(ref dst, (nuint)i);
                }
            }

            var offset128 = Vector128.Create(128);
            for (; i <= count - Vector128<byte>.Count; i += Vector128<byte>.Count)
            {
                var step = (nuint)Vector128<float>.Count;
                var q0 = Quantize(Vector128.LoadUnsafe(ref src, (nuint)i), Pcm8FromFloatScale, Min, Max) + offset128;
                var q1 = Quantize(Vector128.LoadUnsafe(ref src, (nuint)i + step), Pcm8FromFloatScale, Min, Max) + offset128;
                var q2 = Quantize(Vector128.LoadUnsafe(ref src, (nuint)i + (2 * step)), Pcm8FromFloatScale, Min, Max) + offset128;
                var q3 = Quantize(Vector128.LoadUnsafe(ref src, (nuint)i + (3 * step)), Pcm8FromFloatScale, Min, Max) + offset128;
                var low = Vector128.Narrow(q0.AsUInt32(), q1.AsUInt32());
                var high = Vector128.Narrow(q2.AsUInt32(), q3.AsUInt32());
                Vector128.Narrow(low, high).StoreUnsafe(ref dst, (nuint)i);
            }
        }

        Pcm8FromFloatScalar(source[i..], destination[i..]);
    }
}
