using AudioPost.Sdk.Buffers;

using AudioPost.Sdk.Formats.Metadata;

namespace AudioPost.Sdk.Formats;

/// <summary>
/// What a file's header says about its audio: the format, the stored sample encoding, the rate, the channel layout
/// and the length in frames. Immutable and thread-safe.
/// </summary>
public sealed record AudioFileInfo
{
    private readonly AudioMetadata _metadata = AudioMetadata.Empty;

    /// <summary>Creates the description of a file.</summary>
    /// <param name="format">The file format.</param>
    /// <param name="sampleFormat">How samples are stored in the file.</param>
    /// <param name="sampleRate">Sample frames per second, 1 to <see cref="AudioSpec.MaxSampleRate"/> Hz.</param>
    /// <param name="channelLayout">The ordered channels.</param>
    /// <param name="frames">The number of sample frames in the file, 0 or more.</param>
    /// <exception cref="ArgumentNullException"><paramref name="format"/> or <paramref name="channelLayout"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleRate"/> or <paramref name="frames"/> is out of range.</exception>
    public AudioFileInfo(IAudioFileFormat format, SampleFormat sampleFormat, int sampleRate, ChannelLayout channelLayout, long frames)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(channelLayout);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, AudioSpec.MaxSampleRate);
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        Format = format;
        SampleFormat = sampleFormat;
        SampleRate = sampleRate;
        ChannelLayout = channelLayout;
        Frames = frames;
    }

    /// <summary>Gets the file format.</summary>
    public IAudioFileFormat Format { get; }

    /// <summary>Gets how samples are stored in the file (the container size: a 20-bit file in 24-bit containers is <see cref="SampleFormat.Pcm24"/>).</summary>
    public SampleFormat SampleFormat { get; }

    /// <summary>Gets the sample rate in Hz, 1 to <see cref="AudioSpec.MaxSampleRate"/>.</summary>
    public int SampleRate { get; }

    /// <summary>Gets the ordered channels.</summary>
    public ChannelLayout ChannelLayout { get; }

    /// <summary>Gets the number of channels, 1 to <see cref="ChannelLayout.MaxChannels"/>.</summary>
    public int ChannelCount => ChannelLayout.Count;

    /// <summary>Gets the length in sample frames (samples per channel), 0 or more.</summary>
    public long Frames { get; }

    /// <summary>Gets the file's metadata (broadcast extension, iXML, markers); <see cref="AudioMetadata.Empty"/> when it
    /// has none or its format carries none.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public AudioMetadata Metadata
    {
        get => _metadata;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _metadata = value;
        }
    }

    /// <summary>Gets the sample rate and layout as a spec.</summary>
    public AudioSpec Spec => new(SampleRate, ChannelLayout);

    /// <summary>Gets the length in seconds: <see cref="Frames"/> / <see cref="SampleRate"/>, not rounded.</summary>
    public double DurationSeconds => (double)Frames / SampleRate;

    /// <summary>Gets the length as a time span, truncated to whole 100 ns ticks.</summary>
    public TimeSpan Duration => TimeSpan.FromTicks((long)((Int128)Frames * TimeSpan.TicksPerSecond / SampleRate));
}
