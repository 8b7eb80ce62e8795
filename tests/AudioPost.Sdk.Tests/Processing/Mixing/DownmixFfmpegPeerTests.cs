using System.Runtime.InteropServices;
using AudioPost.Sdk.Processing.Mixing;
using AudioPost.Sdk.Tests.Formats.Interop;

namespace AudioPost.Sdk.Tests.Processing.Mixing;

/// <summary>
/// Our downmix matrices against FFmpeg's libswresample rematrixing, which implements the BS.775 fold with −3 dB
/// centre and surround levels and no LFE by default, and, for float output, does not normalise the matrix.
/// </summary>
public sealed class DownmixFfmpegPeerTests : IDisposable
{
    private const int Frames = 4800;
    private readonly string _directory = Directory.CreateTempSubdirectory("apsdk-downmix-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Different tones (and a little noise) on every channel, planar.</summary>
    private static float[][] Material(int channels)
    {
        var random = new Random(channels);
        var planar = new float[channels][];
        for (var c = 0; c < channels; c++)
        {
            var tone = MixTestSignals.Sine(200 + (c * 170), 0.3f, Frames);
            planar[c] = [.. tone.Select(s => s + (float)((random.NextDouble() - 0.5) * 0.05))];
        }

        return planar;
    }

    private float[][] Ffmpeg(float[][] planar, string inputLayout, params string[] outputOptions)
    {
        var channels = planar.Length;
        var interleaved = new float[channels * Frames];
        for (var i = 0; i < Frames; i++)
        {
            for (var c = 0; c < channels; c++)
            {
                interleaved[(i * channels) + c] = planar[c][i];
            }
        }

        var input = Path.Combine(_directory, "in.f32");
        var output = Path.Combine(_directory, "out.f32");
        File.WriteAllBytes(input, MemoryMarshal.AsBytes(interleaved.AsSpan()).ToArray());
        FfmpegPeer.Run(["-f", "f32le", "-ar", "48000", "-ch_layout", inputLayout, "-i", input, .. outputOptions, "-f", "f32le", output]);
        var result = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(output)).ToArray();
        var outChannels = result.Length / Frames;
        var split = new float[outChannels][];
        for (var c = 0; c < outChannels; c++)
        {
            split[c] = [.. Enumerable.Range(0, Frames).Select(i => result[(i * outChannels) + c])];
        }

        return split;
    }

    private static void AssertSame(float[][] expected, float[][] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var c = 0; c < expected.Length; c++)
        {
            for (var i = 0; i < Frames; i++)
            {
                Assert.Equal(expected[c][i], actual[c][i], 1e-5);
            }
        }
    }

    [Fact]
    public void Downmix51ToStereo_MatchesFfmpegsDefaultDownmix()
    {
        FfmpegPeer.Require();
        var input = Material(6);

        var ours = MixTestSignals.Run(new ChannelMatrixProcessor(ChannelMatrix.Downmix51ToStereo()), input);
        var theirs = Ffmpeg(input, "5.1(side)", "-ac", "2");

        AssertSame(theirs, ours);
    }

    [Fact]
    public void Downmix71To51_WithUnitySides_MatchesFfmpeg()
    {
        FfmpegPeer.Require();
        var input = Material(8);

        // FFmpeg keeps the sides at unity and folds the rears in at −3 dB; our preset takes both as parameters.
        var ours = MixTestSignals.Run(new ChannelMatrixProcessor(ChannelMatrix.Downmix71To51(side: 1f)), input);
        var theirs = Ffmpeg(input, "7.1", "-ch_layout", "5.1(side)");

        AssertSame(theirs, ours);
    }
}
