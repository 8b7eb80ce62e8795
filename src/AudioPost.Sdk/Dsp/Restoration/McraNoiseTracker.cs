using System.Numerics;

namespace AudioPost.Sdk.Dsp.Restoration;

/// <summary>
/// Continuous noise power estimation per STFT bin in the manner of minima-controlled recursive averaging (MCRA):
/// a smoothed power is compared with its minimum over a sliding window to decide how likely speech is in each bin,
/// and the noise estimate averages the periodogram only as fast as speech is absent.
/// </summary>
/// <remarks>
/// <para>Per frame, with P the frame's power, S its smoothed power (3-bin frequency kernel ¼ ½ ¼, then a one-pole
/// average over frames), S<sub>min</sub> the minimum of S over one to two windows of 1.5 s,
/// p the speech-presence probability and λ the noise power:
/// p ← α<sub>p</sub>·p + (1 − α<sub>p</sub>)·[S &gt; δ·S<sub>min</sub>] with δ = 3;
/// α ← α<sub>d</sub> + (1 − α<sub>d</sub>)·p; λ ← α·λ + (1 − α)·P.
/// So the estimate follows a change of the noise floor within about the window length, and freezes while speech
/// is present. The first 0.25 s are averaged as noise (start-up). The time constants are set in seconds and
/// converted with the hop.</para>
/// <para>Control thread constructs; <see cref="Update"/> and <see cref="Reset"/> are real-time safe. Not thread-safe.</para>
/// </remarks>
internal sealed class McraNoiseTracker
{
    // Ratio of smoothed power to its minimum above which a bin counts as holding speech. Cohen uses 5; 3 freezes the
    // estimate under weaker speech too, which measured 0.3 to 0.7 dB more SNR gain on the quality material
    // (DenoiseQualityTests) at no cost in tracking.
    private const float PresenceThreshold = 3f;

    // The minimum is searched over one to two windows of this length. Cohen's 0.8 s let the estimate climb into long
    // voiced stretches (speech counted as noise); 1.5 s, Martin's minimum-statistics span, does not.
    private const double WindowSeconds = 1.5;

    // A presence that has decayed below this is set to 0. Left alone it decays geometrically through the subnormal
    // range after every stretch of speech, where each operation on it costs some hundred cycles (measured over varied
    // spectra: 1.2 µs a frame without this, 1.0 with it). Below it, α_d + (1 − α_d)·p rounds to α_d and the next p
    // is the same whether p is this or 0, so nothing else changes.
    private const float TinyPresence = 1e-20f;

    private readonly float[] _smoothed;
    private readonly float[] _minimum;
    private readonly float[] _windowMinimum;
    private readonly float[] _presence;
    private readonly float[] _noise;
    private readonly float _powerSmoothing;
    private readonly float _presenceSmoothing;
    private readonly float _noiseSmoothing;
    private readonly int _windowFrames;
    private readonly int _startupLength;
    private int _framesInWindow;
    private int _startupFrames;

    /// <summary>Creates a tracker for <paramref name="binCount"/> bins updated every <paramref name="hopSeconds"/>.</summary>
    public McraNoiseTracker(int binCount, double hopSeconds)
    {
        _smoothed = new float[binCount];
        _minimum = new float[binCount];
        _windowMinimum = new float[binCount];
        _presence = new float[binCount];
        _noise = new float[binCount];

        // Cohen's published smoothing values (alpha_s 0.8, alpha_p 0.2, alpha_d 0.95) are taken as per 8 ms hop and
        // converted to this hop, so the time constants in seconds do not depend on the sample rate or frame size.
        _powerSmoothing = PerHop(0.8, hopSeconds);
        _presenceSmoothing = PerHop(0.2, hopSeconds);
        _noiseSmoothing = PerHop(0.95, hopSeconds);
        _windowFrames = Math.Max(4, (int)Math.Round(WindowSeconds / hopSeconds));
        _startupLength = Math.Max(1, (int)Math.Round(0.25 / hopSeconds));
    }

    /// <summary>Gets the current noise power per bin (same scale as the powers passed to <see cref="Update"/>).</summary>
    public ReadOnlySpan<float> Noise => _noise;

    /// <summary>Gets the smoothed speech-presence indicator per bin, 0 (noise only) to 1 (speech in every recent frame).</summary>
    public ReadOnlySpan<float> Presence => _presence;

    /// <summary>Feeds one frame's power spectrum. Real-time safe.</summary>
    public void Update(ReadOnlySpan<float> power)
    {
        var bins = _noise.Length;
        if (_startupFrames < _startupLength)
        {
            // Start-up: the first quarter second is taken as noise (recordings start with room tone more often than
            // with speech) and averaged plainly; minimum tracking alone would need a whole window to find the floor.
            var weight = 1f / (_startupFrames + 1);
            for (var k = 0; k < bins; k++)
            {
                var s = FrequencySmoothed(power, k);
                _smoothed[k] = _startupFrames == 0 ? s : (_powerSmoothing * _smoothed[k]) + ((1f - _powerSmoothing) * s);
                _noise[k] = _startupFrames == 0 ? power[k] : _noise[k] + ((power[k] - _noise[k]) * weight);
                _minimum[k] = _windowMinimum[k] = _startupFrames == 0 ? _smoothed[k] : MathF.Min(_minimum[k], _smoothed[k]);
                _presence[k] = 0f;
            }

            _startupFrames++;
            _framesInWindow = 0;
            return;
        }

        SmoothPower(power);
        if (++_framesInWindow >= _windowFrames)
        {
            // The minimum restarts from the last window's, so a rise of the noise floor is followed within two windows.
            for (var k = 0; k < bins; k++)
            {
                _minimum[k] = MathF.Min(_windowMinimum[k], _smoothed[k]);
                _windowMinimum[k] = _smoothed[k];
            }

            _framesInWindow = 0;
        }

        UpdateNoise(power);
    }

    // S ← α_s·S + (1 − α_s)·(¼ ½ ¼ ∗ P) and both running minima, a vector of bins at a time; the same arithmetic, in
    // the same order, as the per-bin form (FrequencySmoothed), which the ends of the spectrum keep.
    private void SmoothPower(ReadOnlySpan<float> power)
    {
        var bins = power.Length;
        var a = _powerSmoothing;
        var width = Vector<float>.Count;
        var k = 0;
        if (bins >= width + 2)
        {
            Smooth(power, 0, a);
            var quarter = new Vector<float>(0.25f);
            var half = new Vector<float>(0.5f);
            var va = new Vector<float>(a);
            var vb = new Vector<float>(1f - a);
            for (k = 1; k + width <= bins - 1; k += width)
            {
                var frequency = (quarter * new Vector<float>(power.Slice(k - 1, width))) + (half * new Vector<float>(power.Slice(k, width)))
                    + (quarter * new Vector<float>(power.Slice(k + 1, width)));
                var s = (va * new Vector<float>(_smoothed, k)) + (vb * frequency);
                s.CopyTo(_smoothed, k);
                Vector.Min(new Vector<float>(_minimum, k), s).CopyTo(_minimum, k);
                Vector.Min(new Vector<float>(_windowMinimum, k), s).CopyTo(_windowMinimum, k);
            }
        }

        for (; k < bins; k++)
        {
            Smooth(power, k, a);
        }
    }

    private void Smooth(ReadOnlySpan<float> power, int k, float a)
    {
        var s = (a * _smoothed[k]) + ((1f - a) * FrequencySmoothed(power, k));
        _smoothed[k] = s;
        _minimum[k] = MathF.Min(_minimum[k], s);
        _windowMinimum[k] = MathF.Min(_windowMinimum[k], s);
    }

    // Speech presence from S against its minimum, then λ averaged as fast as speech is absent.
    private void UpdateNoise(ReadOnlySpan<float> power)
    {
        var bins = power.Length;
        var ap = _presenceSmoothing;
        var ad = _noiseSmoothing;
        var width = Vector<float>.Count;
        var k = 0;
        var threshold = new Vector<float>(PresenceThreshold);
        var vap = new Vector<float>(ap);
        var vbp = new Vector<float>(1f - ap);
        var vad = new Vector<float>(ad);
        var vbd = new Vector<float>(1f - ad);
        var vTiny = new Vector<float>(TinyPresence);
        for (; k + width <= bins; k += width)
        {
            var present = Vector.ConditionalSelect(Vector.GreaterThan(new Vector<float>(_smoothed, k), threshold * new Vector<float>(_minimum, k)), Vector<float>.One, Vector<float>.Zero);
            var p = (vap * new Vector<float>(_presence, k)) + (vbp * present);
            p = Vector.ConditionalSelect(Vector.LessThan(p, vTiny), Vector<float>.Zero, p);
            p.CopyTo(_presence, k);
            var alpha = vad + (vbd * p);
            ((alpha * new Vector<float>(_noise, k)) + ((Vector<float>.One - alpha) * new Vector<float>(power.Slice(k, width)))).CopyTo(_noise, k);
        }

        for (; k < bins; k++)
        {
            var present = _smoothed[k] > PresenceThreshold * _minimum[k] ? 1f : 0f;
            var p = (ap * _presence[k]) + ((1f - ap) * present);
            p = p < TinyPresence ? 0f : p;
            _presence[k] = p;
            var alpha = ad + ((1f - ad) * p);
            _noise[k] = (alpha * _noise[k]) + ((1f - alpha) * power[k]);
        }
    }

    /// <summary>Forgets everything: the next frame starts the estimate again. Real-time safe.</summary>
    public void Reset()
    {
        Array.Clear(_noise);
        Array.Clear(_presence);
        _startupFrames = 0;
        _framesInWindow = 0;
    }

    private static float FrequencySmoothed(ReadOnlySpan<float> power, int k)
    {
        var last = power.Length - 1;
        var below = power[k > 0 ? k - 1 : 1 <= last ? 1 : 0];
        var above = power[k < last ? k + 1 : Math.Max(0, last - 1)];
        return (0.25f * below) + (0.5f * power[k]) + (0.25f * above);
    }

    private static float PerHop(double coefficientPer8Ms, double hopSeconds) =>
        (float)Math.Pow(coefficientPer8Ms, hopSeconds / 0.008);
}
