using System.Globalization;
using AudioPost.Sdk.Processing.Restoration;

namespace AudioPost.Sdk.Tests.Processing.Restoration;

/// <summary>
/// De-click measured against the clean reference (<see cref="ClickMaterial"/>): clicks of 1 to 50 samples are added
/// to speech-like and music-like audio; a click counts as found when the error over its span falls by 10 dB or more;
/// the error of the whole repaired signal is compared with the clicked input's; clean input is measured too.
/// The thresholds are the measured figures less a margin, so a regression shows.
/// </summary>
public sealed class DeClickProcessorTests
{
    private const int Rate = ClickMaterial.Rate;

    // Measured: speech-like 84 % found, error 12.2 dB lower overall; music-like (18 partials with vibrato: an order-64
    // model holds them) 88 % found, error 15.2 dB lower. Before (order 32, one sample of margin at each end, repairs
    // kept at a 4-fold error drop): speech 80 % and 8.2 dB, music 71 % and 0.5 dB.
    [Theory]
    [InlineData("speech", 0.80, 10.0)]
    [InlineData("music", 0.85, 12.0)]
    public void Clicks_AreFoundAndRepaired(string material, double minFound, double minGainDb)
    {
        var clean = ClickMaterial.Clean(material, 11);
        var (clicked, clicks) = ClickMaterial.AddClicks(clean);

        var processor = new DeClickProcessor();
        var output = RestorationSignals.Process(processor, Rate, 512, clicked)[0];

        var found = ClickMaterial.Found(clean, clicked, output, clicks);
        var rate = (double)found / clicks.Count;
        var snrIn = RestorationSignals.Snr(clean, clicked);
        var snrOut = RestorationSignals.Snr(clean, output);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{material}: {clicks.Count} clicks, {found} found ({100 * rate:F0} %), {processor.ClicksRepaired} repairs; SNR in {snrIn:F1} dB, out {snrOut:F1} dB (+{snrOut - snrIn:F1} dB); latency {processor.LatencyFrames} frames"));

        Assert.True(rate >= minFound, $"{100 * rate:F0} % of the clicks found.");
        Assert.True(snrOut - snrIn >= minGainDb, $"The error fell by {snrOut - snrIn:F1} dB.");
    }

    // Measured: no false repair in 10 s of either material (output identical to the input). Before: speech-like 1
    // false repair (SNR 79 dB), music-like 15 (SNR 30 dB).
    [Theory]
    [InlineData("speech", 2, 60.0)]
    [InlineData("music", 2, 40.0)]
    public void CleanInput_PassesNearlyUnchanged(string material, int maxFalseRepairs, double minSnrDb)
    {
        var clean = ClickMaterial.Clean(material, 13);
        var processor = new DeClickProcessor();
        var output = RestorationSignals.Process(processor, Rate, 333, clean)[0];

        var snr = RestorationSignals.Snr(clean, output);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
            CultureInfo.InvariantCulture, $"{material}: clean in, {processor.ClicksRepaired} false repairs in 10 s, SNR out {snr:F1} dB"));

        // False detections happen (glottal pulses, note onsets), but their interpolation is close to the audio.
        Assert.True(processor.ClicksRepaired <= maxFalseRepairs, $"{processor.ClicksRepaired} false repairs.");
        Assert.True(snr >= minSnrDb, $"SNR {snr:F1} dB.");
    }

    // The settings were chosen on the material above, so five other takes of each (other seeds for the audio and the
    // clicks, 257 clicks, 50 s of clean input) check that they hold. Measured: speech-like 89 % found, error 11.4 dB
    // lower on average, 1 false repair in 50 s; music-like 79 % (under the 85 % of the fixed take), 11.2 dB lower, 6
    // false repairs. The previous version on the same takes: speech 85 %, 10.4 dB, 10 false; music 71 %, 2.4 dB, 76.
    [Theory]
    [InlineData("speech", 0.85, 9.0, 4)]
    [InlineData("music", 0.75, 9.0, 12)]
    public void OtherTakes_HoldTheFigures(string material, double minFound, double minMeanGainDb, int maxFalseRepairs)
    {
        int clicks = 0, found = 0;
        long falseRepairs = 0;
        var gain = 0.0;
        const int Takes = 5;
        for (var seed = 100; seed < 100 + Takes; seed++)
        {
            var clean = ClickMaterial.Clean(material, seed);
            var (clicked, spans) = ClickMaterial.AddClicks(clean, seed + 1000);
            var output = RestorationSignals.Process(new DeClickProcessor(), Rate, 512, clicked)[0];
            found += ClickMaterial.Found(clean, clicked, output, spans);
            clicks += spans.Count;
            gain += RestorationSignals.Snr(clean, output) - RestorationSignals.Snr(clean, clicked);

            var processor = new DeClickProcessor();
            RestorationSignals.Process(processor, Rate, 333, ClickMaterial.Clean(material, seed + 50));
            falseRepairs += processor.ClicksRepaired;
        }

        var rate = (double)found / clicks;
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{material}, {Takes} other takes: {clicks} clicks, {found} found ({100 * rate:F0} %), error {gain / Takes:F1} dB lower on average; {falseRepairs} false repairs in {10 * Takes} s of clean input"));
        Assert.True(rate >= minFound, $"{100 * rate:F0} % of the clicks found.");
        Assert.True(gain / Takes >= minMeanGainDb, $"The error fell by {gain / Takes:F1} dB on average.");
        Assert.True(falseRepairs <= maxFalseRepairs, $"{falseRepairs} false repairs.");
    }
}
