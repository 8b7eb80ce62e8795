using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AudioPost.Sdk.Dsp;

// Packed 24-bit samples straddle lanes, so both directions go through a 128-bit byte shuffle (one pshufb or tbl)
// and wider vectors are assembled from 128-bit halves. The loads and stores are 16 bytes wide but only 12 carry
// samples; the loop bounds keep those extra bytes inside the region being converted, and on the write side the next
// store (or the scalar tail) overwrites them.
public static partial class SampleConversion
{
    private static void Pcm24ToFloat(ReadOnlySpan<byte> source, Span<float> destination)
    {
        var count = destination.Length;
        var i = 0;
        if (VectorPathsEnabled)
        {
            ref var src = ref MemoryMarshal.GetReference(source);
            ref var dst = ref MemoryMarshal.GetReference(destination);

            // Each 3-byte code lands in the top three bytes of an int lane (index 0x80 yields a zero byte), giving
            // code * 256 with the sign in place; 2^-31 then scales it to code / 2^23 exactly.
            var spread = Vector128.Create((byte)0x80, 0, 1, 2, 0x80, 3, 4, 5, 0x80, 6, 7, 8, 0x80, 9, 10, 11);
            var scale128 = Vector128.Create(Pcm32ToFloatScale);

            if (Vector256.IsHardwareAccelerated)
            {
                var scale = Vector256.Create(Pcm32ToFloatScale);

                // 8 samples per step; the second 16-byte load ends 28 bytes in, so 10 samples must remain.
                for (; i <= count - 10; i += 8)
                {
                    ref var at = ref Unsafe.Add(ref src, i * 3);
                    var lower = Vector128.Shuffle(Vector128.LoadUnsafe(ref at), spread);
                    var upper = Vector128.Shuffle(Vector128.LoadUnsafe(ref at, 12), spread);
                    var codes = Vector256.Create(lower, upper).AsInt32();
                    (Vector256.ConvertToSingle(codes) * scale).StoreUnsafe(ref dst, (nuint)i);
                }
            }

            // 4 samples per step; the 16-byte load needs 6 samples' worth of bytes.
            for (; i <= count - 6; i += 4)
            {
                var codes = Vector128.Shuffle(Vector128.LoadUnsafe(ref Unsafe.Add(ref src, i * 3)), spread).AsInt32();
                (Vector128.ConvertToSingle(codes) * scale128).StoreUnsafe(ref dst, (nuint)i);
            }
        }

        Pcm24ToFloatScalar(source[(i * 3)..], destination[i..]);
    }

    private static void Pcm24FromFloat(ReadOnlySpan<float> source, Span<byte> destination)
    {
        const float Min = -8388608f;
        const float Max = 8388607f;
        var count = source.Length;
        var i = 0;
        if (VectorPathsEnabled)
        {
            ref var src = ref MemoryMarshal.GetReference(source);
            ref var dst = ref MemoryMarshal.GetReference(destination);

            // Keeps the low three bytes of each int lane and packs them into the first 12 bytes.
            var pack = Vector128.Create((byte)0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0x80, 0x80, 0x80, 0x80);

            if (Vector256.IsHardwareAccelerated)
            {
                // 8 samples per step; the second store ends 28 bytes in, so 10 samples must remain.
                for (; i <= count - 10; i += 8)
                {
                    var codes = Quantize(Vector256.LoadUnsafe(ref src, (nuint)i), Pcm24FromFloatScale, Min, Max).AsByte();
                    ref var at = ref Unsafe.Add(ref dst, i * 3);
                    Vector128.Shuffle(codes.GetLower(), pack).StoreUnsafe(ref at);
                    Vector128.Shuffle(codes.GetUpper(), pack).StoreUnsafe(ref at, 12);
                }
            }

            for (; i <= count - 6; i += 4)
            {
                var codes = Quantize(Vector128.LoadUnsafe(ref src, (nuint)i), Pcm24FromFloatScale, Min, Max).AsByte();
                Vector128.Shuffle(codes, pack).StoreUnsafe(ref Unsafe.Add(ref dst, i * 3));
            }
        }

        Pcm24FromFloatScalar(source[i..], destination[(i * 3)..]);
    }
}
