namespace AudioPost.Sdk.Dsp.Loudness;

/// <summary>
/// How a <see cref="LoudnessMeter"/> measures where the standards leave a choice. Immutable once constructed, so one
/// instance may be shared by any number of meters and threads.
/// </summary>
public sealed class LoudnessMeterOptions
{
    private readonly int _rangeValuesPerSecond = 10;

    /// <summary>Gets the defaults: the BS.1770 Annex 2 true-peak filter and 10 short-term values a second for the
    /// loudness range, as EBU Tech 3342 asks.</summary>
    public static LoudnessMeterOptions Default { get; } = new();

    /// <summary>
    /// Gets options that measure the way libebur128 1.2 does, for comparisons with it and with tools built on it:
    /// the windowed-sinc true-peak filter, and one short-term value a second for the loudness range. Integrated,
    /// momentary and short-term loudness do not depend on these choices.
    /// </summary>
    public static LoudnessMeterOptions LibEbur128Compatible { get; } = new()
    {
        TruePeakFilter = TruePeakFilter.WindowedSinc49,
        RangeValuesPerSecond = 1,
    };

    /// <summary>Gets the true-peak interpolation filter; default <see cref="TruePeakFilter.Bs1770Annex2"/>.</summary>
    public TruePeakFilter TruePeakFilter { get; init; } = TruePeakFilter.Bs1770Annex2;

    /// <summary>
    /// Gets how many short-term loudness values a second feed the loudness range: 1, 2, 5 or 10 (default 10, the
    /// minimum rate of EBU Tech 3342; libebur128 uses 1). Fewer values make the range coarser on short programmes.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not 1, 2, 5 or 10.</exception>
    public int RangeValuesPerSecond
    {
        get => _rangeValuesPerSecond;
        init
        {
            if (value is not (1 or 2 or 5 or 10))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The loudness range takes 1, 2, 5 or 10 short-term values a second.");
            }

            _rangeValuesPerSecond = value;
        }
    }
}
