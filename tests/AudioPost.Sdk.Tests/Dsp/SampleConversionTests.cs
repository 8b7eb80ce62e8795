using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.InteropServices;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.Tests.TestUtilities;

namespace AudioPost.Sdk.Tests.Dsp;

public sealed class SampleConversionTests
{
    private const float Pcm16Lsb = 1f / 32768;
    private const float Pcm24Lsb = 1f / 8388608;

    public static TheoryData<SampleFormat> AllFormats =>
    [
        SampleFormat.Pcm8,
        SampleFormat.Pcm16,
        SampleFormat.Pcm24,
        SampleFormat.Pcm32,
        SampleFormat.Float32,
        SampleFormat.Float64,
    ];

    public static TheoryData<SampleFormat> PcmFormats =>
        [SampleFormat.Pcm8, SampleFormat.Pcm16, SampleFormat.Pcm24, SampleFormat.Pcm32];

    public static TheoryData<int> ChannelCounts => [1, 2, 3, 6, 8];

    // Values that stress rounding, saturation and NaN handling, repeated through vector-sized arrays so every lane
    // position of every vector width sees each of them.
    private static readonly float[] SpecialValues =
    [
        0f, -0f, 1f, -1f, 2f, -2f, 0.5f, -0.5f, 1e30f, -1e30f, float.MaxValue, float.MinValue,
        float.PositiveInfinity, float.NegativeInfinity, float.NaN, -float.NaN, float.Epsilon, -float.Epsilon,
        0.99999994f, -0.99999994f, 1.0000001f, -1.0000001f,
        0.5f * Pcm16Lsb, 1.5f * Pcm16Lsb, -0.5f * Pcm16Lsb, -2.5f * Pcm16Lsb,
        0.5f * Pcm24Lsb, 1.5f * Pcm24Lsb, -2.5f * Pcm24Lsb, 0.5f / 128, -1.5f / 128,
    ];

    [Fact]
    public void ToFloat_AllPcm8Codes_GivesOffsetScaleAndRoundTripsExactly()
    {
        var bytes = new byte[256];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)i;
        }

        var floats = new float[256];
        SampleConversion.ToFloat(bytes, SampleFormat.Pcm8, floats);
        for (var i = 0; i < floats.Length; i++)
        {
            Assert.Equal((i - 128) / 128f, floats[i]);
        }

        var back = new byte[256];
        SampleConversion.FromFloat(floats, SampleFormat.Pcm8, back);
        Assert.Equal(bytes, back);
    }

    [Fact]
    public void ToFloat_AllPcm16Codes_GivesCodeOver32768AndRoundTripsExactly()
    {
        var bytes = new byte[65536 * 2];
        for (int code = short.MinValue; code <= short.MaxValue; code++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan((code - short.MinValue) * 2), (short)code);
        }

        var floats = new float[65536];
        SampleConversion.ToFloat(bytes, SampleFormat.Pcm16, floats);
        for (var i = 0; i < floats.Length; i++)
        {
            if (floats[i] != (i + short.MinValue) / 32768f)
            {
                Assert.Fail($"Code {i + short.MinValue} decoded to {floats[i]}.");
            }
        }

        var back = new byte[bytes.Length];
        SampleConversion.FromFloat(floats, SampleFormat.Pcm16, back);
        Assert.Equal(bytes, back);
    }

    [Fact]
    public void ToFloat_AllPcm24Codes_GivesCodeOver2Pow23AndRoundTripsExactly()
    {
        const int Chunk = 1 << 20;
        var bytes = new byte[Chunk * 3];
        var floats = new float[Chunk];
        var back = new byte[bytes.Length];
        for (var first = -8388608; first < 8388608; first += Chunk)
        {
            for (var i = 0; i < Chunk; i++)
            {
                var code = first + i;
                bytes[i * 3] = (byte)code;
                bytes[(i * 3) + 1] = (byte)(code >> 8);
                bytes[(i * 3) + 2] = (byte)(code >> 16);
            }

            SampleConversion.ToFloat(bytes, SampleFormat.Pcm24, floats);
            for (var i = 0; i < Chunk; i++)
            {
                if (floats[i] != (first + i) / 8388608f)
                {
                    Assert.Fail($"Code {first + i} decoded to {floats[i]}.");
                }
            }

            SampleConversion.FromFloat(floats, SampleFormat.Pcm24, back);
            if (!bytes.AsSpan().SequenceEqual(back))
            {
                Assert.Fail($"Codes from {first} did not round-trip.");
            }
        }
    }

    [Fact]
    public void FromFloat_Pcm32RandomCodes_RoundTripsWithinFloatPrecision()
    {
        var random = new Random(32);
        var codes = new int[4099];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = random.Next(int.MinValue, int.MaxValue);
        }

        codes[0] = int.MinValue;
        codes[1] = int.MaxValue;
        codes[2] = 0;
        codes[3] = 1 << 24;
        codes[4] = -(1 << 24);
        var bytes = MemoryMarshal.AsBytes(codes.AsSpan()).ToArray();
        var floats = new float[codes.Length];
        SampleConversion.ToFloat(bytes, SampleFormat.Pcm32, floats);
        var back = new byte[bytes.Length];
        SampleConversion.FromFloat(floats, SampleFormat.Pcm32, back);

        for (var i = 0; i < codes.Length; i++)
        {
            Assert.Equal(codes[i] / 2147483648f, floats[i]);
            var decoded = BinaryPrimitives.ReadInt32LittleEndian(back.AsSpan(i * 4));

            // A float keeps 24 significant bits, so a code can move by at most half a step of 2^(31-24).
            Assert.InRange((long)decoded - codes[i], -64, 64);
        }

        Assert.Equal(int.MinValue, BinaryPrimitives.ReadInt32LittleEndian(back.AsSpan(0)));
        Assert.Equal(int.MaxValue, BinaryPrimitives.ReadInt32LittleEndian(back.AsSpan(4)));
        Assert.Equal(1 << 24, BinaryPrimitives.ReadInt32LittleEndian(back.AsSpan(12)));
    }

    [Fact]
    public void ToFloat_Float32RandomBits_CopiesBitExactlyBothWays()
    {
        var random = new Random(5);
        var bytes = new byte[4 * 300];
        random.NextBytes(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes, 0x7FC01234); // NaN with a payload
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), unchecked((int)0x80000000)); // -0
        var floats = new float[300];

        SampleConversion.ToFloat(bytes, SampleFormat.Float32, floats);
        for (var i = 0; i < floats.Length; i++)
        {
            Assert.Equal(BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(i * 4)), BitConverter.SingleToInt32Bits(floats[i]));
        }

        var back = new byte[bytes.Length];
        SampleConversion.FromFloat(floats, SampleFormat.Float32, back);
        Assert.Equal(bytes, back);
    }

    [Fact]
    public void ToFloat_Float64_RoundsToNearestFloatAndFromFloatWidensExactly()
    {
        var random = new Random(64);
        var doubles = new double[301];
        for (var i = 0; i < doubles.Length; i++)
        {
            doubles[i] = (random.NextDouble() * 4) - 2;
        }

        doubles[0] = 1e300;
        doubles[1] = -1e300;
        doubles[2] = double.NaN;
        doubles[3] = 1.0 + Math.Pow(2, -30);
        var bytes = new byte[doubles.Length * 8];
        for (var i = 0; i < doubles.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), doubles[i]);
        }

        var floats = new float[doubles.Length];
        SampleConversion.ToFloat(bytes, SampleFormat.Float64, floats);
        for (var i = 0; i < doubles.Length; i++)
        {
            Assert.Equal((float)doubles[i], floats[i]);
        }

        Assert.Equal(float.PositiveInfinity, floats[0]);
        Assert.Equal(1f, floats[3]);

        var back = new byte[bytes.Length];
        SampleConversion.FromFloat(floats, SampleFormat.Float64, back);
        for (var i = 0; i < floats.Length; i++)
        {
            Assert.Equal((double)floats[i], BinaryPrimitives.ReadDoubleLittleEndian(back.AsSpan(i * 8)));
        }
    }

    [Theory]
    [InlineData(0.5f, SampleFormat.Pcm16, new byte[] { 0x00, 0x40 })]
    [InlineData(-0.5f, SampleFormat.Pcm16, new byte[] { 0x00, 0xC0 })]
    [InlineData(-1.0f, SampleFormat.Pcm16, new byte[] { 0x00, 0x80 })]
    [InlineData(1.0f, SampleFormat.Pcm16, new byte[] { 0xFF, 0x7F })]
    [InlineData(-1.0f, SampleFormat.Pcm24, new byte[] { 0x00, 0x00, 0x80 })]
    [InlineData(1.0f, SampleFormat.Pcm24, new byte[] { 0xFF, 0xFF, 0x7F })]
    [InlineData(0.5f, SampleFormat.Pcm24, new byte[] { 0x00, 0x00, 0x40 })]
    [InlineData(0f, SampleFormat.Pcm8, new byte[] { 0x80 })]
    [InlineData(-1.0f, SampleFormat.Pcm8, new byte[] { 0x00 })]
    [InlineData(1.0f, SampleFormat.Pcm8, new byte[] { 0xFF })]
    [InlineData(-1.0f, SampleFormat.Pcm32, new byte[] { 0x00, 0x00, 0x00, 0x80 })]
    [InlineData(1.0f, SampleFormat.Pcm32, new byte[] { 0xFF, 0xFF, 0xFF, 0x7F })]
    [InlineData(0.25f, SampleFormat.Pcm32, new byte[] { 0x00, 0x00, 0x00, 0x20 })]
    [InlineData(1.0f, SampleFormat.Float32, new byte[] { 0x00, 0x00, 0x80, 0x3F })]
    [InlineData(-2.0f, SampleFormat.Float64, new byte[] { 0, 0, 0, 0, 0, 0, 0x00, 0xC0 })]
    public void FromFloat_KnownValue_WritesExpectedBytes(float sample, SampleFormat format, byte[] expected)
    {
        // Run through a vector-sized array too, so the vector kernels are checked against the same bytes.
        foreach (var count in new[] { 1, 67 })
        {
            var source = Enumerable.Repeat(sample, count).ToArray();
            var bytes = new byte[count * expected.Length];
            SampleConversion.FromFloat(source, format, bytes);
            for (var i = 0; i < count; i++)
            {
                Assert.Equal(expected, bytes.AsSpan(i * expected.Length, expected.Length).ToArray());
            }
        }
    }

    [Theory]
    [InlineData(SampleFormat.Pcm16, new byte[] { 0x00, 0x80 }, -1.0f)]
    [InlineData(SampleFormat.Pcm16, new byte[] { 0xFF, 0x7F }, 32767f / 32768)]
    [InlineData(SampleFormat.Pcm16, new byte[] { 0x00, 0x40 }, 0.5f)]
    [InlineData(SampleFormat.Pcm24, new byte[] { 0x00, 0x00, 0x80 }, -1.0f)]
    [InlineData(SampleFormat.Pcm24, new byte[] { 0xFF, 0xFF, 0xFF }, -1f / 8388608)]
    [InlineData(SampleFormat.Pcm8, new byte[] { 0x80 }, 0f)]
    [InlineData(SampleFormat.Pcm8, new byte[] { 0x00 }, -1.0f)]
    [InlineData(SampleFormat.Pcm32, new byte[] { 0x00, 0x00, 0x00, 0x80 }, -1.0f)]
    public void ToFloat_KnownBytes_GivesExpectedValue(SampleFormat format, byte[] encoded, float expected)
    {
        foreach (var count in new[] { 1, 67 })
        {
            var bytes = new byte[count * encoded.Length];
            for (var i = 0; i < count; i++)
            {
                encoded.CopyTo(bytes, i * encoded.Length);
            }

            var floats = new float[count];
            SampleConversion.ToFloat(bytes, format, floats);
            Assert.All(floats, value => Assert.Equal(expected, value));
        }
    }

    [Theory]
    [InlineData(0.5f, 0)]
    [InlineData(1.5f, 2)]
    [InlineData(2.5f, 2)]
    [InlineData(-0.5f, 0)]
    [InlineData(-1.5f, -2)]
    [InlineData(0.49f, 0)]
    [InlineData(0.51f, 1)]
    public void FromFloat_Pcm16HalfCodeTies_RoundToEven(float codes, int expected)
    {
        var source = Enumerable.Repeat(codes * Pcm16Lsb, 67).ToArray();
        var bytes = new byte[source.Length * 2];
        SampleConversion.FromFloat(source, SampleFormat.Pcm16, bytes);
        for (var i = 0; i < source.Length; i++)
        {
            Assert.Equal(expected, BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(i * 2)));
        }
    }

    [Theory]
    [MemberData(nameof(PcmFormats))]
    public void FromFloat_OutOfRangeAndNaN_SaturatesAndMapsNaNToSilence(SampleFormat format)
    {
        var (min, max) = CodeRange(format);
        float[] inputs = [2f, -2f, 1e30f, -1e30f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, -float.NaN, float.MaxValue, float.MinValue];
        long[] expected = [max, min, max, min, max, min, 0, 0, max, min];
        var source = new float[67];
        for (var i = 0; i < source.Length; i++)
        {
            source[i] = inputs[i % inputs.Length];
        }

        var bytesPerSample = format.GetBytesPerSample();
        var bytes = new byte[source.Length * bytesPerSample];
        SampleConversion.FromFloat(source, format, bytes);
        for (var i = 0; i < source.Length; i++)
        {
            Assert.Equal(expected[i % inputs.Length], ReadCode(bytes.AsSpan(i * bytesPerSample), format));
        }
    }

    [Theory]
    [MemberData(nameof(AllFormats))]
    public void ToFloat_RandomBytesEveryLength_MatchesScalarReference(SampleFormat format)
    {
        var random = new Random(1000 + (int)format);
        var bytesPerSample = format.GetBytesPerSample();
        for (var length = 0; length <= 67; length++)
        {
            // Offset 1 makes every multi-byte load unaligned.
            foreach (var offset in new[] { 0, 1 })
            {
                var bytes = new byte[offset + (length * bytesPerSample) + 5];
                random.NextBytes(bytes);
                var source = bytes.AsSpan(offset, length * bytesPerSample);
                var actual = new float[length];
                var expected = new float[length];

                SampleConversion.ToFloat(source, format, actual);
                SampleConversion.ToFloatReference(source, format, expected);

                Assert.Equal(Bits(expected), Bits(actual));
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllFormats))]
    public void FromFloat_RandomSamplesEveryLength_MatchesScalarReference(SampleFormat format)
    {
        var random = new Random(2000 + (int)format);
        var bytesPerSample = format.GetBytesPerSample();
        for (var length = 0; length <= 67; length++)
        {
            var source = new float[length];
            for (var i = 0; i < length; i++)
            {
                source[i] = random.Next(4) == 0
                    ? SpecialValues[random.Next(SpecialValues.Length)]
                    : (random.NextSingle() * 3) - 1.5f;
            }

            foreach (var offset in new[] { 0, 1 })
            {
                var actual = new byte[offset + (length * bytesPerSample) + 5];
                var expected = new byte[actual.Length];
                random.NextBytes(actual);
                actual.CopyTo(expected, 0);

                SampleConversion.FromFloat(source, format, actual.AsSpan(offset, length * bytesPerSample));
                SampleConversion.FromFloatReference(source, format, expected.AsSpan(offset, length * bytesPerSample));

                // Whole buffers are compared, so a vector store that strays outside the region would show up too.
                Assert.Equal(expected, actual);
            }
        }
    }

    [Theory]
    [MemberData(nameof(ChannelCounts))]
    public void Interleave_StrideLargerThanFrameCount_PlacesEverySampleAndRoundTrips(int channelCount)
    {
        const float Gap = -12345f;
        foreach (var frameCount in new[] { 0, 1, 3, 7, 16, 33, 67, 300 })
        {
            var stride = frameCount + 5;
            var planar = Enumerable.Repeat(Gap, (channelCount * stride) + 2).ToArray();
            for (var c = 0; c < channelCount; c++)
            {
                for (var f = 0; f < frameCount; f++)
                {
                    planar[(c * stride) + f] = (c * 1000) + f;
                }
            }

            var interleaved = Enumerable.Repeat(Gap, (channelCount * frameCount) + 3).ToArray();
            SampleConversion.Interleave(planar, channelCount, frameCount, stride, interleaved);
            for (var f = 0; f < frameCount; f++)
            {
                for (var c = 0; c < channelCount; c++)
                {
                    Assert.Equal((c * 1000) + f, interleaved[(f * channelCount) + c]);
                }
            }

            Assert.All(interleaved[(channelCount * frameCount)..], value => Assert.Equal(Gap, value));

            var back = Enumerable.Repeat(Gap, planar.Length).ToArray();
            SampleConversion.Deinterleave(interleaved, channelCount, frameCount, back, stride);
            Assert.Equal(planar, back);
        }
    }

    [Theory]
    [MemberData(nameof(ChannelCounts))]
    public void Deinterleave_RandomBits_CopiesBitExactly(int channelCount)
    {
        var random = new Random(channelCount);
        const int FrameCount = 131;
        const int Stride = 140;
        var bytes = new byte[channelCount * FrameCount * 4];
        random.NextBytes(bytes);
        var interleaved = MemoryMarshal.Cast<byte, float>(bytes).ToArray();
        var planar = new float[channelCount * Stride];

        SampleConversion.Deinterleave(interleaved, channelCount, FrameCount, planar, Stride);

        for (var c = 0; c < channelCount; c++)
        {
            for (var f = 0; f < FrameCount; f++)
            {
                Assert.Equal(
                    BitConverter.SingleToInt32Bits(interleaved[(f * channelCount) + c]),
                    BitConverter.SingleToInt32Bits(planar[(c * Stride) + f]));
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllFormats))]
    public void DeinterleaveToFloat_AnyLayout_EqualsToFloatThenDeinterleave(SampleFormat format)
    {
        var random = new Random(3000 + (int)format);
        var bytesPerSample = format.GetBytesPerSample();
        foreach (var channelCount in new[] { 1, 2, 3, 6, 8, 1100 })
        {
            foreach (var frameCount in channelCount > 8 ? new[] { 0, 3 } : new[] { 0, 1, 5, 67, 1000 })
            {
                var stride = frameCount + 3;
                var bytes = new byte[(channelCount * frameCount * bytesPerSample) + 1];
                random.NextBytes(bytes);
                var source = bytes.AsSpan(1);

                var fused = Enumerable.Repeat(7f, channelCount * stride).ToArray();
                var twoStep = Enumerable.Repeat(7f, channelCount * stride).ToArray();
                var scratch = new float[channelCount * frameCount];
                SampleConversion.DeinterleaveToFloat(source, format, channelCount, frameCount, fused, stride);
                SampleConversion.ToFloat(source, format, scratch);
                SampleConversion.Deinterleave(scratch, channelCount, frameCount, twoStep, stride);

                Assert.Equal(Bits(twoStep), Bits(fused));
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllFormats))]
    public void InterleaveFromFloat_AnyLayout_EqualsInterleaveThenFromFloat(SampleFormat format)
    {
        var random = new Random(4000 + (int)format);
        var bytesPerSample = format.GetBytesPerSample();
        foreach (var channelCount in new[] { 1, 2, 3, 6, 8, 1100 })
        {
            foreach (var frameCount in channelCount > 8 ? new[] { 0, 3 } : new[] { 0, 1, 5, 67, 1000 })
            {
                var stride = frameCount + 3;
                var planar = new float[channelCount * stride];
                for (var i = 0; i < planar.Length; i++)
                {
                    planar[i] = random.Next(8) == 0
                        ? SpecialValues[random.Next(SpecialValues.Length)]
                        : (random.NextSingle() * 2.2f) - 1.1f;
                }

                var fused = new byte[(channelCount * frameCount * bytesPerSample) + 3];
                random.NextBytes(fused);
                var twoStep = fused.ToArray();
                var scratch = new float[channelCount * frameCount];
                SampleConversion.InterleaveFromFloat(planar, channelCount, frameCount, stride, format, fused.AsSpan(1));
                SampleConversion.Interleave(planar, channelCount, frameCount, stride, scratch);
                SampleConversion.FromFloat(scratch, format, twoStep.AsSpan(1, scratch.Length * bytesPerSample));

                Assert.Equal(twoStep, fused);
            }
        }
    }

    [Fact]
    public void ToFloat_SourceTooShort_ThrowsArgumentException()
    {
        var exception = Assert.Throws<ArgumentException>(
            () => SampleConversion.ToFloat(new byte[5], SampleFormat.Pcm24, new float[2]));
        Assert.Equal("source", exception.ParamName);
    }

    [Fact]
    public void FromFloat_DestinationTooShort_ThrowsArgumentException()
    {
        var exception = Assert.Throws<ArgumentException>(
            () => SampleConversion.FromFloat(new float[3], SampleFormat.Pcm16, new byte[5]));
        Assert.Equal("destination", exception.ParamName);
    }

    [Fact]
    public void ToFloat_LongerSource_IgnoresExtraBytes()
    {
        var floats = new float[1];
        SampleConversion.ToFloat(new byte[] { 0x00, 0x40, 0xFF, 0xFF }, SampleFormat.Pcm16, floats);
        Assert.Equal(0.5f, floats[0]);
    }

    [Fact]
    public void ToFloat_UndefinedFormat_ThrowsArgumentOutOfRangeException()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => SampleConversion.ToFloat(new byte[8], (SampleFormat)99, new float[1]));
        Assert.Throws<ArgumentOutOfRangeException>(
            () => SampleConversion.FromFloat(new float[1], default, new byte[8]));
    }

    [Fact]
    public void ToFloat_OverlappingBuffers_ThrowsArgumentException()
    {
        var shared = new float[8];
        Assert.Throws<ArgumentException>(
            () => SampleConversion.ToFloat(MemoryMarshal.AsBytes(shared.AsSpan(0, 4)), SampleFormat.Pcm16, shared.AsSpan(0, 2)));
        Assert.Throws<ArgumentException>(
            () => SampleConversion.Interleave(shared.AsSpan(0, 4), 2, 2, 2, shared.AsSpan(2, 4)));
    }

    [Fact]
    public void Interleave_InvalidLayout_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => SampleConversion.Interleave(new float[16], 2, 8, 7, new float[16]));
        Assert.Throws<ArgumentOutOfRangeException>(
            () => SampleConversion.Interleave(new float[16], 0, 8, 8, new float[16]));
        Assert.Throws<ArgumentOutOfRangeException>(
            () => SampleConversion.Deinterleave(new float[16], 2, -1, new float[16], 8));
        Assert.Throws<ArgumentException>(
            () => SampleConversion.Interleave(new float[15], 2, 8, 8, new float[16]));
        Assert.Throws<ArgumentException>(
            () => SampleConversion.Deinterleave(new float[15], 2, 8, new float[16], 8));
        Assert.Throws<ArgumentException>(
            () => SampleConversion.DeinterleaveToFloat(new byte[31], SampleFormat.Pcm16, 2, 8, new float[16], 8));
        Assert.Throws<ArgumentException>(
            () => SampleConversion.InterleaveFromFloat(new float[16], 2, 8, 8, SampleFormat.Pcm24, new byte[47]));
    }

    [Fact]
    public void Kernels_AfterWarmUp_AllocateNothing()
    {
        const int FrameCount = 256;
        var floats = new float[6 * FrameCount];
        var planar = new float[6 * FrameCount];
        var bytes = new byte[6 * FrameCount * 8];
        new Random(9).NextBytes(bytes);
        var formats = Enum.GetValues<SampleFormat>();
        int[] channelCounts = [1, 2, 6];

        void RunAll(int iterations)
        {
            for (var n = 0; n < iterations; n++)
            {
                foreach (var format in formats)
                {
                    SampleConversion.ToFloat(bytes, format, floats);
                    SampleConversion.FromFloat(floats, format, bytes);
                    foreach (var channels in channelCounts)
                    {
                        SampleConversion.DeinterleaveToFloat(bytes, format, channels, FrameCount, planar, FrameCount);
                        SampleConversion.InterleaveFromFloat(planar, channels, FrameCount, FrameCount, format, bytes);
                    }
                }

                SampleConversion.Interleave(planar, 2, FrameCount, FrameCount, floats);
                SampleConversion.Deinterleave(floats, 2, FrameCount, planar, FrameCount);
                SampleConversion.Interleave(planar, 6, FrameCount, FrameCount, floats);
                SampleConversion.Deinterleave(floats, 6, FrameCount, planar, FrameCount);
            }
        }

        AllocationAssert.NoAllocations(_ => RunAll(1), iterations: 10_000, warmup: 200);
    }

    [Fact]
    public void ToFloat_SoxGeneratedSine_AgreesWithSoxFloatWithinOneLsb()
    {
        const string Sox = "/usr/bin/sox";
        if (!File.Exists(Sox))
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail("sox is required on CI for the peer agreement test: install it (apt-get install -y sox).");
            }

            Assert.Skip("sox is not installed at /usr/bin/sox.");
        }

        var directory = Directory.CreateTempSubdirectory("audiopost-sox-");
        try
        {
            var pcm16 = RunSox(directory, "pcm16.raw", "-b", "16", "-e", "signed-integer");
            var pcm24 = RunSox(directory, "pcm24.raw", "-b", "24", "-e", "signed-integer");
            var reference = MemoryMarshal.Cast<byte, float>(RunSox(directory, "float.raw", "-b", "32", "-e", "floating-point")).ToArray();
            Assert.Equal(4800, reference.Length);
            Assert.Equal(reference.Length * 2, pcm16.Length);
            Assert.Equal(reference.Length * 3, pcm24.Length);

            AssertAgrees(pcm16, SampleFormat.Pcm16, reference, Pcm16Lsb);
            AssertAgrees(pcm24, SampleFormat.Pcm24, reference, Pcm24Lsb);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static void AssertAgrees(byte[] soxPcm, SampleFormat format, float[] soxFloat, float lsb)
    {
        var decoded = new float[soxFloat.Length];
        SampleConversion.ToFloat(soxPcm, format, decoded);
        for (var i = 0; i < decoded.Length; i++)
        {
            Assert.InRange(decoded[i] - soxFloat[i], -lsb, lsb);
        }

        // And the other way: our encoding of sox's float lands within one code of sox's own encoding.
        var encoded = new byte[soxPcm.Length];
        SampleConversion.FromFloat(soxFloat, format, encoded);
        var bytesPerSample = format.GetBytesPerSample();
        for (var i = 0; i < decoded.Length; i++)
        {
            var ours = ReadCode(encoded.AsSpan(i * bytesPerSample), format);
            var theirs = ReadCode(soxPcm.AsSpan(i * bytesPerSample), format);
            Assert.InRange(ours - theirs, -1, 1);
        }
    }

    private static byte[] RunSox(DirectoryInfo directory, string fileName, params string[] encoding)
    {
        var path = Path.Combine(directory.FullName, fileName);
        var start = new ProcessStartInfo("/usr/bin/sox")
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // -D turns off sox's automatic TPDF dither, which would otherwise add up to another LSB of noise to the
        // integer files and make them disagree with the undithered float rendering by more than rounding.
        foreach (var argument in (string[])["-D", "-n", "-r", "48000", "-c", "1", .. encoding, "-L", "-t", "raw", path,
                     "synth", "0.1", "sine", "1000", "vol", "0.5"])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(30_000), "sox did not finish within 30 s.");
        Assert.True(process.ExitCode == 0, $"sox failed ({process.ExitCode}): {errors}");
        return File.ReadAllBytes(path);
    }

    private static (long Min, long Max) CodeRange(SampleFormat format) => format switch
    {
        SampleFormat.Pcm8 => (-128, 127),
        SampleFormat.Pcm16 => (short.MinValue, short.MaxValue),
        SampleFormat.Pcm24 => (-8388608, 8388607),
        _ => (int.MinValue, int.MaxValue),
    };

    /// <summary>Reads one PCM sample as its signed code (Pcm8 with the 128 offset removed).</summary>
    private static long ReadCode(ReadOnlySpan<byte> bytes, SampleFormat format) => format switch
    {
        SampleFormat.Pcm8 => bytes[0] - 128,
        SampleFormat.Pcm16 => BinaryPrimitives.ReadInt16LittleEndian(bytes),
        SampleFormat.Pcm24 => ((bytes[0] << 8) | (bytes[1] << 16) | (bytes[2] << 24)) >> 8,
        _ => BinaryPrimitives.ReadInt32LittleEndian(bytes),
    };

    private static int[] Bits(float[] values) => MemoryMarshal.Cast<float, int>(values.AsSpan()).ToArray();
}
