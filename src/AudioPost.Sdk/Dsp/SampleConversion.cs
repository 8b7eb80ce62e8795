using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Dsp;

/// <summary>
/// Converts samples between the edge encodings of <see cref="SampleFormat"/> and the SDK's internal 32-bit float,
/// and between interleaved and planar (channel-major) layouts, in one vectorized pass.
/// </summary>
/// <remarks>
/// <para><b>Scaling conventions</b> (identical on every code path and every CPU):</para>
/// <list type="bullet">
/// <item><description>PCM n-bit to float: the signed code is divided by 2^(n-1). -2^(n-1) becomes exactly -1.0 and
/// 2^(n-1)-1 becomes 1 - 2^-(n-1) (0.99997 for 16-bit). <see cref="SampleFormat.Pcm8"/> is offset binary:
/// (b - 128) / 128, so 0x80 is silence.</description></item>
/// <item><description>Float to PCM n-bit: multiplied by 2^(n-1), rounded to the nearest integer with ties to even
/// (the IEEE 754 default, which is what the rounding instructions do), then saturated to [-2^(n-1), 2^(n-1)-1].
/// NaN becomes 0 (0x80 for Pcm8); infinities and values beyond ±1 saturate. Because both directions use the same
/// power-of-two scale, PCM → float → PCM reproduces every 8-, 16- and 24-bit code exactly; 32-bit codes survive
/// only within float precision (24 significant bits, so within 64 codes near full scale).</description></item>
/// <item><description><see cref="SampleFormat.Float32"/>: a bit-exact copy in both directions (NaN payloads, -0 and
/// out-of-range values are kept). <see cref="SampleFormat.Float64"/>: rounded to the nearest float when read
/// (magnitudes beyond float range become infinity) and widened exactly when written.</description></item>
/// </list>
/// <para><b>Layouts.</b> All byte encodings are little-endian and tightly packed (<see cref="SampleFormat.Pcm24"/> uses
/// 3 bytes). Interleaved data stores sample c of frame f at index f * channelCount + c. Planar data is one contiguous
/// channel-major region: channel c occupies [c * channelStride, c * channelStride + frameCount), and
/// channelStride ≥ frameCount; elements in the gaps between channels are neither read nor written.</para>
/// <para><b>Lengths.</b> The sample count is taken from the float (or frame) side; the byte or destination side must be
/// at least as long as needed and anything beyond the converted region is left untouched. Source and destination must
/// not overlap.</para>
/// <para><b>Thread safety.</b> Stateless; any number of threads may call any member concurrently on disjoint buffers.
/// A buffer must not be written by another thread during a call.</para>
/// <para><b>Real-time safety.</b> Every member is real-time safe: no heap allocation, no locks, no system calls, and
/// no exception depends on sample values. Arguments are validated once on entry and an invalid argument (a caller bug)
/// throws before any data is touched. The fused kernels use at most 4 KiB of stack.</para>
/// </remarks>
public static partial class SampleConversion
{
    private const float Pcm8ToFloatScale = 1f / 128;
    private const float Pcm16ToFloatScale = 1f / 32768;
    private const float Pcm24ToFloatScale = 1f / 8388608;
    private const float Pcm32ToFloatScale = 1f / 2147483648;

    private const float Pcm8FromFloatScale = 128f;
    private const float Pcm16FromFloatScale = 32768f;
    private const float Pcm24FromFloatScale = 8388608f;
    private const float Pcm32FromFloatScale = 2147483648f;

    /// <summary>
    /// Gets whether the vector kernels may run. They load integers straight from byte buffers, so they need a
    /// little-endian CPU; every platform where <see cref="Vector128"/> is accelerated (x86, x64, Arm64, WebAssembly)
    /// also tolerates the unaligned scalar loads in their tails, which Arm32 would not.
    /// </summary>
    /// <remarks>A JIT-time constant, so the untaken branch is removed from the compiled kernels.</remarks>
    internal static bool VectorPathsEnabled => BitConverter.IsLittleEndian && Vector128.IsHardwareAccelerated;

    /// <summary>
    /// Decodes little-endian samples of <paramref name="format"/> to floats (scaling in the class remarks).
    /// </summary>
    /// <param name="source">
    /// The encoded samples. Must hold at least <c>destination.Length * format.GetBytesPerSample()</c> bytes; bytes
    /// beyond that are ignored. Need not be aligned.
    /// </param>
    /// <param name="format">The encoding of <paramref name="source"/>.</param>
    /// <param name="destination">
    /// Receives one float per sample: in [-1, 1) for PCM (exactly -1.0 at negative full scale), any value for the
    /// float formats. Its length is the number of samples converted. Must not overlap <paramref name="source"/>.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not a defined value.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="source"/> is too short, or the converted regions overlap.
    /// </exception>
    /// <remarks>Thread-safe and real-time safe (see the class remarks); never throws because of sample values.</remarks>
    public static void ToFloat(ReadOnlySpan<byte> source, SampleFormat format, Span<float> destination)
    {
        var bytesPerSample = format.GetBytesPerSample();
        var byteCount = RequireBytes(source.Length, destination.Length, bytesPerSample, nameof(source));
        var used = source[..byteCount];
        RequireDisjoint(used, destination, nameof(destination));
        ToFloatCore(used, format, destination);
    }

    /// <summary>
    /// Encodes floats as little-endian samples of <paramref name="format"/> (rounding, saturation and NaN handling in
    /// the class remarks).
    /// </summary>
    /// <param name="source">
    /// The samples, nominally in [-1, 1]; any value is accepted. Its length is the number of samples converted.
    /// </param>
    /// <param name="format">The encoding to produce.</param>
    /// <param name="destination">
    /// Receives the encoded samples. Must hold at least <c>source.Length * format.GetBytesPerSample()</c> bytes; bytes
    /// beyond that are left untouched. Need not be aligned. Must not overlap <paramref name="source"/>.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not a defined value.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="destination"/> is too short, or the converted regions overlap.
    /// </exception>
    /// <remarks>Thread-safe and real-time safe (see the class remarks); never throws because of sample values.</remarks>
    public static void FromFloat(ReadOnlySpan<float> source, SampleFormat format, Span<byte> destination)
    {
        var bytesPerSample = format.GetBytesPerSample();
        var byteCount = RequireBytes(destination.Length, source.Length, bytesPerSample, nameof(destination));
        var used = destination[..byteCount];
        RequireDisjoint(used, source, nameof(destination));
        FromFloatCore(source, format, used);
    }

    /// <summary>Decodes exactly <c>destination.Length</c> samples; arguments already validated.</summary>
    private static void ToFloatCore(ReadOnlySpan<byte> source, SampleFormat format, Span<float> destination)
    {
        switch (format)
        {
            case SampleFormat.Pcm8:
                Pcm8ToFloat(source, destination);
                break;
            case SampleFormat.Pcm16:
                Pcm16ToFloat(source, destination);
                break;
            case SampleFormat.Pcm24:
                Pcm24ToFloat(source, destination);
                break;
            case SampleFormat.Pcm32:
                Pcm32ToFloat(source, destination);
                break;
            case SampleFormat.Float32:
                Float32ToFloat(source, destination);
                break;
            default:
                Float64ToFloat(source, destination);
                break;
        }
    }

    /// <summary>Encodes exactly <c>source.Length</c> samples; arguments already validated.</summary>
    private static void FromFloatCore(ReadOnlySpan<float> source, SampleFormat format, Span<byte> destination)
    {
        switch (format)
        {
            case SampleFormat.Pcm8:
                Pcm8FromFloat(source, destination);
                break;
            case SampleFormat.Pcm16:
                Pcm16FromFloat(source, destination);
                break;
            case SampleFormat.Pcm24:
                Pcm24FromFloat(source, destination);
                break;
            case SampleFormat.Pcm32:
                Pcm32FromFloat(source, destination);
                break;
            case SampleFormat.Float32:
                Float32FromFloat(source, destination);
                break;
            default:
                Float64FromFloat(source, destination);
                break;
        }
    }

    /// <summary>Returns the byte count for <paramref name="sampleCount"/> samples, throwing if the buffer is shorter.</summary>
    private static int RequireBytes(int byteLength, long sampleCount, int bytesPerSample, string paramName)
    {
        var required = sampleCount * bytesPerSample;
        if (byteLength < required)
        {
            ThrowTooShort(paramName, byteLength, required, "bytes");
        }

        return (int)required;
    }

    private static void RequireDisjoint<T>(ReadOnlySpan<byte> bytes, ReadOnlySpan<T> other, string paramName)
        where T : struct
    {
        if (bytes.Overlaps(MemoryMarshal.AsBytes(other)))
        {
            ThrowOverlap(paramName);
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowTooShort(string paramName, int actual, long required, string unit) =>
        throw new ArgumentException(
            string.Create(
                CultureInfo.InvariantCulture,
                $"The buffer holds {actual} {unit} but the conversion needs at least {required}."),
            paramName);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOverlap(string paramName) =>
        throw new ArgumentException("The source and destination buffers must not overlap.", paramName);
}
