namespace AudioPost.Sdk.Processing.Reverb;

/// <summary>
/// The loss of one feedback-delay-network line: a first-order shelf whose gain is <c>low</c> at DC and
/// <c>high</c> at Nyquist, crossing over at a set frequency. Built as <c>high·x + (low − high)·LP(x)</c>
/// with LP the bilinear one-pole low-pass (unity at DC, zero at Nyquist), so the two gains are exact.
/// </summary>
/// <remarks>A mutable struct held in an array and updated in place; real-time safe.</remarks>
internal struct AbsorptionFilter
{
    private float _b;
    private float _p;
    private float _low;
    private float _high;
    private float _x1;
    private float _y1;

    /// <summary>Sets the gains (0 to 1) and the crossover (as tan(π·fc/fs)). Keeps the state.</summary>
    public void Set(float lowGain, float highGain, float k)
    {
        _low = lowGain;
        _high = highGain;
        _b = k / (1f + k);
        _p = (1f - k) / (1f + k);
    }

    public float Process(float x)
    {
        var lp = (_b * (x + _x1)) + (_p * _y1);
        _x1 = x;
        _y1 = lp;
        return (_high * x) + ((_low - _high) * lp);
    }

    public void Reset()
    {
        _x1 = 0f;
        _y1 = 0f;
    }
}
