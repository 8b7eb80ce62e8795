namespace AudioPost.Sdk.Dsp.Filters;

/// <summary>Which side of a cutoff frequency a <see cref="ButterworthFilter"/> or <see cref="LinkwitzRileyFilter"/> passes.</summary>
public enum FilterPass
{
    /// <summary>Passes frequencies below the cutoff.</summary>
    LowPass,

    /// <summary>Passes frequencies above the cutoff.</summary>
    HighPass,
}
