using AudioPost.Sdk.Dsp;

namespace AudioPost.Sdk.Processing.Metering;

/// <summary>One channel's levels from a <see cref="MeterTap"/>, linear (1.0 = full scale) with dB views.</summary>
/// <param name="Peak">Sample peak with a fall-back of 20 dB per second: what a bar meter shows.</param>
/// <param name="MaxPeak">Highest sample peak since the meter was reset.</param>
/// <param name="Rms">RMS over an exponential window (time constant 300 ms).</param>
public readonly record struct MeterReading(float Peak, float MaxPeak, float Rms)
{
    /// <summary>Gets <see cref="Peak"/> in dBFS.</summary>
    public float PeakDb => Decibels.FromGain(Peak);

    /// <summary>Gets <see cref="MaxPeak"/> in dBFS.</summary>
    public float MaxPeakDb => Decibels.FromGain(MaxPeak);

    /// <summary>Gets <see cref="Rms"/> in dBFS (a full-scale sine reads -3.01).</summary>
    public float RmsDb => Decibels.FromGain(Rms);
}
