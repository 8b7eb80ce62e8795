using AudioPost.Sdk.Graph;

namespace AudioPost.Sdk.Tests.Graph.Differential;

/// <summary>Drives the renderer under test the way a host would, for the differential tests.</summary>
internal static class DifferentialHarness
{
    /// <summary>
    /// Runs one random case per seed, 0 to <paramref name="seeds"/> − 1, each with a <see cref="Random"/> of that seed;
    /// logs the first five failure messages.
    /// </summary>
    /// <param name="seeds">How many seeds.</param>
    /// <param name="runOne">Builds, renders and checks one case; returns a failure message, or null when it matches.</param>
    /// <param name="log">Where the failure messages go.</param>
    /// <returns>The number of failing seeds.</returns>
    public static int RunSeeds(int seeds, Func<Random, int, string?> runOne, ITestOutputHelper log)
    {
        var failures = 0;
        for (var seed = 0; seed < seeds; seed++)
        {
            var message = runOne(new Random(seed), seed);
            if (message is not null)
            {
                failures++;
                if (failures <= 5)
                {
                    log.WriteLine(message);
                }
            }
        }

        return failures;
    }

    /// <summary>
    /// Renders <paramref name="frames"/> frames: through the host path in random chunk sizes when the
    /// graph has an output (<paramref name="outputChannels"/> &gt; 0), else block by block for the sinks.
    /// </summary>
    /// <returns>The interleaved host output (empty without an output node).</returns>
    public static float[] Render(AudioRenderer renderer, int outputChannels, int frames, int block, Random random)
    {
        var done = 0;
        if (outputChannels == 0)
        {
            while (done < frames)
            {
                var chunk = Math.Min(block, frames - done);
                renderer.RenderBlock(chunk);
                done += chunk;
            }

            return [];
        }

        var host = new float[frames * outputChannels];
        while (done < frames)
        {
            var chunk = Math.Min(random.Next(1, (2 * block) + 3), frames - done);
            renderer.Render(host.AsSpan(done * outputChannels, chunk * outputChannels));
            done += chunk;
        }

        return host;
    }
}
