using AudioPost.Sdk.Graph;

namespace AudioPost.Sdk.Tests.TestUtilities;

internal static class GraphHarness
{
    /// <summary>Renders <paramref name="frames"/> frames of host output in chunks of the given sizes (cycled).</summary>
    public static float[] RenderHost(AudioRenderer renderer, int frames, params int[] chunkSizes)
    {
        var channels = renderer.OutputChannelCount;
        var output = new float[frames * channels];
        var done = 0;
        for (var k = 0; done < frames; k++)
        {
            var chunk = Math.Min(chunkSizes.Length == 0 ? renderer.BlockSize : chunkSizes[k % chunkSizes.Length], frames - done);
            renderer.Render(output.AsSpan(done * channels, chunk * channels));
            done += chunk;
        }

        return output;
    }
}
