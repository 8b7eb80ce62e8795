namespace AudioPost.Sdk.Devices;

/// <summary>
/// What to open on a device: channels, rate, buffer size. Immutable; <see cref="Default"/> is stereo output at the
/// device's own rate and buffer size.
/// </summary>
public sealed class AudioStreamOptions
{
    /// <summary>Gets the shared default: 0 inputs, 2 outputs, the device's rate and buffer size, ports auto-connected.</summary>
    public static AudioStreamOptions Default { get; } = new();

    /// <summary>Gets the capture channels to open (0 for an output-only stream). Default 0.</summary>
    public int InputChannels { get; init; }

    /// <summary>Gets the playback channels to open (0 for an input-only stream). Default 2.</summary>
    public int OutputChannels { get; init; } = 2;

    /// <summary>Gets the sample rate in Hz, or null for the device's default. Default null.</summary>
    /// <remarks>A server-clocked backend (JACK) cannot change its rate: it fails to open when this differs.</remarks>
    public int? SampleRate { get; init; }

    /// <summary>Gets the buffer size in frames per callback, or null for the device's default. Default null.</summary>
    public int? BufferFrames { get; init; }

    /// <summary>Gets the client name shown by audio servers (JACK's port owner). Default "audiopost".</summary>
    public string ClientName { get; init; } = "audiopost";

    /// <summary>
    /// Gets whether the backend connects the stream to the device's physical ports (JACK's system ports) when it
    /// starts. Default true; turn it off to route by hand.
    /// </summary>
    public bool AutoConnect { get; init; } = true;

    /// <summary>Checks the values against each other.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, no channel is open, or a rate or size is not positive.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(InputChannels);
        ArgumentOutOfRangeException.ThrowIfNegative(OutputChannels);
        if (InputChannels + OutputChannels == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(OutputChannels), "A stream needs at least one input or output channel.");
        }

        if (SampleRate is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(SampleRate), SampleRate, "The sample rate must be positive.");
        }

        if (BufferFrames is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BufferFrames), BufferFrames, "The buffer size must be positive.");
        }

        ArgumentException.ThrowIfNullOrEmpty(ClientName);
    }
}
