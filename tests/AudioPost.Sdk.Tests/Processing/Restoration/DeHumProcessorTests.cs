using System.Globalization;
using AudioPost.Sdk.Processing.Restoration;

namespace AudioPost.Sdk.Tests.Processing.Restoration;

/// <summary>
/// De-hum measured against the clean reference: speech-like audio plus hum with six harmonics whose fundamental drifts
/// by ±0.3 Hz; the hum left at each harmonic (coherent demodulation along the true drifting phase) and the output's SNR
/// against the clean speech.
/// </summary>
public sealed class DeHumProcessorTests
{
    private const int Rate = 48_000;

    [Theory]
    [InlineData(HumFrequency.Hz50, 50.0)]
    [InlineData(HumFrequency.Hz60, 60.0)]
    [InlineData(HumFrequency.Auto, 50.0)]
    [InlineData(HumFrequency.Auto, 60.0)]
    public void DriftingHum_IsReducedBy30Db_AndSpeechIsKept(HumFrequency mode, double nominal)
    {
        const double Seconds = 20;
        var clean = RestorationSignals.SpeechLike(Rate, Seconds, seed: 3);
        var phase = RestorationSignals.HumPhase(Rate, clean.Length, nominal, driftHz: 0.3, driftPeriodSeconds: 24);
        double[] amplitudes = [0.05, 0.02, 0.03, 0.01, 0.015, 0.008];
        var hum = RestorationSignals.Hum(phase, amplitudes);
        var noisy = RestorationSignals.Add(clean, hum);

        var processor = new DeHumProcessor(mode, harmonics: 8);
        var output = RestorationSignals.Process(processor, Rate, 480, noisy)[0];

        // Measured after 3 s of learning, over the remaining 17 s (the drift, period 24 s, covers its whole ±0.3 Hz range there).
        var start = 3 * Rate;
        var residual = RestorationSignals.Subtract(output, clean);
        var log = TestContext.Current.TestOutputHelper;
        var worst = double.PositiveInfinity;
        double powerBefore = 0, powerAfter = 0;
        for (var k = 1; k <= amplitudes.Length; k++)
        {
            var before = RestorationSignals.HarmonicAmplitude(hum, phase, k, start, clean.Length);
            var after = RestorationSignals.HarmonicAmplitude(residual, phase, k, start, clean.Length);
            var reduction = 20 * Math.Log10(before / after);
            worst = Math.Min(worst, reduction);
            powerBefore += before * before;
            powerAfter += after * after;
            log?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"harmonic {k} ({k * nominal:F0} Hz): {reduction:F1} dB"));
        }

        var snrIn = RestorationSignals.Snr(clean, noisy, start);
        var snrOut = RestorationSignals.Snr(clean, output, start);
        log?.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"SNR in {snrIn:F1} dB, out {snrOut:F1} dB, gain {snrOut - snrIn:F1} dB; tracked {processor.TrackedFrequencyHz:F3} Hz; detected {processor.DetectedFrequency}"));

        Assert.Equal(nominal == 50 ? HumFrequency.Hz50 : HumFrequency.Hz60, processor.DetectedFrequency);
        // The hum's power summed over its harmonic lines falls by 30 dB or more; every single line by at least 25 dB (the
        // weakest lines, −40 dBFS, sit closest to the speech that leaks through the notches).
        var total = 10 * Math.Log10(powerBefore / powerAfter);
        log?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"hum power at the harmonics: {total:F1} dB lower"));
        Assert.True(total >= 30, $"The hum's power fell by {total:F1} dB.");
        Assert.True(worst >= 25, $"The weakest harmonic reduction is {worst:F1} dB.");
        Assert.True(snrOut - snrIn >= 10, $"SNR gain {snrOut - snrIn:F1} dB.");
    }

    [Fact]
    public void CleanSpeech_PassesAlmostUnchanged()
    {
        var clean = RestorationSignals.SpeechLike(Rate, 10, seed: 5);
        var output = RestorationSignals.Process(new DeHumProcessor(HumFrequency.Hz50), Rate, 256, clean)[0];

        // The notches take a sliver of the programme at the hum lines (this speech-like signal has its pitch harmonics
        // right there, 100–400 Hz): the error stays 18 dB or more under the speech.
        var snr = RestorationSignals.Snr(clean, output);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"clean in, SNR out {snr:F1} dB"));
        Assert.True(snr >= 18, $"SNR {snr:F1} dB.");
    }

    [Fact]
    public void AmountZero_IsTransparent_AndLatencyIsZero()
    {
        var clean = RestorationSignals.SpeechLike(Rate, 2, seed: 1);
        var processor = new DeHumProcessor(HumFrequency.Hz60);
        processor.Amount.Value = 0;
        var output = RestorationSignals.Process(processor, Rate, 256, clean)[0];

        Assert.Equal(0, processor.LatencyFrames);

        // The amount glides from 100 % to 0 over the first 20 ms, so compare after it.
        Assert.Equal(clean.AsSpan(Rate / 10).ToArray(), output.AsSpan(Rate / 10).ToArray());
    }
}
