using System.Buffers.Binary;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Aiff;

namespace AudioPost.Sdk.Tests.Formats.Aiff;

/// <summary>The 80-bit IEEE 754 extended sample rate, against the vectors of REFERENCE.md §5.5.</summary>
public sealed class AiffSampleRateTests
{
    public static TheoryData<int, string> ReferenceVectors() => new()
    {
        { 8000, "400BFA00000000000000" },
        { 11025, "400CAC44000000000000" },
        { 16000, "400CFA00000000000000" },
        { 22050, "400DAC44000000000000" },
        { 32000, "400DFA00000000000000" },
        { 44100, "400EAC44000000000000" },
        { 48000, "400EBB80000000000000" },
        { 88200, "400FAC44000000000000" },
        { 96000, "400FBB80000000000000" },
        { 176400, "4010AC44000000000000" },
        { 192000, "4010BB80000000000000" },
    };

    [Theory]
    [MemberData(nameof(ReferenceVectors))]
    public void Write_ReferenceRate_ProducesTheReferenceBytes(int rate, string hex)
    {
        var bytes = new byte[10];
        AiffExtended.Write((uint)rate, bytes);

        Assert.Equal(hex, Convert.ToHexString(bytes));
    }

    [Theory]
    [MemberData(nameof(ReferenceVectors))]
    public void TryReadRate_ReferenceBytes_GivesTheRateExactly(int rate, string hex)
    {
        var status = AiffExtended.TryReadRate(Convert.FromHexString(hex), 1_536_000, out var read, out var approximate);

        Assert.Equal(AiffExtended.RateStatus.Ok, status);
        Assert.Equal(rate, read);
        Assert.Equal(rate, approximate);
    }

    [Theory]
    [MemberData(nameof(ReferenceVectors))]
    public void OpenEncodedFile_ReferenceRate_HeaderCarriesTheReferenceBytes(int rate, string hex)
    {
        using var stream = new MemoryStream();
        using (var writer = new AiffEncoder().Create(stream, new AudioSpec(rate, ChannelLayout.Mono), SampleFormat.Pcm16, new EncoderOptions { LeaveOpen = true }))
        {
            writer.Complete();
        }

        // COMM payload of a plain AIFF starts at 20; the rate is its bytes 8 to 17.
        Assert.Equal(hex, Convert.ToHexString(stream.ToArray(), 28, 10));
        stream.Position = 0;
        using var reader = AiffDecoder.Instance.Open(stream);
        Assert.Equal(rate, reader.Info.SampleRate);
    }

    [Fact]
    public void WriteThenRead_EveryRateFrom1ToAboveAMillion_RoundTripsExactly()
    {
        var bytes = new byte[10];
        for (var rate = 1; rate <= 1_536_000; rate += rate < 100_000 ? 1 : 997)
        {
            AiffExtended.Write((uint)rate, bytes);
            Assert.Equal(AiffExtended.RateStatus.Ok, AiffExtended.TryReadRate(bytes, 1_536_000, out var read, out _));
            Assert.Equal(rate, read);
        }
    }

    [Theory]
    [InlineData(44100.4, 44100)]
    [InlineData(44100.5, 44101)]
    [InlineData(44099.75, 44100)]
    [InlineData(0.5, 1)]
    [InlineData(1536000.25, 1536000)]
    public void TryReadRate_FractionalRate_RoundsToNearestHzHalvesUp(double value, int expected)
    {
        Assert.Equal(AiffExtended.RateStatus.Ok, AiffExtended.TryReadRate(ToExtended(value), 1_536_000, out var rate, out _));
        Assert.Equal(expected, rate);
    }

    [Theory]
    [InlineData("7FFFC000000000000000", "NaN")]
    [InlineData("7FFF8000000000000000", "Infinite")]
    [InlineData("FFFF8000000000000000", "Infinite")]
    [InlineData("C00EAC44000000000000", "Negative")]
    [InlineData("80000000000000000000", "Negative")]
    [InlineData("00000000000000000000", "Zero")]
    [InlineData("3FFD8000000000000000", "Zero")]
    [InlineData("00010000000000000001", "Zero")]
    [InlineData("4014BB80000000000000", "TooHigh")]
    [InlineData("403EFFFFFFFFFFFFFFFF", "TooHigh")]
    [InlineData("7FFEFFFFFFFFFFFFFFFF", "TooHigh")]
    public void TryReadRate_InvalidRate_ReportsWhy(string hex, string expected)
    {
        Assert.Equal(expected, AiffExtended.TryReadRate(Convert.FromHexString(hex), 1_536_000, out var rate, out _).ToString());
        Assert.Equal(0, rate);
    }

    [Theory]
    [InlineData("7FFFC000000000000000", "sample rate is not a number")]
    [InlineData("7FFF8000000000000000", "sample rate is infinite")]
    [InlineData("C00EAC44000000000000", "sample rate -44100 Hz is invalid")]
    [InlineData("00000000000000000000", "sample rate 0 Hz is invalid")]
    [InlineData("4014BB80000000000000", "sample rate 3072000 Hz is invalid: it must round to 1 to 1536000 Hz")]
    public void Open_BadRate_ThrowsWithTheRateFieldOffset(string hex, string reason)
    {
        var file = AiffBytes.Aiff(AiffBytes.Comm(rate: Convert.FromHexString(hex)), AiffBytes.Ssnd(new byte[16]));
        var exception = Assert.Throws<AudioFormatException>(() => AiffDecoder.Instance.Open(new MemoryStream(file)));

        Assert.Equal(20 + 8, exception.Offset);
        Assert.Contains(reason, exception.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_MaximumRate_IsAccepted()
    {
        // 48000 × 2^5 = 1,536,000 Hz, AudioSpec.MaxSampleRate.
        Assert.Equal(1_536_000, OpenRate(Convert.FromHexString("4013BB80000000000000")));
    }

    private static int OpenRate(byte[] rate)
    {
        using var reader = AiffDecoder.Instance.Open(new MemoryStream(AiffBytes.Aiff(AiffBytes.Comm(rate: rate), AiffBytes.Ssnd(new byte[16]))));
        return reader.Info.SampleRate;
    }

    /// <summary>Encodes a positive double (exactly, since a double's 53-bit significand fits in 64 bits).</summary>
    private static byte[] ToExtended(double value)
    {
        var exponent = (int)Math.Floor(Math.Log2(value));
        var significand = (ulong)Math.ScaleB(value, 63 - exponent);
        var bytes = new byte[10];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)(16383 + exponent));
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(2), significand);
        return bytes;
    }
}
