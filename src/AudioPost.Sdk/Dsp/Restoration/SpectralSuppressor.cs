namespace AudioPost.Sdk.Dsp.Restoration;

/// <summary>
/// Per-bin suppression gains for one STFT frame: decision-directed a-priori SNR (Ephraim–Malah), Wiener gain, a floor
/// from the reduction amount, then smoothing over frequency and (for falling gains) over time.
/// </summary>
/// <remarks>
/// <para>With P the frame's power, λ the noise power, γ = P/λ the a-posteriori SNR and Â² the previous frame's
/// estimated clean power (raw gain² · P): ξ = α·Â²/λ + (1 − α)·max(γ − 1, 0), α = 0.98 (per 10 ms, converted to the
/// hop); G = ξ / (1 + ξ); then max(G, floor). The floor is 10^(−reduction/20), so a noise-only input is attenuated
/// by the reduction amount and never further: the residual noise keeps its spectral shape instead of breaking up into
/// isolated tones ("musical noise"). The floored gains are smoothed with a 3-bin kernel (¼ ½ ¼) and, when they fall,
/// by a one-pole release of 15 ms; rises pass at once so speech onsets are not dulled.</para>
/// <para>Control thread constructs; <see cref="Update"/> and <see cref="Reset"/> are real-time safe. Not thread-safe.</para>
/// </remarks>
internal sealed class SpectralSuppressor
{
    private const float MinimumNoise = 1e-30f;

    private readonly McraNoiseTracker _tracker;
    private readonly float[] _previousClean;
    private readonly float[] _raw;
    private readonly float[] _gains;
    private readonly float _decisionDirected;
    private readonly float _release;
    private bool _started;

    /// <summary>Creates the state for <paramref name="binCount"/> bins updated every <paramref name="hopSeconds"/>.</summary>
    public SpectralSuppressor(int binCount, double hopSeconds)
    {
        _tracker = new McraNoiseTracker(binCount, hopSeconds);
        _previousClean = new float[binCount];
        _raw = new float[binCount];
        _gains = new float[binCount];
        _decisionDirected = (float)Math.Pow(0.98, hopSeconds / 0.01);
        _release = (float)Math.Exp(-hopSeconds / 0.015);
    }

    /// <summary>Gets the gains of the last frame, 0 to 1 per bin.</summary>
    public ReadOnlySpan<float> Gains => _gains;

    /// <summary>Gets the noise power the last frame was judged against (the tracker's, or the profile's).</summary>
    public ReadOnlySpan<float> TrackedNoise => _tracker.Noise;

    /// <summary>Computes the gains for one frame. Real-time safe.</summary>
    /// <param name="power">The frame's power per bin.</param>
    /// <param name="profile">A learned noise power per bin, or empty to use (and update) the continuous estimate.</param>
    /// <param name="floor">The smallest gain, linear, 0 to 1.</param>
    public void Update(ReadOnlySpan<float> power, ReadOnlySpan<float> profile, float floor)
    {
        ReadOnlySpan<float> noise;
        if (profile.IsEmpty)
        {
            _tracker.Update(power);
            noise = _tracker.Noise;
        }
        else
        {
            noise = profile;
        }

        var bins = _gains.Length;
        var a = _started ? _decisionDirected : 0f;
        for (var k = 0; k < bins; k++)
        {
            var n = MathF.Max(noise[k], MinimumNoise);
            var gamma = power[k] / n;
            var xi = (a * _previousClean[k] / n) + ((1f - a) * MathF.Max(gamma - 1f, 0f));
            var g = xi / (1f + xi);
            _previousClean[k] = g * g * power[k];
            _raw[k] = MathF.Max(g, floor);
        }

        var last = bins - 1;
        for (var k = 0; k < bins; k++)
        {
            var below = _raw[k > 0 ? k - 1 : Math.Min(1, last)];
            var above = _raw[k < last ? k + 1 : Math.Max(0, last - 1)];
            var g = (0.25f * below) + (0.5f * _raw[k]) + (0.25f * above);
            if (_started && g < _gains[k])
            {
                g = _gains[k] + ((g - _gains[k]) * (1f - _release));
            }

            _gains[k] = g;
        }

        _started = true;
    }

    /// <summary>Forgets all state. Real-time safe.</summary>
    public void Reset()
    {
        _tracker.Reset();
        _started = false;
    }
}
