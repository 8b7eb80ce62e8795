using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Dsp;

// The fused kernels let file and device I/O touch each large buffer once. Mono, and stereo Pcm16 and Float32 (the
// common device formats), convert directly. Everything else converts a block of whole frames into a stack scratch
// buffer small enough to stay in L1 and (de)interleaves it from there, which reuses the vectorized format kernels and
// produces exactly the two-step result.
public static partial class SampleConversion
{
    /// <summary>Floats of stack scratch used by the blocked fused path (4 KiB).</summary>
    private const int ScratchLength = 1024;

    /// <summary>
    /// Decodes interleaved little-endian samples of <paramref name="format"/> straight into planar float channels:
    /// <c>planar[c * channelStride + f] = decode(sample f * channelCount + c)</c>, with the scaling in the class remarks.
    /// Equivalent to <see cref="ToFloat"/> followed by <see cref="Deinterleave"/>, in one pass.
    /// </summary>
    /// <param name="interleaved">
    /// The encoded frames; must hold at least <c>channelCount * frameCount * format.GetBytesPerSample()</c> bytes, and
    /// bytes beyond that are ignored. Need not be aligned.
    /// </param>
    /// <param name="format">The encoding of <paramref name="interleaved"/>.</param>
    /// <param name="channelCount">Number of channels, at least 1.</param>
    /// <param name="frameCount">Number of frames (samples per channel), at least 0.</param>
    /// <param name="planar">
    /// Receives the channels: channel c is written to <c>[c * channelStride, c * channelStride + frameCount)</c>. Must
    /// hold at least <c>(channelCount - 1) * channelStride + frameCount</c> floats (nothing when
    /// <paramref name="frameCount"/> is 0). Elements between and after the channels are untouched. Must not overlap
    /// <paramref name="interleaved"/>.
    /// </param>
    /// <param name="channelStride">Distance in floats between the starts of consecutive channels, at least <paramref name="frameCount"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="format"/> is not a defined value, <paramref name="channelCount"/> is less than 1,
    /// <paramref name="frameCount"/> is negative, or <paramref name="channelStride"/> is less than
    /// <paramref name="frameCount"/>.
    /// </exception>
    /// <exception cref="ArgumentException">A buffer is too short, or the buffers overlap.</exception>
    /// <remarks>
    /// Thread-safe and real-time safe (see the class remarks); uses at most 4 KiB of stack and never throws because
    /// of sample values.
    /// </remarks>
    public static void DeinterleaveToFloat(
        ReadOnlySpan<byte> interleaved,
        SampleFormat format,
        int channelCount,
        int frameCount,
        Span<float> planar,
        int channelStride)
    {
        var bytesPerSample = format.GetBytesPerSample();
        var planarUsed = planar[..RequirePlanar(planar.Length, channelCount, frameCount, channelStride, nameof(planar))];
        var bytesUsed = interleaved[..RequireInterleaved(
            interleaved.Length, channelCount, frameCount, bytesPerSample, nameof(interleaved))];
        RequireDisjoint(bytesUsed, planarUsed, nameof(planar));

        if (frameCount == 0)
        {
            return;
        }

        if (channelCount == 1)
        {
            ToFloatCore(bytesUsed, format, planarUsed);
            return;
        }

        if (channelCount == 2 && VectorPathsEnabled && format is SampleFormat.Pcm16 or SampleFormat.Float32)
        {
            ref var source = ref MemoryMarshal.GetReference(bytesUsed);
            ref var left = ref MemoryMarshal.GetReference(planarUsed);
            ref var right = ref Unsafe.Add(ref left, channelStride);
            if (format == SampleFormat.Pcm16)
            {
                DeinterleaveStereoPcm16(ref source, ref left, ref right, frameCount);
            }
            else
            {
                DeinterleaveStereo(ref source, ref left, ref right, frameCount);
            }

            return;
        }

        var framesPerBlock = ScratchLength / channelCount;
        if (framesPerBlock == 0)
        {
            // More channels than the scratch holds: rare enough that per-sample dispatch is acceptable.
            for (var f = 0; f < frameCount; f++)
            {
                for (var c = 0; c < channelCount; c++)
                {
                    var sample = bytesUsed.Slice((int)(((long)f * channelCount) + c) * bytesPerSample, bytesPerSample);
                    ToFloatCore(sample, format, planarUsed.Slice((c * channelStride) + f, 1));
                }
            }

            return;
        }

        Span<float> scratch = stackalloc float[Math.Min(ScratchLength, channelCount * frameCount)];
        for (var first = 0; first < frameCount; first += framesPerBlock)
        {
            var frames = Math.Min(framesPerBlock, frameCount - first);
            var block = scratch[..(frames * channelCount)];
            ToFloatCore(bytesUsed.Slice(first * channelCount * bytesPerSample, block.Length * bytesPerSample), format, block);
            DeinterleaveCore(block, channelCount, frames, planarUsed[first..], channelStride);
        }
    }

    /// <summary>
    /// Encodes planar float channels straight into interleaved little-endian samples of <paramref name="format"/>:
    /// <c>sample f * channelCount + c = encode(planar[c * channelStride + f])</c>, with the rounding, saturation and NaN
    /// handling in the class remarks. Equivalent to <see cref="Interleave"/> followed by <see cref="FromFloat"/>, in one
    /// pass.
    /// </summary>
    /// <param name="planar">
    /// The channel-major source: channel c occupies <c>[c * channelStride, c * channelStride + frameCount)</c>, values
    /// nominally in [-1, 1] but any value is accepted. Must hold at least
    /// <c>(channelCount - 1) * channelStride + frameCount</c> floats (nothing when <paramref name="frameCount"/> is 0).
    /// Elements between channels are not read.
    /// </param>
    /// <param name="channelCount">Number of channels, at least 1.</param>
    /// <param name="frameCount">Number of frames (samples per channel), at least 0.</param>
    /// <param name="channelStride">Distance in floats between the starts of consecutive channels, at least <paramref name="frameCount"/>.</param>
    /// <param name="format">The encoding to produce.</param>
    /// <param name="interleaved">
    /// Receives the encoded frames; must hold at least <c>channelCount * frameCount * format.GetBytesPerSample()</c>
    /// bytes, and bytes beyond that are untouched. Need not be aligned. Must not overlap <paramref name="planar"/>.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="format"/> is not a defined value, <paramref name="channelCount"/> is less than 1,
    /// <paramref name="frameCount"/> is negative, or <paramref name="channelStride"/> is less than
    /// <paramref name="frameCount"/>.
    /// </exception>
    /// <exception cref="ArgumentException">A buffer is too short, or the buffers overlap.</exception>
    /// <remarks>
    /// Thread-safe and real-time safe (see the class remarks); uses at most 4 KiB of stack and never throws because
    /// of sample values.
    /// </remarks>
    public static void InterleaveFromFloat(
        ReadOnlySpan<float> planar,
        int channelCount,
        int frameCount,
        int channelStride,
        SampleFormat format,
        Span<byte> interleaved)
    {
        var bytesPerSample = format.GetBytesPerSample();
        var planarUsed = planar[..RequirePlanar(planar.Length, channelCount, frameCount, channelStride, nameof(planar))];
        var bytesUsed = interleaved[..RequireInterleaved(
            interleaved.Length, channelCount, frameCount, bytesPerSample, nameof(interleaved))];
        RequireDisjoint(bytesUsed, planarUsed, nameof(interleaved));

        if (frameCount == 0)
        {
            return;
        }

        if (channelCount == 1)
        {
            FromFloatCore(planarUsed, format, bytesUsed);
            return;
        }

        if (channelCount == 2 && VectorPathsEnabled && format is SampleFormat.Pcm16 or SampleFormat.Float32)
        {
            ref var left = ref MemoryMarshal.GetReference(planarUsed);
            ref var right = ref Unsafe.Add(ref left, channelStride);
            ref var destination = ref MemoryMarshal.GetReference(bytesUsed);
            if (format == SampleFormat.Pcm16)
            {
                InterleaveStereoPcm16(ref left, ref right, ref destination, frameCount);
            }
            else
            {
                InterleaveStereo(ref left, ref right, ref destination, frameCount);
            }

            return;
        }

        var framesPerBlock = ScratchLength / channelCount;
        if (framesPerBlock == 0)
        {
            for (var f = 0; f < frameCount; f++)
            {
                for (var c = 0; c < channelCount; c++)
                {
                    var sample = bytesUsed.Slice((int)(((long)f * channelCount) + c) * bytesPerSample, bytesPerSample);
                    FromFloatCore(planarUsed.Slice((c * channelStride) + f, 1), format, sample);
                }
            }

            return;
        }

        Span<float> scratch = stackalloc float[Math.Min(ScratchLength, channelCount * frameCount)];
        for (var first = 0; first < frameCount; first += framesPerBlock)
        {
            var frames = Math.Min(framesPerBlock, frameCount - first);
            var block = scratch[..(frames * channelCount)];
            InterleaveCore(planarUsed[first..], channelCount, frames, channelStride, block);
            FromFloatCore(block, format, bytesUsed.Slice(first * channelCount * bytesPerSample, block.Length * bytesPerSample));
        }
    }

    /// <summary>Decodes stereo Pcm16 frames (one 32-bit lane each) into two channels; little-endian only.</summary>
    private static void DeinterleaveStereoPcm16(ref byte interleaved, ref float left, ref float right, int frameCount)
    {
        var i = 0;
        ref var frames = ref Unsafe.As<byte, int>(ref interleaved);

        // Left is the low half of each lane: shifting it to the top first lets the arithmetic shift sign-extend it.
        // No 512-bit tier, for the same measured reason as DeinterleaveStereo.
        if (Vector256.IsHardwareAccelerated)
        {
            var scale = Vector256.Create(Pcm16ToFloatScale);
            for (; i <= frameCount - Vector256<int>.Count; i += Vector256<int>.Count)
            {
                var pairs = Vector256.LoadUnsafe(ref frames, (nuint)i);
                var leftCodes = Vector256.ShiftRightArithmetic(Vector256.ShiftLeft(pairs, 16), 16);
                var rightCodes = Vector256.ShiftRightArithmetic(pairs, 16);
                (Vector256.ConvertToSingle(leftCodes) * scale).StoreUnsafe(ref left, (nuint)i);
                (Vector256.ConvertToSingle(rightCodes) * scale).StoreUnsafe(ref right, (nuint)i);
            }
        }

        var scale128 = Vector128.Create(Pcm16ToFloatScale);
        for (; i <= frameCount - Vector128<int>.Count; i += Vector128<int>.Count)
        {
            var pairs = Vector128.LoadUnsafe(ref frames, (nuint)i);
            var leftCodes = Vector128.ShiftRightArithmetic(Vector128.ShiftLeft(pairs, 16), 16);
            var rightCodes = Vector128.ShiftRightArithmetic(pairs, 16);
            (Vector128.ConvertToSingle(leftCodes) * scale128).StoreUnsafe(ref left, (nuint)i);
            (Vector128.ConvertToSingle(rightCodes) * scale128).StoreUnsafe(ref right, (nuint)i);
        }

        for (; i < frameCount; i++)
        {
            ref var frame = ref Unsafe.AddByteOffset(ref interleaved, (nint)i * 4);
            Unsafe.Add(ref left, i) = Unsafe.ReadUnaligned<short>(ref frame) * Pcm16ToFloatScale;
            Unsafe.Add(ref right, i) = Unsafe.ReadUnaligned<short>(ref Unsafe.Add(ref frame, 2)) * Pcm16ToFloatScale;
        }
    }

    /// <summary>Encodes two channels as stereo Pcm16 frames (one 32-bit lane each); little-endian only.</summary>
    private static void InterleaveStereoPcm16(ref float left, ref float right, ref byte interleaved, int frameCount)
    {
        const float Min = short.MinValue;
        const float Max = short.MaxValue;
        var i = 0;
        ref var frames = ref Unsafe.As<byte, int>(ref interleaved);

        if (Vector512.IsHardwareAccelerated)
        {
            var lowHalf = Vector512.Create(0xFFFF);
            for (; i <= frameCount - Vector512<int>.Count; i += Vector512<int>.Count)
            {
                var leftCodes = Quantize(Vector512.LoadUnsafe(ref left, (nuint)i), Pcm16FromFloatScale, Min, Max);
                var rightCodes = Quantize(Vector512.LoadUnsafe(ref right, (nuint)i), Pcm16FromFloatScale, Min, Max);
                ((leftCodes & lowHalf) | Vector512.ShiftLeft(rightCodes, 16)).StoreUnsafe(ref frames, (nuint)i);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var lowHalf = Vector256.Create(0xFFFF);
            for (; i <= frameCount - Vector256<int>.Count; i += Vector256<int>.Count)
            {
                var leftCodes = Quantize(Vector256.LoadUnsafe(ref left, (nuint)i), Pcm16FromFloatScale, Min, Max);
                var rightCodes = Quantize(Vector256.LoadUnsafe(ref right, (nuint)i), Pcm16FromFloatScale, Min, Max);
                ((leftCodes & lowHalf) | Vector256.ShiftLeft(rightCodes, 16)).StoreUnsafe(ref frames, (nuint)i);
            }
        }

        var lowHalf128 = Vector128.Create(0xFFFF);
        for (; i <= frameCount - Vector128<int>.Count; i += Vector128<int>.Count)
        {
            var leftCodes = Quantize(Vector128.LoadUnsafe(ref left, (nuint)i), Pcm16FromFloatScale, Min, Max);
            var rightCodes = Quantize(Vector128.LoadUnsafe(ref right, (nuint)i), Pcm16FromFloatScale, Min, Max);
            ((leftCodes & lowHalf128) | Vector128.ShiftLeft(rightCodes, 16)).StoreUnsafe(ref frames, (nuint)i);
        }

        for (; i < frameCount; i++)
        {
            ref var frame = ref Unsafe.AddByteOffset(ref interleaved, (nint)i * 4);
            var leftCode = (short)QuantizeScalar(Unsafe.Add(ref left, i), Pcm16FromFloatScale, short.MinValue, short.MaxValue);
            var rightCode = (short)QuantizeScalar(Unsafe.Add(ref right, i), Pcm16FromFloatScale, short.MinValue, short.MaxValue);
            Unsafe.WriteUnaligned(ref frame, leftCode);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref frame, 2), rightCode);
        }
    }
}
