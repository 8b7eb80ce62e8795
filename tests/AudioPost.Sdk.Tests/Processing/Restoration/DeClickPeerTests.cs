using System.Globalization;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Processing.Restoration;
using AudioPost.Sdk.Tests.Formats.Interop;
using AudioPost.Sdk.Tests.Formats.Wav;

namespace AudioPost.Sdk.Tests.Processing.Restoration;

/// <summary>
/// Our de-click against ffmpeg's adeclick at its defaults (55 ms window, 75 % overlap, AR order 2 % of the window,
/// threshold 2, burst fusion 2, overlap-add) on the same <see cref="ClickMaterial"/>: per material, the share of
/// clicks found (the error over the click falls by 10 dB or more), the SNR of the output against the clean signal,
/// and on clean input the regions changed (by more than −80 dBFS) and the SNR. adeclick's output is aligned with its
/// input (ffmpeg removes its delay); the test checks that by cross-correlation rather than trusting it. SNRs leave out
/// the first and last 100 ms, where adeclick's first and last overlap-add windows fade the file in and out (no clicks
/// are placed there).
/// </summary>
public sealed class DeClickPeerTests
{
    private static readonly PeerTool Ffmpeg = new("ffmpeg", "-version", "ffmpeg");

    // Measured (see docs/vocal.md, "De-click"): ours finds more clicks than adeclick on both materials. On speech ours
    // also leaves the higher SNR (22.3 against 19.8 dB); on the music-like material adeclick does (27.2 against
    // 23.9 dB: it finds fewer clicks, 43 % against 71 %, but repairs the long ones it finds better than an order-32
    // model). The music row asserts adeclick's win rather than hiding it.
    [Theory]
    [InlineData("speech", true)]
    [InlineData("music", false)]
    public void DeClick_FindsMoreClicksThanAdeclick(string material, bool oursHigherSnr)
    {
        Ffmpeg.Require();
        using var directory = new TempDirectory();
        var clean = ClickMaterial.Clean(material, 11);
        var (clicked, clicks) = ClickMaterial.AddClicks(clean);

        var ours = RestorationSignals.Process(new DeClickProcessor(), ClickMaterial.Rate, 512, clicked)[0];
        var (peer, lag) = Adeclick(directory, clicked, clean);

        var oursFound = ClickMaterial.Found(clean, clicked, ours, clicks);
        var peerFound = ClickMaterial.Found(clean, clicked, peer, clicks);
        var snrIn = Snr(clean, clicked);
        var oursSnr = Snr(clean, ours);
        var peerSnr = Snr(clean, peer);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{material}: {clicks.Count} clicks, SNR in {snrIn:F1} dB | ours {100.0 * oursFound / clicks.Count:F0} % found, SNR {oursSnr:F1} dB | adeclick {100.0 * peerFound / clicks.Count:F0} % found, SNR {peerSnr:F1} dB (lag {lag})"));

        Assert.Equal(0, lag);
        Assert.True(oursFound > peerFound, $"ours found {oursFound}, adeclick {peerFound}");
        Assert.True((oursSnr > peerSnr) == oursHigherSnr, string.Create(CultureInfo.InvariantCulture, $"SNR ours {oursSnr:F1} dB, adeclick {peerSnr:F1} dB"));
    }

    // Measured on clean input: ours leaves a higher SNR on both materials (speech: unchanged outside the edges, against
    // 22.5 dB; music 40.5 against 32.0 dB). adeclick touches speech everywhere (614 regions against our 1), but on the
    // music-like material it changes fewer regions than ours (8 against 15): that row asserts adeclick's win.
    [Theory]
    [InlineData("speech", true)]
    [InlineData("music", false)]
    public void DeClick_CleanInput_LeavesHigherSnrThanAdeclick(string material, bool oursChangesFewerRegions)
    {
        Ffmpeg.Require();
        using var directory = new TempDirectory();
        var clean = ClickMaterial.Clean(material, 13);

        var processor = new DeClickProcessor();
        var ours = RestorationSignals.Process(processor, ClickMaterial.Rate, 333, clean)[0];
        var (peer, lag) = Adeclick(directory, clean, clean);

        var oursRegions = ClickMaterial.ChangedRegions(clean, ours);
        var peerRegions = ClickMaterial.ChangedRegions(clean, peer);
        var oursSnr = Snr(clean, ours);
        var peerSnr = Snr(clean, peer);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{material}, clean in: ours {processor.ClicksRepaired} repairs, {oursRegions} regions changed, SNR {oursSnr:F1} dB | adeclick {peerRegions} regions changed, SNR {peerSnr:F1} dB (lag {lag})"));

        Assert.Equal(0, lag);
        Assert.True((oursRegions < peerRegions) == oursChangesFewerRegions, $"regions changed: ours {oursRegions}, adeclick {peerRegions}");
        Assert.True(oursSnr > peerSnr, string.Create(CultureInfo.InvariantCulture, $"SNR ours {oursSnr:F1} dB, adeclick {peerSnr:F1} dB"));
    }

    private static double Snr(float[] clean, float[] output) =>
        RestorationSignals.Snr(clean, output, ClickMaterial.Rate / 10, clean.Length - (ClickMaterial.Rate / 10));

    // Runs adeclick at its defaults on float WAV and returns its output shifted by the lag that best matches the
    // reference (searched over ±2048 frames on a second in the middle), with that lag.
    private static (float[] Output, int Lag) Adeclick(TempDirectory directory, float[] input, float[] reference)
    {
        var inPath = directory.File("in.wav");
        var outPath = directory.File("adeclick.wav");
        using (var writer = AudioFormatRegistry.Default.Create(inPath, new AudioSpec(ClickMaterial.Rate, ChannelLayout.Mono), SampleFormat.Float32))
        {
            writer.Write(new ReadOnlyAudioBlock(input, 1, input.Length));
            writer.Complete();
        }

        Ffmpeg.Run(["-nostdin", "-v", "error", "-y", "-i", inPath, "-af", "adeclick", "-c:a", "pcm_f32le", outPath], TimeSpan.FromMinutes(5));
        var raw = DenoiseMaterial.LoadAt48k(outPath);

        const int MaxLag = 2048;
        var from = (input.Length / 2) - (ClickMaterial.Rate / 2);
        var to = from + ClickMaterial.Rate;
        var bestLag = 0;
        var best = double.NegativeInfinity;
        for (var lag = -MaxLag; lag <= MaxLag; lag++)
        {
            var sum = 0.0;
            for (var i = from; i < to; i++)
            {
                var j = i + lag;
                if (j >= 0 && j < raw.Length)
                {
                    sum += (double)reference[i] * raw[j];
                }
            }

            if (sum > best)
            {
                best = sum;
                bestLag = lag;
            }
        }

        var output = new float[input.Length];
        for (var i = 0; i < output.Length; i++)
        {
            var j = i + bestLag;
            output[i] = j >= 0 && j < raw.Length ? raw[j] : 0f;
        }

        return (output, bestLag);
    }
}
