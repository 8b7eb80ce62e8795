using AudioPost.Sdk.Dsp.Dynamics;

namespace AudioPost.Sdk.Tests.Dsp.Dynamics;

public sealed class GainComputerTests
{
    [Theory]
    [InlineData(-20f, 4f, 0f)]
    [InlineData(-18f, 3f, 1f)]
    [InlineData(-30f, 10f, 12f)]
    [InlineData(-6f, float.PositiveInfinity, 6f)]
    public void CompressorReductionDb_Block_IsBitIdenticalToThePerSampleCurve(float threshold, float ratio, float knee)
    {
        // Levels sweep through the whole curve, including both knee edges exactly, in a length that is not a
        // multiple of the vector width (so the scalar tail runs too).
        var levels = new float[1_003];
        for (var i = 0; i < levels.Length; i++)
        {
            levels[i] = -80f + (i * 0.08f);
        }

        levels[10] = threshold - (knee / 2);
        levels[11] = threshold + (knee / 2);
        levels[12] = threshold;
        levels[13] = -160f;
        var block = new float[levels.Length];

        GainComputer.CompressorReductionDb(levels, block, threshold, ratio, knee);

        var nonZero = 0;
        for (var i = 0; i < levels.Length; i++)
        {
            var expected = GainComputer.CompressorReductionDb(levels[i], threshold, ratio, knee);
            Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(block[i]));
            nonZero += expected > 0f ? 1 : 0;
        }

        Assert.InRange(nonZero, 100, levels.Length - 100);
    }

    [Fact]
    public void CompressorReductionDb_Block_InPlaceAndTooShortDestination()
    {
        float[] levels = [-30f, -10f, 0f];
        var copy = (float[])levels.Clone();
        GainComputer.CompressorReductionDb(levels, levels, -20f, 2f, 0f);
        Assert.Equal([0f, 5f, 10f], levels);
        Assert.Throws<ArgumentException>(() => GainComputer.CompressorReductionDb(copy, new float[2], -20f, 2f, 0f));
    }
}
