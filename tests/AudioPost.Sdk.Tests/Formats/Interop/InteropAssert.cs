using System.Globalization;
using AudioPost.Sdk.Formats;

namespace AudioPost.Sdk.Tests.Formats.Interop;

/// <summary>Exact sample comparisons (tolerance 0, see <see cref="InteropSignal"/>) that name the first differing sample.</summary>
internal static class InteropAssert
{
    /// <summary>Reads the whole file with our reader; returns planar samples.</summary>
    public static float[] ReadOurs(string path)
    {
        using var reader = AudioFormatRegistry.Default.OpenRead(path);
        return Wav.WavRoundTripTests.ReadAll(reader, blockFrames: 1000);
    }

    /// <summary>
    /// Asserts that SoX's interleaved float decode matches our planar samples within <paramref name="tolerance"/>
    /// (SoX works in 32-bit integers, so float paths through it may round); names the first sample that does not.
    /// </summary>
    public static void SoxMatchesPlanar(float[] interleaved, float[] planar, int channels, int frames, float tolerance)
    {
        Assert.Equal(channels * frames, interleaved.Length);
        Assert.Equal(channels * frames, planar.Length);
        for (var f = 0; f < frames; f++)
        {
            for (var c = 0; c < channels; c++)
            {
                var expected = interleaved[(f * channels) + c];
                var actual = planar[(c * frames) + f];
                if (Math.Abs(expected - actual) > tolerance)
                {
                    Assert.Fail(string.Create(CultureInfo.InvariantCulture, $"frame {f} channel {c}: SoX {expected:R}, ours {actual:R}"));
                }
            }
        }
    }

    /// <summary>Asserts that a peer's interleaved double decode rounds to exactly our planar float decode.</summary>
    public static void OursMatchPeer(string peer, string file, double[] peerInterleaved, float[] oursPlanar, int channels, int frames)
    {
        Assert.Equal(channels * frames, oursPlanar.Length);
        SameLength(peer, file, peerInterleaved.Length, channels, frames);
        Exact(
            $"{peer} decode vs ours of {file}",
            channels,
            frames,
            (f, c) => (float)peerInterleaved[(f * channels) + c],
            (f, c) => oursPlanar[(c * frames) + f]);
    }

    /// <summary>Asserts that a peer's interleaved float decode equals our planar float decode bit for bit.</summary>
    public static void OursMatchPeer(string peer, string file, float[] peerInterleaved, float[] oursPlanar, int channels, int frames)
    {
        Assert.Equal(channels * frames, oursPlanar.Length);
        SameLength(peer, file, peerInterleaved.Length, channels, frames);
        Exact(
            $"{peer} decode vs ours of {file}",
            channels,
            frames,
            (f, c) => peerInterleaved[(f * channels) + c],
            (f, c) => oursPlanar[(c * frames) + f]);
    }

    /// <summary>Asserts that a peer's interleaved double decode equals the expected value of every sample exactly.</summary>
    public static void PeerMatchesExpected(string peer, string file, double[] peerInterleaved, int channels, int frames, Func<int, int, double> expected)
    {
        SameLength(peer, file, peerInterleaved.Length, channels, frames);
        Exact($"expected vs {peer} decode of {file}", channels, frames, expected, (f, c) => peerInterleaved[(f * channels) + c]);
    }

    private static void SameLength(string peer, string file, int length, int channels, int frames)
    {
        if (length != channels * frames)
        {
            Assert.Fail(string.Create(
                CultureInfo.InvariantCulture,
                $"{peer} decoded {length} samples from {file}; expected {frames} frames x {channels} channels = {channels * frames}."));
        }
    }

    private static void Exact(string what, int channels, int frames, Func<int, int, double> expected, Func<int, int, double> actual)
    {
        var differences = 0;
        string? first = null;
        for (var f = 0; f < frames; f++)
        {
            for (var c = 0; c < channels; c++)
            {
                var e = expected(f, c);
                var a = actual(f, c);
                if (e.Equals(a))
                {
                    continue;
                }

                differences++;
                first ??= string.Create(
                    CultureInfo.InvariantCulture,
                    $"frame {f} channel {c}: {e:R} (0x{BitConverter.DoubleToInt64Bits(e):X16}) vs {a:R} (0x{BitConverter.DoubleToInt64Bits(a):X16})");
            }
        }

        if (first is not null)
        {
            Assert.Fail($"{what}: {differences} of {channels * frames} samples differ (tolerance 0); first at {first}.");
        }
    }
}
