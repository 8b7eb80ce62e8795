using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace AudioPost.Sdk.Tests.Processing.Restoration;

/// <summary>The three measures of a denoised (or noisy) signal against the clean speech it should equal.</summary>
/// <param name="Lag">Frames by which the output lags the clean speech (found by cross-correlation).</param>
/// <param name="Gain">The least-squares gain g that scales the clean speech to the output.</param>
/// <param name="SnrDb">Scale-invariant SNR: 10·log10(Σ(g·c)² / Σ(y − g·c)²) over the overlap, in dB.</param>
/// <param name="SegmentalSnrDb">Mean over 20 ms frames of the same ratio per frame, each clamped to [−10, 35] dB.</param>
/// <param name="LogSpectralDistanceDb">Mean over speech-active frames of the RMS difference of the log power spectra, in dB.</param>
internal readonly record struct SpeechQuality(int Lag, double Gain, double SnrDb, double SegmentalSnrDb, double LogSpectralDistanceDb);

/// <summary>
/// Objective measures of speech enhancement against a clean reference: SNR after latency alignment and a
/// least-squares gain, segmental SNR, and log-spectral distance. Pure functions (MathNet's FFT; test and tool code).
/// </summary>
/// <remarks>
/// <para><b>Alignment.</b> The lag maximising the cross-correlation of output y and clean c within ±maxLag frames
/// (computed by FFT); then c and y are compared over their overlap with y[n + lag] against c[n].</para>
/// <para><b>Gain.</b> g = ⟨y, c⟩ / ⟨c, c⟩, so the target g·c is the part of y explained by the clean speech and
/// e = y − g·c is everything else (residual noise and distortion). This is the scale-invariant SNR of Le Roux et al.
/// (2019): a processor that only changes the level neither gains nor loses.</para>
/// <para><b>Segmental SNR.</b> Non-overlapping frames of 20 ms, each 10·log10(Σt²/Σe²) clamped to [−10, 35] dB
/// (a frame without speech counts −10, one without error 35), averaged over all frames: the classic definition.</para>
/// <para><b>Log-spectral distance.</b> Hann frames of 32 ms (the nearest power of two), hop half a frame; frames
/// whose target energy is within 40 dB of the loudest frame count as active. Per active frame
/// sqrt(mean over the bins from 0 to 8 kHz of (10·log10(P_t + ε) − 10·log10(P_y + ε))²), ε = 10⁻⁸ × the mean bin power of the active target
/// frames (−80 dB), and the mean over active frames. The band stops at 8 kHz (wideband speech) because the clean
/// reference, espeak-ng at 22.05 kHz, holds nothing above about 10 kHz: there the distance would only measure how far
/// the residual noise lies above an empty band, whatever happened to the speech.</para>
/// </remarks>
internal static class SpeechQualityMetrics
{
    public const double MinSegmentDb = -10;
    public const double MaxSegmentDb = 35;

    /// <summary>The upper edge of the log-spectral distance's band, in Hz.</summary>
    public const double BandLimitHz = 8_000;

    /// <summary>Measures <paramref name="output"/> against <paramref name="clean"/> (same rate).</summary>
    public static SpeechQuality Measure(ReadOnlySpan<float> clean, ReadOnlySpan<float> output, int sampleRate, int maxLag)
    {
        var lag = FindLag(clean, output, maxLag);
        var start = Math.Max(0, -lag);
        var end = Math.Min(clean.Length, output.Length - lag);
        var c = clean.Slice(start, end - start);
        var y = output.Slice(start + lag, end - start);

        double cy = 0, cc = 0;
        for (var i = 0; i < c.Length; i++)
        {
            cy += (double)c[i] * y[i];
            cc += (double)c[i] * c[i];
        }

        var g = cc > 0 ? cy / cc : 0;
        var target = new double[c.Length];
        var error = new double[c.Length];
        for (var i = 0; i < c.Length; i++)
        {
            target[i] = g * c[i];
            error[i] = y[i] - target[i];
        }

        return new SpeechQuality(
            lag,
            g,
            Ratio(target, error),
            SegmentalSnr(target, error, (int)Math.Round(0.02 * sampleRate)),
            LogSpectralDistance(target, y, sampleRate));
    }

    /// <summary>The lag in −maxLag..maxLag that maximises Σ c[n]·y[n + lag].</summary>
    public static int FindLag(ReadOnlySpan<float> clean, ReadOnlySpan<float> output, int maxLag)
    {
        var size = 1;
        while (size < clean.Length + output.Length)
        {
            size *= 2;
        }

        var a = new Complex[size];
        var b = new Complex[size];
        for (var i = 0; i < clean.Length; i++)
        {
            a[i] = clean[i];
        }

        for (var i = 0; i < output.Length; i++)
        {
            b[i] = output[i];
        }

        Fourier.Forward(a, FourierOptions.Matlab);
        Fourier.Forward(b, FourierOptions.Matlab);
        for (var k = 0; k < size; k++)
        {
            b[k] *= Complex.Conjugate(a[k]);
        }

        // Inverse of conj(C)·Y is r[lag] = Σ c[n]·y[n + lag], negative lags wrapped to the end.
        Fourier.Inverse(b, FourierOptions.Matlab);
        var best = 0;
        var bestValue = double.NegativeInfinity;
        for (var lag = -maxLag; lag <= maxLag; lag++)
        {
            var value = b[lag >= 0 ? lag : size + lag].Real;
            if (value > bestValue)
            {
                bestValue = value;
                best = lag;
            }
        }

        return best;
    }

    /// <summary>10·log10(Σt² / Σe²); ±300 dB for a zero denominator or numerator.</summary>
    public static double Ratio(ReadOnlySpan<double> target, ReadOnlySpan<double> error)
    {
        double t = 0, e = 0;
        for (var i = 0; i < target.Length; i++)
        {
            t += target[i] * target[i];
            e += error[i] * error[i];
        }

        return t == 0 ? -300 : e == 0 ? 300 : 10 * Math.Log10(t / e);
    }

    public static double SegmentalSnr(ReadOnlySpan<double> target, ReadOnlySpan<double> error, int frame)
    {
        double sum = 0;
        var count = 0;
        for (var start = 0; start + frame <= target.Length; start += frame)
        {
            var db = Ratio(target.Slice(start, frame), error.Slice(start, frame));
            sum += Math.Clamp(db, MinSegmentDb, MaxSegmentDb);
            count++;
        }

        return count == 0 ? double.NaN : sum / count;
    }

    public static double LogSpectralDistance(ReadOnlySpan<double> target, ReadOnlySpan<float> output, int sampleRate)
    {
        var size = 1 << (int)Math.Round(Math.Log2(0.032 * sampleRate));
        var hop = size / 2;
        var bins = (size / 2) + 1;
        var bandBins = Math.Min(bins, (int)Math.Floor(BandLimitHz * size / sampleRate) + 1);
        var window = new double[size];
        for (var i = 0; i < size; i++)
        {
            window[i] = 0.5 - (0.5 * Math.Cos(2 * Math.PI * i / size));
        }

        var frames = Math.Max(0, ((target.Length - size) / hop) + 1);
        var pt = new double[frames][];
        var py = new double[frames][];
        var energy = new double[frames];
        var buffer = new Complex[size];
        for (var f = 0; f < frames; f++)
        {
            pt[f] = Spectrum(target.Slice(f * hop, size), window, buffer, bins);
            var y = new double[size];
            for (var i = 0; i < size; i++)
            {
                y[i] = output[(f * hop) + i];
            }

            py[f] = Spectrum(y, window, buffer, bins);
            foreach (var p in pt[f])
            {
                energy[f] += p;
            }
        }

        var loudest = frames == 0 ? 0 : energy.Max();
        double meanPower = 0;
        var active = 0;
        for (var f = 0; f < frames; f++)
        {
            if (energy[f] > 0 && energy[f] >= loudest * 1e-4)
            {
                meanPower += energy[f] / bins;
                active++;
            }
        }

        if (active == 0)
        {
            return double.NaN;
        }

        var epsilon = 1e-8 * meanPower / active;
        double total = 0;
        for (var f = 0; f < frames; f++)
        {
            if (!(energy[f] > 0 && energy[f] >= loudest * 1e-4))
            {
                continue;
            }

            double sum = 0;
            for (var k = 0; k < bandBins; k++)
            {
                var d = (10 * Math.Log10(pt[f][k] + epsilon)) - (10 * Math.Log10(py[f][k] + epsilon));
                sum += d * d;
            }

            total += Math.Sqrt(sum / bandBins);
        }

        return total / active;
    }

    private static double[] Spectrum(ReadOnlySpan<double> samples, double[] window, Complex[] buffer, int bins)
    {
        for (var i = 0; i < window.Length; i++)
        {
            buffer[i] = samples[i] * window[i];
        }

        Fourier.Forward(buffer, FourierOptions.Matlab);
        var power = new double[bins];
        for (var k = 0; k < bins; k++)
        {
            power[k] = buffer[k].Real * buffer[k].Real + buffer[k].Imaginary * buffer[k].Imaginary;
        }

        return power;
    }
}
