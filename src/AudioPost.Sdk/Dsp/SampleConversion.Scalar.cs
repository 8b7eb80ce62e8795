using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Dsp;

// The scalar loops are the reference: the vector kernels must match them bit for bit, they finish every vector
// kernel's tail, and they are the whole implementation on big-endian or non-SIMD hardware.
public static partial class SampleConversion
{
    /// <summary>
    /// Decodes <c>destination.Length</c> samples with the scalar reference loops only, bypassing every vector path.
    /// No validation: <paramref name="source"/> must hold enough bytes.
    /// </summary>
    internal static void ToFloatReference(ReadOnlySpan<byte> source, SampleFormat format, Span<float> destination)
    {
        switch (format)
        {
            case SampleFormat.Pcm8:
                Pcm8ToFloatScalar(source, destination);
                break;
            case SampleFormat.Pcm16:
                Pcm16ToFloatScalar(source, destination);
                break;
            case SampleFormat.Pcm24:
                Pcm24ToFloatScalar(source, destination);
                break;
            case SampleFormat.Pcm32:
                Pcm32ToFloatScalar(source, destination);
                break;
            case SampleFormat.Float32:
                Float32ToFloatScalar(source, destination);
                break;
            case SampleFormat.Float64:
                Float64ToFloatScalar(source, destination);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown sample format.");
        }
    }

    /// <summary>
    /// Encodes <c>source.Length</c> samples with the scalar reference loops only, bypassing every vector path.
    /// No validation: <paramref name="destination"/> must hold enough bytes.
    /// </summary>
    internal static void FromFloatReference(ReadOnlySpan<float> source, SampleFormat format, Span<byte> destination)
    {
        switch (format)
        {
            case SampleFormat.Pcm8:
                Pcm8FromFloatScalar(source, destination);
                break;
            case SampleFormat.Pcm16:
                Pcm16FromFloatScalar(source, destination);
                break;
            case SampleFormat.Pcm24:
                Pcm24FromFloatScalar(source, destination);
                break;
            case SampleFormat.Pcm32:
                Pcm32FromFloatScalar(source, destination);
                break;
            case SampleFormat.Float32:
                Float32FromFloatScalar(source, destination);
                break;
            case SampleFormat.Float64:
                Float64FromFloatScalar(source, destination);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown sample format.");
        }
    }

    /// <summary>
    /// Scales, rounds half to even and saturates one sample. Comparing in float before the cast keeps the result
    /// independent of how a runtime converts out-of-range floats, and <paramref name="max"/> as float may round up
    /// (2^31 - 1 becomes 2^31), which still saturates correctly because every float below it converts exactly.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int QuantizeScalar(float sample, float scale, int min, int max)
    {
        var scaled = MathF.Round(sample * scale, MidpointRounding.ToEven);
        if (float.IsNaN(scaled))
        {
            return 0;
        }

        if (scaled <= min)
        {
            return min;
        }

        return scaled >= max ? max : (int)scaled;
    }

    private static void Pcm8ToFloatScalar(ReadOnlySpan<byte> source, Span<float> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = (source[i] - 128) * Pcm8ToFloatScale;
        }
    }

    private static void Pcm16ToFloatScalar(ReadOnlySpan<byte> source, Span<float> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = BinaryPrimitives.ReadInt16LittleEndian(source[(i * 2)..]) * Pcm16ToFloatScale;
        }
    }

    private static void Pcm24ToFloatScalar(ReadOnlySpan<byte> source, Span<float> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            var bytes = source.Slice(i * 3, 3);

            // Assemble the code in the top three bytes so the arithmetic shift sign-extends bit 23.
            var code = ((bytes[0] << 8) | (bytes[1] << 16) | (bytes[2] << 24)) >> 8;
            destination[i] = code * Pcm24ToFloatScale;
        }
    }

    private static void Pcm32ToFloatScalar(ReadOnlySpan<byte> source, Span<float> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = BinaryPrimitives.ReadInt32LittleEndian(source[(i * 4)..]) * Pcm32ToFloatScale;
        }
    }

    private static void Float32ToFloatScalar(ReadOnlySpan<byte> source, Span<float> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = BinaryPrimitives.ReadSingleLittleEndian(source[(i * 4)..]);
        }
    }

    private static void Float64ToFloatScalar(ReadOnlySpan<byte> source, Span<float> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(source[(i * 8)..]);
        }
    }

    private static void Pcm8FromFloatScalar(ReadOnlySpan<float> source, Span<byte> destination)
    {
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = (byte)(QuantizeScalar(source[i], Pcm8FromFloatScale, sbyte.MinValue, sbyte.MaxValue) + 128);
        }
    }

    private static void Pcm16FromFloatScalar(ReadOnlySpan<float> source, Span<byte> destination)
    {
        for (var i = 0; i < source.Length; i++)
        {
            var code = QuantizeScalar(source[i], Pcm16FromFloatScale, short.MinValue, short.MaxValue);
            BinaryPrimitives.WriteInt16LittleEndian(destination[(i * 2)..], (short)code);
        }
    }

    private static void Pcm24FromFloatScalar(ReadOnlySpan<float> source, Span<byte> destination)
    {
        for (var i = 0; i < source.Length; i++)
        {
            var code = QuantizeScalar(source[i], Pcm24FromFloatScale, -8388608, 8388607);
            var bytes = destination.Slice(i * 3, 3);
            bytes[0] = (byte)code;
            bytes[1] = (byte)(code >> 8);
            bytes[2] = (byte)(code >> 16);
        }
    }

    private static void Pcm32FromFloatScalar(ReadOnlySpan<float> source, Span<byte> destination)
    {
        for (var i = 0; i < source.Length; i++)
        {
            var code = QuantizeScalar(source[i], Pcm32FromFloatScale, int.MinValue, int.MaxValue);
            BinaryPrimitives.WriteInt32LittleEndian(destination[(i * 4)..], code);
        }
    }

    private static void Float32FromFloatScalar(ReadOnlySpan<float> source, Span<byte> destination)
    {
        for (var i = 0; i < source.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(destination[(i * 4)..], source[i]);
        }
    }

    private static void Float64FromFloatScalar(ReadOnlySpan<float> source, Span<byte> destination)
    {
        for (var i = 0; i < source.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(destination[(i * 8)..], source[i]);
        }
    }
}
