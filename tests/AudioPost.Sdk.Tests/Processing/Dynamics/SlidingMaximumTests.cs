using AudioPost.Sdk.Dsp.Dynamics;

namespace AudioPost.Sdk.Tests.Processing.Dynamics;

public sealed class SlidingMaximumTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(64)]
    public void Push_RandomAndMonotonicRuns_MatchesABruteForceWindowMaximum(int length)
    {
        var random = new Random(length);
        var window = new SlidingMaximum(length);
        var values = new float[5_000];
        for (var i = 0; i < values.Length; i++)
        {
            // Stretches of strictly decreasing, increasing and random values: the deque's worst cases.
            values[i] = (i / 500 % 3) switch { 0 => -i, 1 => i, _ => (float)random.NextDouble() };
        }

        for (var i = 0; i < values.Length; i++)
        {
            var expected = float.MinValue;
            for (var j = Math.Max(0, i - length + 1); j <= i; j++)
            {
                expected = Math.Max(expected, values[j]);
            }

            Assert.Equal(expected, window.Push(values[i]));
        }
    }
}
