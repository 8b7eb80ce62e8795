namespace AudioPost.Sdk.Tests.TestUtilities;

/// <summary>Proves a render path allocates nothing: warm up, then count the bytes this thread allocates over many calls.</summary>
internal static class AllocationAssert
{
    /// <summary>
    /// Runs <paramref name="step"/> <paramref name="warmup"/> times, then measures windows of
    /// <paramref name="iterations"/> calls; passes when a window allocates nothing.
    /// </summary>
    /// <remarks>
    /// Up to three windows are measured because the runtime can allocate once on this thread while it swaps in
    /// optimised code (tiered compilation, on-stack replacement) early in a test process. That happens once; an
    /// allocation the code under test makes per call shows in every window, so it still fails.
    /// </remarks>
    public static void NoAllocations(Action<int> step, int iterations = 10_000, int warmup = 200)
    {
        var calls = 0;
        for (; calls < warmup; calls++)
        {
            step(calls);
        }

        var measured = new List<long>(3);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < iterations; i++, calls++)
            {
                step(calls);
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated == 0)
            {
                return;
            }

            measured.Add(allocated);
        }

        Assert.Fail($"{string.Join(", ", measured)} bytes allocated in three windows of {iterations} iterations on the render thread.");
    }
}
