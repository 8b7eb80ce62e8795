using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Resampling;

namespace AudioPost.Sdk.Tests.Dsp.Resampling;

/// <summary>
/// The batched inner products behind the fixed-ratio resampler: correct against a double-precision sum, and each
/// product the same bit for bit whatever the other seven in its batch are (the property that lets the resampler group
/// outputs and channels freely).
/// </summary>
public sealed class PolyphaseBatchTests
{
    public static TheoryData<int> TapCounts() => new() { 2, 16, 64, 208, 304 };

    [Theory]
    [MemberData(nameof(TapCounts))]
    public void Dot8_Single_MatchesADoublePrecisionSum(int taps)
    {
        var (history, row) = Data<float>(taps, seed: 3);
        Span<float> sums = stackalloc float[PolyphaseBatch.Width];
        int[] offsets = [0, 5, 17, 31, 40, 63, 64, 100];
        Dot8(history, row, offsets, sums);
        for (var b = 0; b < PolyphaseBatch.Width; b++)
        {
            double expected = 0, scale = 0;
            for (var k = 0; k < taps; k++)
            {
                expected += (double)history[offsets[b] + k] * row[k];
                scale += Math.Abs((double)history[offsets[b] + k] * row[k]);
            }

            // Float accumulation over at most 304 terms: far inside 1e-5 of the sum of magnitudes.
            Assert.True(Math.Abs(sums[b] - expected) <= 1e-5 * scale, $"product {b}: {sums[b]} vs {expected}");
        }
    }

    [Theory]
    [MemberData(nameof(TapCounts))]
    public void Dot8_Double_MatchesADoublePrecisionSum(int taps)
    {
        var (history, row) = Data<double>(taps, seed: 4);
        Span<double> sums = stackalloc double[PolyphaseBatch.Width];
        int[] offsets = [1, 2, 3, 50, 51, 77, 90, 101];
        Dot8(history, row, offsets, sums);
        for (var b = 0; b < PolyphaseBatch.Width; b++)
        {
            double expected = 0;
            for (var k = 0; k < taps; k++)
            {
                expected += history[offsets[b] + k] * row[k];
            }

            // Terms below 1 in magnitude: two orders of summation differ by far less than 1e-12.
            Assert.Equal(expected, sums[b], 1e-12);
        }
    }

    [Theory]
    [MemberData(nameof(TapCounts))]
    public void Dot8_EachProductIsTheSameWhateverItsBatchMates(int taps)
    {
        var (history, row) = Data<float>(taps, seed: 5);
        Span<float> mixed = stackalloc float[PolyphaseBatch.Width];
        Span<float> alone = stackalloc float[PolyphaseBatch.Width];
        int[] offsets = [9, 2, 33, 71, 4, 58, 100, 13];
        Dot8(history, row, offsets, mixed);
        for (var b = 0; b < PolyphaseBatch.Width; b++)
        {
            int[] repeated = [.. Enumerable.Repeat(offsets[b], PolyphaseBatch.Width)];
            Dot8(history, row, repeated, alone);
            Assert.Equal(mixed[b], alone[(b + 3) % PolyphaseBatch.Width]);
        }
    }

    [Theory]
    [MemberData(nameof(TapCounts))]
    public void Dot4AndDot2_EqualDot8BitForBit(int taps)
    {
        var (single, singleRow) = Data<float>(taps, seed: 6);
        var (@double, doubleRow) = Data<double>(taps, seed: 7);
        int[] offsets = [9, 2, 33, 71, 4, 58, 100, 13];
        Span<float> wide = stackalloc float[PolyphaseBatch.Width];
        Span<float> narrow = stackalloc float[PolyphaseBatch.Width];
        Dot8(single, singleRow, offsets, wide);
        PolyphaseBatch.Dot4(ref single[9], ref single[2], ref single[33], ref single[71], ref singleRow[0], taps, narrow);
        Assert.Equal(wide[..4].ToArray(), narrow[..4].ToArray());
        PolyphaseBatch.Dot2(ref single[9], ref single[2], ref singleRow[0], taps, narrow);
        Assert.Equal(wide[..2].ToArray(), narrow[..2].ToArray());

        Span<double> wideDouble = stackalloc double[PolyphaseBatch.Width];
        Span<double> narrowDouble = stackalloc double[PolyphaseBatch.Width];
        Dot8(@double, doubleRow, offsets, wideDouble);
        PolyphaseBatch.Dot4(ref @double[9], ref @double[2], ref @double[33], ref @double[71], ref doubleRow[0], taps, narrowDouble);
        Assert.Equal(wideDouble[..4].ToArray(), narrowDouble[..4].ToArray());
        PolyphaseBatch.Dot2(ref @double[9], ref @double[2], ref doubleRow[0], taps, narrowDouble);
        Assert.Equal(wideDouble[..2].ToArray(), narrowDouble[..2].ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(6)]
    public void Resample_EveryChannelEqualsItsMonoConversion(int channels)
    {
        // Mono, stereo and other channel counts batch their products differently; the results must not show it.
        const int frames = 9_000;
        var random = new Random(channels);
        var input = new float[channels * frames];
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = (float)((random.NextDouble() * 2) - 1);
        }

        foreach (var quality in new[] { ResamplerQuality.High, ResamplerQuality.VeryHigh })
        {
            using var together = Resampler.Resample(new ReadOnlyAudioBlock(input, channels, frames), 48_000, 44_100, quality);
            for (var c = 0; c < channels; c++)
            {
                using var alone = Resampler.Resample(new ReadOnlyAudioBlock(input.AsSpan(c * frames, frames), 1, frames), 48_000, 44_100, quality);
                Assert.Equal(alone.GetChannel(0).ToArray(), together.GetChannel(c).ToArray());
            }
        }
    }

    private static void Dot8<T>(T[] history, T[] row, int[] offsets, Span<T> sums)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        PolyphaseBatch.Dot8(
            ref history[offsets[0]],
            ref history[offsets[1]],
            ref history[offsets[2]],
            ref history[offsets[3]],
            ref history[offsets[4]],
            ref history[offsets[5]],
            ref history[offsets[6]],
            ref history[offsets[7]],
            ref row[0],
            row.Length,
            sums);

    private static (T[] History, T[] Row) Data<T>(int taps, int seed)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var history = new T[101 + taps];
        var row = new T[taps];
        for (var i = 0; i < history.Length; i++)
        {
            history[i] = T.CreateTruncating((random.NextDouble() * 2) - 1);
        }

        for (var k = 0; k < taps; k++)
        {
            row[k] = T.CreateTruncating((random.NextDouble() * 2) - 1);
        }

        return (history, row);
    }
}
