using AudioPost.Sdk.Devices.Jack.Interop;

namespace AudioPost.Sdk.Devices.Jack;

/// <summary>
/// The JACK device backend (jackd2, or PipeWire's JACK layer): one device per server, whose channels are the server's
/// physical ports and whose rate and buffer size are the server's. Thread-safe.
/// </summary>
/// <remarks>
/// A JACK server is shared: its sample rate and buffer size belong to whoever started it, so a stream that asks for
/// others fails to open rather than changing them for every client. This backend never starts a server.
/// </remarks>
public sealed class JackDeviceBackend : IAudioDeviceBackend
{
    /// <summary>The backend's name.</summary>
    public const string BackendName = "jack";

    /// <summary>Creates the backend.</summary>
    /// <param name="options">Which server to reach; <see cref="JackOptions.Default"/> when null.</param>
    public JackDeviceBackend(JackOptions? options = null) => Options = options ?? JackOptions.Default;

    /// <inheritdoc />
    public string Name => BackendName;

    /// <summary>Gets which server the backend reaches.</summary>
    public JackOptions Options { get; }

    /// <inheritdoc />
    public bool IsAvailable => JackLibrary.IsAvailable;

    /// <inheritdoc />
    /// <remarks>Opens and closes a short-lived client named "audiopost-probe"; empty when no server runs.</remarks>
    public IReadOnlyList<AudioDeviceInfo> GetDevices()
    {
        if (!IsAvailable)
        {
            return [];
        }

        var client = JackClient.Open("audiopost-probe", Options.ServerName, out _);
        if (client == 0)
        {
            return [];
        }

        try
        {
            return [Describe(client)];
        }
        finally
        {
            _ = JackNative.ClientClose(client);
        }
    }

    /// <inheritdoc />
    IAudioDeviceStream IAudioDeviceBackend.Open(AudioDeviceInfo? device, AudioStreamOptions options, IAudioDeviceCallback callback) =>
        Open(options, callback);

    /// <summary>
    /// Opens a stopped stream: a JACK client named <see cref="AudioStreamOptions.ClientName"/> with ports
    /// <c>in_1..</c> and <c>out_1..</c>, connected to the physical ports on start when
    /// <see cref="AudioStreamOptions.AutoConnect"/> is set.
    /// </summary>
    /// <param name="options">Channels; a rate or buffer size, if given, must be the server's.</param>
    /// <param name="callback">Called on JACK's process thread.</param>
    /// <returns>The stream.</returns>
    /// <exception cref="AudioDeviceException">No server runs, or it runs at another rate or buffer size.</exception>
    /// <exception cref="DllNotFoundException">libjack is not installed.</exception>
    public JackDeviceStream Open(AudioStreamOptions options, IAudioDeviceCallback callback)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(callback);
        options.Validate();
        return new JackDeviceStream(this, options, callback);
    }

    internal AudioDeviceInfo Describe(nint client)
    {
        var rate = (int)JackNative.GetSampleRate(client);
        var buffer = (int)JackNative.GetBufferSize(client);
        var capture = JackClient.Ports(client, JackNative.PortIsPhysical | JackNative.PortIsOutput).Count;
        var playback = JackClient.Ports(client, JackNative.PortIsPhysical | JackNative.PortIsInput).Count;
        var server = Options.ServerName ?? Environment.GetEnvironmentVariable("JACK_DEFAULT_SERVER") ?? "default";
        return new AudioDeviceInfo(BackendName, server, $"JACK server '{server}'", capture, playback, rate, [rate], buffer, [buffer], isDefault: true);
    }
}
