namespace AudioPost.Sdk.Buffers;

/// <summary>
/// The shape of a stream of audio: its sample rate and its ordered channels.
/// Immutable and thread-safe.
/// </summary>
public readonly record struct AudioSpec
{
    /// <summary>Creates a spec.</summary>
    /// <param name="sampleRate">Sample frames per second, 1 to 1,536,000 Hz.</param>
    /// <param name="layout">The ordered channels.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleRate"/> is out of range.</exception>
    public AudioSpec(int sampleRate, ChannelLayout layout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, MaxSampleRate);
        ArgumentNullException.ThrowIfNull(layout);
        SampleRate = sampleRate;
        Layout = layout;
    }

    /// <summary>The highest sample rate the SDK accepts, in Hz (32 x 48 kHz).</summary>
    public const int MaxSampleRate = 1_536_000;

    /// <summary>Gets the sample rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Gets the ordered channels.</summary>
    public ChannelLayout Layout { get; }

    /// <summary>Gets the number of channels.</summary>
    public int ChannelCount => Layout.Count;

    /// <summary>Converts a frame count to seconds at this rate.</summary>
    public double FramesToSeconds(long frames) => (double)frames / SampleRate;
}
