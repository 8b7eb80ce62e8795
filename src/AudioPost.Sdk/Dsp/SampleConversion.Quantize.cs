using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AudioPost.Sdk.Dsp;

// Vector counterparts of QuantizeScalar for codes of at most 24 bits. NaN lanes are zeroed first, so the *Native
// min/max/convert (whose NaN and overflow behaviour differs between x86 and Arm) only ever see finite in-range values
// and agree with the scalar reference everywhere. 32-bit codes cannot use this: 2^31 - 1 is not a float, so they
// rely on the saturating ConvertToInt32 instead.
public static partial class SampleConversion
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Quantize(Vector128<float> samples, float scale, float min, float max)
    {
        var scaled = Vector128.Round(samples * Vector128.Create(scale));
        scaled &= Vector128.Equals(scaled, scaled);
        scaled = Vector128.MinNative(Vector128.MaxNative(scaled, Vector128.Create(min)), Vector128.Create(max));
        return Vector128.ConvertToInt32Native(scaled);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Quantize(Vector256<float> samples, float scale, float min, float max)
    {
        var scaled = Vector256.Round(samples * Vector256.Create(scale));
        scaled &= Vector256.Equals(scaled, scaled);
        scaled = Vector256.MinNative(Vector256.MaxNative(scaled, Vector256.Create(min)), Vector256.Create(max));
        return Vector256.ConvertToInt32Native(scaled);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> Quantize(Vector512<float> samples, float scale, float min, float max)
    {
        var scaled = Vector512.Round(samples * Vector512.Create(scale));
        scaled &= Vector512.Equals(scaled, scaled);
        scaled = Vector512.MinNative(Vector512.MaxNative(scaled, Vector512.Create(min)), Vector512.Create(max));
        return Vector512.ConvertToInt32Native(scaled);
    }
}
