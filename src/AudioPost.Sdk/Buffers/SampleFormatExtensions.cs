namespace AudioPost.Sdk.Buffers;

/// <summary>Facts about a <see cref="SampleFormat"/>.</summary>
public static class SampleFormatExtensions
{
    /// <summary>Gets the number of bytes one sample of <paramref name="format"/> occupies (1, 2, 3, 4 or 8).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not a defined value.</exception>
    public static int GetBytesPerSample(this SampleFormat format) => format switch
    {
        SampleFormat.Pcm8 => 1,
        SampleFormat.Pcm16 => 2,
        SampleFormat.Pcm24 => 3,
        SampleFormat.Pcm32 => 4,
        SampleFormat.Float32 => 4,
        SampleFormat.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown sample format."),
    };

    /// <summary>Gets the number of significant bits of <paramref name="format"/> (8, 16, 24, 32 or 64).</summary>
    public static int GetBitsPerSample(this SampleFormat format) => format.GetBytesPerSample() * 8;

    /// <summary>Gets whether <paramref name="format"/> is an IEEE floating-point encoding.</summary>
    public static bool IsFloatingPoint(this SampleFormat format) => format is SampleFormat.Float32 or SampleFormat.Float64;
}
