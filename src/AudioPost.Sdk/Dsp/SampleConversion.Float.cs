using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace AudioPost.Sdk.Dsp;

public static partial class SampleConversion
{
    private static void Float32ToFloat(ReadOnlySpan<byte> source, Span<float> destination)
    {
        // On little-endian hardware the encoding is the in-memory float, so a block copy is bit-exact and
        // alignment-agnostic.
        if (BitConverter.IsLittleEndian)
        {
            source.CopyTo(MemoryMarshal.AsBytes(destination));
        }
        else
        {
            Float32ToFloatScalar(source, destination);
        }
    }

    private static void Float32FromFloat(ReadOnlySpan<float> source, Span<byte> destination)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(source).CopyTo(destination);
        }
        else
        {
            Float32FromFloatScalar(source, destination);
        }
    }

    private static void Float64ToFloat(ReadOnlySpan<byte> source, Span<float> destination)
    {
        // TensorPrimitives vectorizes the narrowing with the same round-to-nearest as the scalar cast. It indexes the
        // reinterpreted span directly, which is only safe where unaligned double loads are (VectorPathsEnabled).
        if (VectorPathsEnabled)
        {
            TensorPrimitives.ConvertTruncating(MemoryMarshal.Cast<byte, double>(source), destination);
        }
        else
        {
            Float64ToFloatScalar(source, destination);
        }
    }

    private static void Float64FromFloat(ReadOnlySpan<float> source, Span<byte> destination)
    {
        // float to double is exact, so "truncating" here is plain widening.
        if (VectorPathsEnabled)
        {
            TensorPrimitives.ConvertTruncating(source, MemoryMarshal.Cast<byte, double>(destination));
        }
        else
        {
            Float64FromFloatScalar(source, destination);
        }
    }
}
