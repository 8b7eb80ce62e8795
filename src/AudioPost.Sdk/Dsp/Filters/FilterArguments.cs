namespace AudioPost.Sdk.Dsp.Filters;

/// <summary>Argument checks shared by the filter designs (control thread only: they throw).</summary>
internal static class FilterArguments
{
    public static void Validate(double sampleRate, double frequency, double q, double gainDb)
    {
        ValidateFrequency(sampleRate, frequency);
        if (!(q > 0) || double.IsInfinity(q))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "Q must be finite and greater than 0.");
        }

        if (!double.IsFinite(gainDb))
        {
            throw new ArgumentOutOfRangeException(nameof(gainDb), gainDb, "The gain must be a finite number of dB.");
        }
    }

    public static void ValidateSampleRate(double sampleRate)
    {
        if (!(sampleRate > 0) || double.IsInfinity(sampleRate))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "The sample rate must be finite and greater than 0 Hz.");
        }
    }

    public static void ValidateFrequency(double sampleRate, double frequency)
    {
        ValidateSampleRate(sampleRate);

        if (!(frequency > 0 && frequency < sampleRate / 2))
        {
            throw new ArgumentOutOfRangeException(nameof(frequency), frequency, $"The frequency must lie between 0 and the Nyquist frequency ({sampleRate / 2} Hz), both excluded.");
        }
    }

    public static void ValidateShape(int channelCount, int maxBlockFrames)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channelCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBlockFrames);
    }
}
