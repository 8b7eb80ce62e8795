using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace AudioPost.Sdk.Dsp;

// Big-endian and signed-8-bit encodings (AIFF) are handled by rewriting the bytes in place into the little-endian
// encodings the kernels above understand, so the format code needs no second set of vectorized kernels and no second
// buffer: a reader converts its own read buffer before decoding it, a writer converts its own write buffer after
// encoding into it.
public static partial class SampleConversion
{
    /// <summary>
    /// Reverses the byte order of every sample in <paramref name="samples"/> in place, turning big-endian samples into
    /// little-endian ones and back.
    /// </summary>
    /// <param name="samples">Tightly packed samples; the length must be a multiple of <paramref name="bytesPerSample"/>.
    /// Need not be aligned.</param>
    /// <param name="bytesPerSample">1 (nothing to do), 2, 3, 4 or 8.</param>
    /// <remarks>Thread-safe on disjoint buffers, allocation-free and real-time safe. 2-, 4- and 8-byte samples use the
    /// vectorized <see cref="BinaryPrimitives.ReverseEndianness(ReadOnlySpan{ushort}, Span{ushort})"/> family, which
    /// allows the source and destination to be the same span.</remarks>
    internal static void ReverseSampleBytes(Span<byte> samples, int bytesPerSample)
    {
        switch (bytesPerSample)
        {
            case 2:
                var halves = MemoryMarshal.Cast<byte, ushort>(samples);
                BinaryPrimitives.ReverseEndianness(halves, halves);
                break;
            case 3:
                // No 24-bit primitive exists: swap the outer bytes of each triple; the middle one stays.
                for (var i = 0; i + 2 < samples.Length; i += 3)
                {
                    (samples[i], samples[i + 2]) = (samples[i + 2], samples[i]);
                }

                break;
            case 4:
                var words = MemoryMarshal.Cast<byte, uint>(samples);
                BinaryPrimitives.ReverseEndianness(words, words);
                break;
            case 8:
                var longs = MemoryMarshal.Cast<byte, ulong>(samples);
                BinaryPrimitives.ReverseEndianness(longs, longs);
                break;
        }
    }

    /// <summary>
    /// Flips the top bit of every byte in place, converting 8-bit signed two's-complement samples (AIFF) to the
    /// offset-binary encoding of <see cref="Buffers.SampleFormat.Pcm8"/> (WAV) and back: 0x00 ↔ 0x80 is silence.
    /// </summary>
    /// <param name="samples">One byte per sample.</param>
    /// <remarks>Thread-safe on disjoint buffers, allocation-free and real-time safe.</remarks>
    internal static void FlipSignBits8(Span<byte> samples)
    {
        // Eight samples per step; the tail goes byte by byte.
        var words = MemoryMarshal.Cast<byte, ulong>(samples);
        for (var i = 0; i < words.Length; i++)
        {
            words[i] ^= 0x8080_8080_8080_8080UL;
        }

        for (var i = words.Length * sizeof(ulong); i < samples.Length; i++)
        {
            samples[i] ^= 0x80;
        }
    }
}
