using System.Globalization;
using AudioPost.Sdk.Dsp.Restoration;
using AudioPost.Sdk.Tests.Processing.Restoration;

namespace AudioPost.Sdk.Benchmarks.DenoiseQuality;

/// <summary>
/// How far STFT-gain noise reduction can go on the quality material when the gains are computed from oracle knowledge
/// of the noise (taken as noisy − clean), on the same STFT as <see cref="SpectralDenoiser"/> (40 ms sqrt-Hann frames,
/// 75 % overlap) and with the same gain floor. Each bound stands for a class of noise estimator: a gain rule fed with a
/// perfect estimate of that kind can reach the bound, one fed with a real estimate of that kind cannot exceed it by
/// much. That tells which targets a better estimator could still reach and which need another kind of method.
/// </summary>
/// <remarks>
/// The bounds, from most to least knowledge:
/// <list type="bullet">
/// <item><b>IRM</b>: Wiener gain from the true clean and noise power of every bin and frame (the ideal ratio mask).</item>
/// <item><b>Noise per bin</b>: decision-directed Wiener gain (weight 0.8) against the true noise power of every bin and
/// frame; the speech power is estimated as a real denoiser must.</item>
/// <item><b>Envelope ±100 Hz</b> and <b>±200 Hz</b>: the same against the true noise power of every frame averaged
/// over ±4 or ±8 bins (25 Hz each at 48 kHz): a perfect tracker of the noise's spectral envelope, every 10 ms, that
/// does not see its fine (harmonic) structure.</item>
/// <item><b>Long-term spectrum</b>: the best over decision-directed gains (weights 0.8 and 0.98) and power
/// subtraction, each against the true noise power averaged over the whole file times 1, 2 or 4: a perfect
/// stationary-noise estimate (what a learned profile approximates) with the best of these gain rules.</item>
/// </list>
/// Design-time code: allocates freely.
/// </remarks>
internal static class OracleCeilings
{
    private const int Rate = DenoiseMaterial.Rate;

    /// <summary>Prints a markdown table of the mean SNR gain (over the material's SNRs) of each bound for each noise.</summary>
    /// <param name="directory">A directory written by <c>denoise-quality make</c>.</param>
    /// <param name="reductionDb">The gain floor, in dB (the denoiser's reduction amount).</param>
    public static void Print(string directory, double reductionDb)
    {
        var clean = DenoiseMaterial.LoadAt48k(Path.Combine(directory, "clean.wav"));
        var floor = (float)Math.Pow(10, -reductionDb / 20);
        Console.WriteLine("| noise | IRM | noise per bin | envelope ±100 Hz | envelope ±200 Hz | long-term spectrum (best rule) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var kind in DenoiseMaterial.NoiseKinds)
        {
            var fixedBounds = new double[4];
            var longTerm = new Dictionary<string, double>();
            foreach (var snr in DenoiseMaterial.SnrsDb)
            {
                var noisy = DenoiseMaterial.LoadAt48k(Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{kind}-{snr}.wav")));
                var stft = new OracleStft(clean, noisy);
                var input = Measure(clean, noisy).SnrDb;
                double Gain(GainRule rule) => Measure(clean, stft.Render(rule, floor)).SnrDb - input;

                fixedBounds[0] += Gain(stft.IdealRatioMask());
                fixedBounds[1] += Gain(stft.DecisionDirected(stft.NoiseEnvelope(0), 0.8f));
                fixedBounds[2] += Gain(stft.DecisionDirected(stft.NoiseEnvelope(4), 0.8f));
                fixedBounds[3] += Gain(stft.DecisionDirected(stft.NoiseEnvelope(8), 0.8f));
                foreach (var scale in new[] { 1f, 2f, 4f })
                {
                    var noise = stft.LongTermNoise(scale);
                    Add(longTerm, string.Create(CultureInfo.InvariantCulture, $"DD 0.8 ×{scale}"), Gain(stft.DecisionDirected(noise, 0.8f)));
                    Add(longTerm, string.Create(CultureInfo.InvariantCulture, $"DD 0.98 ×{scale}"), Gain(stft.DecisionDirected(noise, 0.98f)));
                    Add(longTerm, string.Create(CultureInfo.InvariantCulture, $"subtraction ×{scale}"), Gain(OracleStft.PowerSubtraction(noise)));
                }
            }

            // One rule for all four files: the best mean, not the best rule per file.
            var n = DenoiseMaterial.SnrsDb.Length;
            var best = longTerm.MaxBy(pair => pair.Value);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {kind} | {fixedBounds[0] / n:F2} | {fixedBounds[1] / n:F2} | {fixedBounds[2] / n:F2} | {fixedBounds[3] / n:F2} | {best.Value / n:F2} ({best.Key}) |"));
        }
    }

    private static void Add(Dictionary<string, double> sums, string key, double value) =>
        sums[key] = sums.GetValueOrDefault(key) + value;

    private static SpeechQuality Measure(float[] clean, float[] output) =>
        SpeechQualityMetrics.Measure(clean, output, Rate, maxLag: Rate / 10);
}
