namespace AudioPost.Sdk.Devices;

/// <summary>
/// A device backend with no hardware: one device, "null", with a virtual clock. It runs the same device code path as
/// a sound card for tests, CI and offline work. Thread-safe.
/// </summary>
/// <remarks>
/// With <see cref="Loopback"/> the output of each callback comes back as the input of the next one, as a cable from
/// output to input would, and the stream reports that one-buffer trip as its <see cref="IAudioDeviceStream.InputLatency"/>.
/// </remarks>
public sealed class NullDeviceBackend : IAudioDeviceBackend
{
    /// <summary>The backend's name.</summary>
    public const string BackendName = "null";

    private static readonly int[] Rates = [22050, 44100, 48000, 88200, 96000, 176400, 192000];
    private static readonly int[] Sizes = [16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192];

    /// <summary>Creates the backend.</summary>
    /// <param name="clock">What drives the callbacks; real time by default.</param>
    /// <param name="loopback">Whether outputs feed back into inputs one buffer later.</param>
    public NullDeviceBackend(NullDeviceClock clock = NullDeviceClock.RealTime, bool loopback = false)
    {
        Clock = clock;
        Loopback = loopback;
        Device = new AudioDeviceInfo(BackendName, "null", "Null device (virtual clock)", 32, 32, 48000, Rates, 256, Sizes, isDefault: true);
    }

    /// <inheritdoc />
    public string Name => BackendName;

    /// <summary>Gets what drives the callbacks of the streams this backend opens.</summary>
    public NullDeviceClock Clock { get; }

    /// <summary>Gets whether outputs feed back into inputs one buffer later.</summary>
    public bool Loopback { get; }

    /// <summary>Gets the one device.</summary>
    public AudioDeviceInfo Device { get; }

    /// <inheritdoc />
    public bool IsAvailable => true;

    /// <inheritdoc />
    public IReadOnlyList<AudioDeviceInfo> GetDevices() => [Device];

    /// <inheritdoc />
    IAudioDeviceStream IAudioDeviceBackend.Open(AudioDeviceInfo? device, AudioStreamOptions options, IAudioDeviceCallback callback) =>
        Open(options, callback);

    /// <summary>Opens a stopped stream on the null device.</summary>
    /// <param name="options">Up to 32 channels each way; any positive rate and buffer size.</param>
    /// <param name="callback">Called once per buffer.</param>
    /// <returns>The stream.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="AudioDeviceException">More channels than the device has.</exception>
    public NullDeviceStream Open(AudioStreamOptions options, IAudioDeviceCallback callback)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(callback);
        options.Validate();
        if (options.InputChannels > Device.MaxInputChannels || options.OutputChannels > Device.MaxOutputChannels)
        {
            throw new AudioDeviceException($"The null device has {Device.MaxInputChannels} inputs and {Device.MaxOutputChannels} outputs; {options.InputChannels} and {options.OutputChannels} were asked for.");
        }

        return new NullDeviceStream(this, options, callback);
    }
}
