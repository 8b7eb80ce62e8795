namespace AudioPost.Sdk.Formats.SndFile.Tests;

/// <summary>Proves a path allocates nothing: warm up, then count the bytes this thread allocates over many calls.</summary>
internal static class AllocationAssert
{
    public static void NoAllocations(Action<int> step, int iterations = 10_000, int warmup = 200)
    {
        for (var i = 0; i < warmup; i++)
        {
            step(i);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < iterations; i++)
        {
            step(warmup + i);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated == 0, $"{allocated} bytes allocated over {iterations} iterations.");
    }
}
