using AudioPost.Sdk.Dsp.Fourier;
using AudioPost.Sdk.Dsp.Restoration;

namespace AudioPost.Sdk.Benchmarks.DenoiseQuality;

/// <summary>Computes the gains of one frame: <paramref name="power"/> is the noisy power per bin, <paramref name="gains"/>
/// receives 0 to 1 per bin (floored afterwards by <see cref="OracleStft.Render"/>). Called once per frame, in order.</summary>
internal delegate void GainRule(int frame, ReadOnlySpan<float> power, Span<float> gains);

/// <summary>
/// The noisy signal's STFT, with the clean speech's and the noise's (noisy − clean) power per frame and bin beside it,
/// for oracle gain rules (<see cref="OracleCeilings"/>). Same framing as <see cref="SpectralDenoiser"/> at 48 kHz:
/// <see cref="SpectralDenoiser.FrameSizeFor"/> samples, hop a quarter, sqrt of a periodic Hann window for analysis and
/// synthesis. Design-time code: allocates freely; not thread-safe.
/// </summary>
internal sealed class OracleStft
{
    private readonly RealFft _fft;
    private readonly float[] _window;
    private readonly float[][] _spectra;
    private readonly float[][] _cleanPower;
    private readonly float[][] _noisePower;
    private readonly int _length;
    private readonly int _size;
    private readonly int _hop;

    /// <summary>Analyses <paramref name="noisy"/> and, for the oracle, <paramref name="clean"/> and their difference.</summary>
    public OracleStft(float[] clean, float[] noisy)
    {
        _size = SpectralDenoiser.FrameSizeFor(48_000);
        _hop = _size / 4;
        _fft = new RealFft(_size);
        _window = new float[_size];
        for (var i = 0; i < _size; i++)
        {
            _window[i] = (float)Math.Sqrt(0.5 - (0.5 * Math.Cos(2 * Math.PI * i / _size)));
        }

        _length = noisy.Length;
        var noise = new float[_length];
        for (var i = 0; i < _length; i++)
        {
            noise[i] = noisy[i] - clean[i];
        }

        // Frame f covers samples [f·hop − size + hop, f·hop + hop): the first frame holds one hop of signal, the last
        // one hop, so every sample is covered by four frames.
        var frames = (_length + _size) / _hop;
        _spectra = new float[frames][];
        _cleanPower = new float[frames][];
        _noisePower = new float[frames][];
        for (var f = 0; f < frames; f++)
        {
            _spectra[f] = Analyse(noisy, f);
            _cleanPower[f] = Power(Analyse(clean, f));
            _noisePower[f] = Power(Analyse(noise, f));
        }
    }

    /// <summary>Gets the number of bins per frame.</summary>
    public int BinCount => _fft.BinCount;

    /// <summary>Wiener gain from the true speech and noise power of each bin and frame.</summary>
    public GainRule IdealRatioMask() => (frame, _, gains) =>
    {
        var speech = _cleanPower[frame];
        var noise = _noisePower[frame];
        for (var k = 0; k < gains.Length; k++)
        {
            gains[k] = speech[k] / (speech[k] + noise[k] + 1e-30f);
        }
    };

    /// <summary>The true noise power of every frame, averaged over ±<paramref name="halfWidth"/> bins (0: per bin).</summary>
    public float[][] NoiseEnvelope(int halfWidth)
    {
        var envelope = new float[_noisePower.Length][];
        for (var f = 0; f < envelope.Length; f++)
        {
            var power = _noisePower[f];
            envelope[f] = new float[power.Length];
            for (var k = 0; k < power.Length; k++)
            {
                var low = Math.Max(0, k - halfWidth);
                var high = Math.Min(power.Length - 1, k + halfWidth);
                double sum = 0;
                for (var j = low; j <= high; j++)
                {
                    sum += power[j];
                }

                envelope[f][k] = (float)(sum / (high - low + 1));
            }
        }

        return envelope;
    }

    /// <summary>The true noise power averaged over the whole file, times <paramref name="scale"/>, for every frame.</summary>
    public float[][] LongTermNoise(float scale)
    {
        var mean = new float[BinCount];
        foreach (var power in _noisePower)
        {
            for (var k = 0; k < mean.Length; k++)
            {
                mean[k] += power[k] * scale / _noisePower.Length;
            }
        }

        return Enumerable.Repeat(mean, _noisePower.Length).ToArray();
    }

    /// <summary>Decision-directed Wiener gain (Ephraim–Malah a-priori SNR with <paramref name="weight"/> on the previous
    /// frame's estimate) against the given noise power per frame.</summary>
    public GainRule DecisionDirected(float[][] noise, float weight)
    {
        var previousClean = new float[BinCount];
        return (frame, power, gains) =>
        {
            var lambda = noise[frame];
            for (var k = 0; k < gains.Length; k++)
            {
                var n = lambda[k] + 1e-30f;
                var xi = (weight * previousClean[k] / n) + ((1 - weight) * MathF.Max((power[k] / n) - 1, 0));
                var g = xi / (1 + xi);
                previousClean[k] = g * g * power[k];
                gains[k] = g;
            }
        };
    }

    /// <summary>Power subtraction: sqrt(max(1 − λ/P, 0)).</summary>
    public static GainRule PowerSubtraction(float[][] noise) => (frame, power, gains) =>
    {
        var lambda = noise[frame];
        for (var k = 0; k < gains.Length; k++)
        {
            gains[k] = MathF.Sqrt(MathF.Max(1 - (lambda[k] / MathF.Max(power[k], 1e-30f)), 0));
        }
    };

    /// <summary>Applies <paramref name="rule"/> (each gain floored at <paramref name="floor"/>) and resynthesises.</summary>
    public float[] Render(GainRule rule, float floor)
    {
        var output = new float[_length];
        var spectrum = new float[_fft.SpectrumLength];
        var power = new float[BinCount];
        var gains = new float[BinCount];
        var frame = new float[_size];
        for (var f = 0; f < _spectra.Length; f++)
        {
            _spectra[f].CopyTo(spectrum, 0);
            for (var k = 0; k < power.Length; k++)
            {
                power[k] = (spectrum[2 * k] * spectrum[2 * k]) + (spectrum[(2 * k) + 1] * spectrum[(2 * k) + 1]);
            }

            rule(f, power, gains);
            for (var k = 0; k < gains.Length; k++)
            {
                var g = MathF.Max(gains[k], floor);
                spectrum[2 * k] *= g;
                spectrum[(2 * k) + 1] *= g;
            }

            _fft.Inverse(spectrum, frame);

            // sqrt-Hann analysis × synthesis is a periodic Hann; four of them overlap to 2.
            var start = (f * _hop) - _size + _hop;
            for (var i = 0; i < _size; i++)
            {
                var index = start + i;
                if (index >= 0 && index < _length)
                {
                    output[index] += frame[i] * _window[i] * 0.5f;
                }
            }
        }

        return output;
    }

    private float[] Analyse(float[] signal, int frame)
    {
        var windowed = new float[_size];
        var start = (frame * _hop) - _size + _hop;
        for (var i = 0; i < _size; i++)
        {
            var index = start + i;
            windowed[i] = index >= 0 && index < signal.Length ? signal[index] * _window[i] : 0f;
        }

        var spectrum = new float[_fft.SpectrumLength];
        _fft.Forward(windowed, spectrum);
        return spectrum;
    }

    private static float[] Power(float[] spectrum)
    {
        var power = new float[spectrum.Length / 2];
        for (var k = 0; k < power.Length; k++)
        {
            power[k] = (spectrum[2 * k] * spectrum[2 * k]) + (spectrum[(2 * k) + 1] * spectrum[(2 * k) + 1]);
        }

        return power;
    }
}
