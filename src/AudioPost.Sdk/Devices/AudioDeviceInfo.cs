namespace AudioPost.Sdk.Devices;

/// <summary>
/// One device a backend can open, with its capabilities. Immutable and thread-safe. What a "device" is depends on the
/// backend: a sound card (PortAudio), an audio server (JACK), a virtual clock (the null backend).
/// </summary>
public sealed class AudioDeviceInfo
{
    /// <summary>Creates a device description.</summary>
    /// <param name="backendName">The <see cref="IAudioDeviceBackend.Name"/> of the backend that listed it.</param>
    /// <param name="id">The backend's stable identifier for the device (what <see cref="IAudioDeviceBackend.Open"/> looks for).</param>
    /// <param name="name">A human-readable name.</param>
    /// <param name="maxInputChannels">Capture channels, 0 or more.</param>
    /// <param name="maxOutputChannels">Playback channels, 0 or more.</param>
    /// <param name="defaultSampleRate">The rate in Hz a stream gets when the options name none.</param>
    /// <param name="sampleRates">Rates in Hz the device accepts; empty when only the default is known.</param>
    /// <param name="defaultBufferFrames">The buffer size in frames a stream gets when the options name none.</param>
    /// <param name="bufferSizes">Buffer sizes in frames the device accepts; empty when only the default is known.</param>
    /// <param name="isDefault">Whether this is the backend's default device.</param>
    /// <exception cref="ArgumentException">A name is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count or rate is negative or zero.</exception>
    public AudioDeviceInfo(
        string backendName,
        string id,
        string name,
        int maxInputChannels,
        int maxOutputChannels,
        int defaultSampleRate,
        IReadOnlyList<int> sampleRates,
        int defaultBufferFrames,
        IReadOnlyList<int> bufferSizes,
        bool isDefault)
    {
        ArgumentException.ThrowIfNullOrEmpty(backendName);
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegative(maxInputChannels);
        ArgumentOutOfRangeException.ThrowIfNegative(maxOutputChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(defaultSampleRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(defaultBufferFrames);
        ArgumentNullException.ThrowIfNull(sampleRates);
        ArgumentNullException.ThrowIfNull(bufferSizes);
        BackendName = backendName;
        Id = id;
        Name = name;
        MaxInputChannels = maxInputChannels;
        MaxOutputChannels = maxOutputChannels;
        DefaultSampleRate = defaultSampleRate;
        SampleRates = [.. sampleRates];
        DefaultBufferFrames = defaultBufferFrames;
        BufferSizes = [.. bufferSizes];
        IsDefault = isDefault;
    }

    /// <summary>Gets the name of the backend that listed the device.</summary>
    public string BackendName { get; }

    /// <summary>Gets the backend's identifier for the device.</summary>
    public string Id { get; }

    /// <summary>Gets a human-readable name.</summary>
    public string Name { get; }

    /// <summary>Gets the number of capture channels.</summary>
    public int MaxInputChannels { get; }

    /// <summary>Gets the number of playback channels.</summary>
    public int MaxOutputChannels { get; }

    /// <summary>Gets the default sample rate in Hz.</summary>
    public int DefaultSampleRate { get; }

    /// <summary>Gets the sample rates in Hz the device accepts (empty when only <see cref="DefaultSampleRate"/> is known).</summary>
    public IReadOnlyList<int> SampleRates { get; }

    /// <summary>Gets the default buffer size in frames.</summary>
    public int DefaultBufferFrames { get; }

    /// <summary>Gets the buffer sizes in frames the device accepts (empty when only <see cref="DefaultBufferFrames"/> is known).</summary>
    public IReadOnlyList<int> BufferSizes { get; }

    /// <summary>Gets whether this is the backend's default device.</summary>
    public bool IsDefault { get; }

    /// <inheritdoc />
    public override string ToString() => $"{BackendName}:{Id} ({Name}, {MaxInputChannels} in, {MaxOutputChannels} out)";
}
