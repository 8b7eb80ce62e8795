using AudioPost.Sdk.Graph;

namespace AudioPost.Sdk.Tests.Graph.Differential;

/// <summary>Drives the renderer under test the way a host would, for the differential tests.</summary>
internal static class DifferentialHarness
{
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
