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

        var a = _powerSmoothing;
        for (var k = 0; k < bins; k++)
        {
            var s = (a * _smoothed[k]) + ((1f - a) * FrequencySmoothed(power, k));
            _smoothed[k] = s;
            _minimum[k] = MathF.Min(_minimum[k], s);
            _windowMinimum[k] = MathF.Min(_windowMinimum[k], s);
        }

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

        var ap = _presenceSmoothing;
        var ad = _noiseSmoothing;
        for (var k = 0; k < bins; k++)
        {
            var present = _smoothed[k] > PresenceThreshold * _minimum[k] ? 1f : 0f;
            var p = (ap * _presence[k]) + ((1f - ap) * present);
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
