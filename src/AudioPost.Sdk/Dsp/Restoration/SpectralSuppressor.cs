using System.Numerics;

namespace AudioPost.Sdk.Dsp.Restoration;

/// <summary>
/// Per-bin suppression gains for one STFT frame: decision-directed a-priori SNR (Ephraim–Malah), Wiener gain, a floor
/// from the reduction amount, a 3-bin median against lone noise peaks, then smoothing over frequency and (for falling
/// gains) over time.
/// </summary>
/// <remarks>
/// <para>With P the frame's power, λ the noise power (the continuous estimate × 1.5, or the profile), γ = P/λ the a-posteriori SNR and Â² the previous frame's
/// estimated clean power (raw gain² · P): ξ = α·Â²/λ + (1 − α)·max(γ − 1, 0), α from 0.98 in frames without speech to 0.8 in frames with speech (per
/// 10 ms, converted to the hop; the frame's speech presence from its mean γ over the speech band); G = ξ / (1 + ξ); then max(G, floor). The floor is 10^(−reduction/20), so a noise-only input is attenuated
/// by the reduction amount and never further: the residual noise keeps its spectral shape instead of breaking up into
/// isolated tones ("musical noise"). A 3-bin median then removes single-bin gain peaks (chance peaks of the
/// noise: a speech harmonic spans the window's main lobe, three bins or more). The gains are then smoothed over frequency with a 3-bin kernel (¼ ½ ¼) that
/// may only raise a gain (max of the gain and the average: a lone floored bin between passed ones is lifted, a
/// harmonic's peak is never lowered) and, when they fall, over time by a one-pole release of 40 ms; rises pass at once
/// so speech onsets are not dulled.</para>
/// <para>Control thread constructs; <see cref="Update"/> and <see cref="Reset"/> are real-time safe. Not thread-safe.</para>
/// </remarks>
internal sealed class SpectralSuppressor
{
    private const float MinimumNoise = 1e-30f;

    // The smallest normal float. A previous clean estimate below it is set to 0: in noise-only bins it shrinks
    // geometrically (Â² ≈ ξ²·P) into the subnormal range, where every operation on it costs some hundred cycles
    // (measured over varied spectra: the suppressor took 7.9 µs a frame without this, 5.3 with it).
    private const float SmallestNormal = 1.17549435e-38f;

    // The continuous estimate averages the periodogram mostly while the smoothed power is low (speech judged absent), so
    // it reads low; 1.5 (1.8 dB) brings a noise-only passage down by the full reduction amount. A learned profile is
    // an unconditional mean and is used as it is.
    internal const float TrackedNoiseScale = 1.5f;

    // The decision-directed weight per 10 ms in frames without speech (Ephraim–Malah's 0.98: a slowly moving a-priori
    // SNR, so chance peaks of the noise do not become tones) and in frames with speech (0.8: the a-priori SNR follows
    // onsets and formant moves instead of lagging them, which measured +1.6 dB mean SNR gain on pink noise and a
    // smaller spectral distance on every file of the quality material). Musical noise would appear if the fast
    // weight reached noise-only frames; the frame-level presence below keeps it out (kurtosis ratio 1.00 at 12 dB).
    private const double NoiseDecisionDirected = 0.98;
    private const double SpeechDecisionDirected = 0.8;

    // Frame-level speech presence: 0 when the mean (capped) a-posteriori SNR over about 100 Hz to 4 kHz (at 48 kHz; a fixed
    // share of the bins) is below 1.5, 1 above 3, linear between. Over a hundred or more bins, noise alone keeps the
    // mean within a few percent of 1.
    private const float PresenceLow = 1.5f;
    private const float PresenceHigh = 3f;

    // Each bin's a-posteriori SNR counts at most this much towards the mean, so that a few strong steady lines (a tone,
    // a hum harmonic) do not make a noise frame look like speech: three bins at any level add at most 0.2 to the mean
    // (measured: uncapped, a 1 kHz tone 20 dB over white noise held the fast weight on every frame and the noise
    // beside it fell 12 dB instead of 20).
    private const float PresenceCap = 10f;

    private readonly McraNoiseTracker _tracker;
    private readonly float[] _previousClean;
    private readonly float[] _raw;
    private readonly float[] _median;
    private readonly float[] _gains;
    private readonly float _decisionDirected;
    private readonly float _decisionDirectedSpeech;
    private readonly float _release;
    private bool _started;

    /// <summary>Creates the state for <paramref name="binCount"/> bins updated every <paramref name="hopSeconds"/>.</summary>
    public SpectralSuppressor(int binCount, double hopSeconds)
    {
        _tracker = new McraNoiseTracker(binCount, hopSeconds);
        _previousClean = new float[binCount];
        _raw = new float[binCount];
        _median = new float[binCount];
        _gains = new float[binCount];
        _decisionDirected = (float)Math.Pow(NoiseDecisionDirected, hopSeconds / 0.01);
        _decisionDirectedSpeech = (float)Math.Pow(SpeechDecisionDirected, hopSeconds / 0.01);
        _release = (float)Math.Exp(-hopSeconds / 0.04);
    }

    /// <summary>Gets the gains of the last frame, 0 to 1 per bin.</summary>
    public ReadOnlySpan<float> Gains => _gains;

    /// <summary>Gets the noise power the last frame was judged against (the tracker's, or the profile's).</summary>
    public ReadOnlySpan<float> TrackedNoise => _tracker.Noise;

    /// <summary>Gets the continuous tracker's speech-presence indicator per bin, 0 to 1.</summary>
    public ReadOnlySpan<float> Presence => _tracker.Presence;

    /// <summary>Computes the gains for one frame. Real-time safe.</summary>
    /// <param name="power">The frame's power per bin.</param>
    /// <param name="profile">A learned noise power per bin, or empty to use (and update) the continuous estimate.</param>
    /// <param name="floor">The smallest gain, linear, 0 to 1.</param>
    /// <param name="track">Whether the frame may update the continuous estimate: false for the frames that still
    /// hold the silence before the stream's start (their power is too low).</param>
    public void Update(ReadOnlySpan<float> power, ReadOnlySpan<float> profile, float floor, bool track = true)
    {
        // The tracker runs with a profile too: its speech-presence indicator serves the hum stage, and a later switch
        // back to continuous estimation starts from a settled estimate.
        if (track)
        {
            _tracker.Update(power);
        }

        var noise = profile.IsEmpty ? _tracker.Noise : profile;

        var bins = _gains.Length;
        var scale = profile.IsEmpty ? TrackedNoiseScale : 1f;
        var bandLow = Math.Min(bins - 1, Math.Max(1, bins / 240));
        var bandHigh = Math.Min(bins - 1, bins / 6);
        var meanGamma = (float)(SumCappedGamma(power.Slice(bandLow, bandHigh - bandLow + 1), noise.Slice(bandLow, bandHigh - bandLow + 1), scale) / (bandHigh - bandLow + 1));
        var presence = Math.Clamp((meanGamma - PresenceLow) / (PresenceHigh - PresenceLow), 0f, 1f);
        var a = _started ? _decisionDirected + ((_decisionDirectedSpeech - _decisionDirected) * presence) : 0f;
        WienerGains(power, noise, scale, a, floor);
        MedianOfThree();
        SmoothGains();
        _started = true;
    }

    // Σ min(γ, cap) over the band (about 100 Hz to 4 kHz), summed in double.
    private static double SumCappedGamma(ReadOnlySpan<float> power, ReadOnlySpan<float> noise, float scale)
    {
        double sum = 0;
        for (var k = 0; k < power.Length; k++)
        {
            sum += MathF.Min(power[k] / MathF.Max(noise[k] * scale, MinimumNoise), PresenceCap);
        }

        return sum;
    }

    // Decision-directed a-priori SNR and Wiener gain per bin, floored; the previous frame's clean estimate updated.
    private void WienerGains(ReadOnlySpan<float> power, ReadOnlySpan<float> noise, float scale, float a, float floor)
    {
        var bins = _gains.Length;
        var width = Vector<float>.Count;
        var k = 0;
        var vScale = new Vector<float>(scale);
        var vMinimum = new Vector<float>(MinimumNoise);
        var va = new Vector<float>(a);
        var vb = new Vector<float>(1f - a);
        var vFloor = new Vector<float>(floor);
        var vNormal = new Vector<float>(SmallestNormal);
        for (; k + width <= bins; k += width)
        {
            var p = new Vector<float>(power.Slice(k, width));
            var n = Vector.Max(new Vector<float>(noise.Slice(k, width)) * vScale, vMinimum);
            var gamma = p / n;
            var xi = (va * new Vector<float>(_previousClean, k) / n) + (vb * Vector.Max(gamma - Vector<float>.One, Vector<float>.Zero));
            var g = xi / (Vector<float>.One + xi);
            var clean = g * g * p;
            Vector.ConditionalSelect(Vector.LessThan(clean, vNormal), Vector<float>.Zero, clean).CopyTo(_previousClean, k);
            Vector.Max(g, vFloor).CopyTo(_raw, k);
        }

        for (; k < bins; k++)
        {
            var n = MathF.Max(noise[k] * scale, MinimumNoise);
            var gamma = power[k] / n;
            var xi = (a * _previousClean[k] / n) + ((1f - a) * MathF.Max(gamma - 1f, 0f));
            var g = xi / (1f + xi);
            var clean = g * g * power[k];
            _previousClean[k] = clean < SmallestNormal ? 0f : clean;
            _raw[k] = MathF.Max(g, floor);
        }
    }

    // A single bin raised above both neighbours is a chance peak of the noise, not speech (a harmonic spans at least
    // the window's main lobe): the median of three removes it and keeps wider peaks. Out of place into _median (each
    // median reads the raw gains), the ends kept.
    private void MedianOfThree()
    {
        var bins = _raw.Length;
        var last = bins - 1;
        var width = Vector<float>.Count;
        _median[0] = _raw[0];
        _median[last] = _raw[last];
        var k = 1;
        for (; k + width <= last; k += width)
        {
            var left = new Vector<float>(_raw, k - 1);
            var middle = new Vector<float>(_raw, k);
            var right = new Vector<float>(_raw, k + 1);
            Vector.Max(Vector.Min(left, middle), Vector.Min(Vector.Max(left, middle), right)).CopyTo(_median, k);
        }

        for (; k < last; k++)
        {
            var left = _raw[k - 1];
            var middle = _raw[k];
            var right = _raw[k + 1];
            _median[k] = MathF.Max(MathF.Min(left, middle), MathF.Min(MathF.Max(left, middle), right));
        }
    }

    // Smoothing over frequency that may only raise a gain (a plain average would pull the peak bin of every speech
    // harmonic down towards its floored neighbours, about 5 dB, which measured as speech distortion), then the
    // release over time for falling gains.
    private void SmoothGains()
    {
        var bins = _gains.Length;
        var last = bins - 1;
        var width = Vector<float>.Count;
        var release = new Vector<float>(1f - _release);
        var quarter = new Vector<float>(0.25f);
        var half = new Vector<float>(0.5f);
        SmoothGain(0, last);
        var k = 1;
        for (; k + width <= last; k += width)
        {
            var raw = new Vector<float>(_median, k);
            var g = Vector.Max(raw, (quarter * new Vector<float>(_median, k - 1)) + (half * raw) + (quarter * new Vector<float>(_median, k + 1)));
            if (_started)
            {
                var previous = new Vector<float>(_gains, k);
                g = Vector.ConditionalSelect(Vector.LessThan(g, previous), previous + ((g - previous) * release), g);
            }

            g.CopyTo(_gains, k);
        }

        for (; k <= last; k++)
        {
            SmoothGain(k, last);
        }
    }

    private void SmoothGain(int k, int last)
    {
        var below = _median[k > 0 ? k - 1 : Math.Min(1, last)];
        var above = _median[k < last ? k + 1 : Math.Max(0, last - 1)];
        var g = MathF.Max(_median[k], (0.25f * below) + (0.5f * _median[k]) + (0.25f * above));
        if (_started && g < _gains[k])
        {
            g = _gains[k] + ((g - _gains[k]) * (1f - _release));
        }

        _gains[k] = g;
    }

    /// <summary>Forgets all state. Real-time safe.</summary>
    public void Reset()
    {
        _tracker.Reset();
        _started = false;
    }
}
