using AudioPost.Sdk.Devices.PortAudio.Interop;

namespace AudioPost.Sdk.Devices.PortAudio;

/// <summary>
/// The PortAudio device backend: every device of every host API PortAudio was built with (ALSA and JACK on Linux;
/// WASAPI, ASIO, WDM-KS on Windows; CoreAudio on macOS), in callback mode. Thread-safe.
/// </summary>
/// <remarks>
/// Device ids are "host API:device name" (for example "JACK Audio Connection Kit:system" or "ALSA:default"), stable
/// across rescans, unlike PortAudio's device indices. <see cref="HostApi"/> restricts the default device to one host API.
/// </remarks>
public sealed class PortAudioDeviceBackend : IAudioDeviceBackend
{
    /// <summary>The backend's name.</summary>
    public const string BackendName = "portaudio";

    /// <summary>Creates the backend.</summary>
    /// <param name="hostApi">A host API name ("JACK Audio Connection Kit", "ALSA", ...) whose default devices are the
    /// backend's defaults, or null for PortAudio's default host API.</param>
    public PortAudioDeviceBackend(string? hostApi = null) => HostApi = hostApi;

    /// <inheritdoc />
    public string Name => BackendName;

    /// <summary>Gets the host API whose defaults are used, or null for PortAudio's default.</summary>
    public string? HostApi { get; }

    /// <inheritdoc />
    public bool IsAvailable => PortAudioLibrary.IsAvailable;

    /// <summary>Lists the host APIs PortAudio found, with their device counts. Control thread.</summary>
    /// <returns>Names and device counts.</returns>
    public unsafe IReadOnlyList<(string Name, int DeviceCount)> GetHostApis() =>
        PortAudioLibrary.WithLibrary(rescan: true, () =>
        {
            var list = new List<(string, int)>();
            for (var i = 0; i < PaNative.GetHostApiCount(); i++)
            {
                var info = PaNative.GetHostApiInfo(i);
                list.Add((PaNative.Text(info->Name), info->DeviceCount));
            }

            return list;
        });

    /// <inheritdoc />
    public IReadOnlyList<AudioDeviceInfo> GetDevices()
    {
        if (!IsAvailable)
        {
            return [];
        }

        return PortAudioLibrary.WithLibrary(rescan: true, ListDevices);
    }

    /// <inheritdoc />
    IAudioDeviceStream IAudioDeviceBackend.Open(AudioDeviceInfo? device, AudioStreamOptions options, IAudioDeviceCallback callback) =>
        Open(device, options, callback);

    /// <summary>Opens a stopped stream on <paramref name="device"/> (the default output device, or input device for an input-only stream, when null).</summary>
    /// <param name="device">A device from <see cref="GetDevices"/>, or null.</param>
    /// <param name="options">Channels, rate (default: the device's) and buffer size (default: the host API's).</param>
    /// <param name="callback">Called on PortAudio's callback thread.</param>
    /// <returns>The stream.</returns>
    /// <exception cref="AudioDeviceException">The device is gone or refused the format.</exception>
    public PortAudioDeviceStream Open(AudioDeviceInfo? device, AudioStreamOptions options, IAudioDeviceCallback callback)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(callback);
        options.Validate();
        return new PortAudioDeviceStream(this, device, options, callback);
    }

    /// <summary>Finds the PortAudio index and description of a device, or of the default. Call inside WithLibrary.</summary>
    internal unsafe (int Index, AudioDeviceInfo Info) Resolve(AudioDeviceInfo? device, bool wantsOutput)
    {
        var devices = ListDevices();
        if (device is not null)
        {
            for (var i = 0; i < devices.Count; i++)
            {
                if (devices[i].Id == device.Id)
                {
                    return (IndexOf(devices[i]), devices[i]);
                }
            }

            throw new AudioDeviceException($"PortAudio device '{device.Id}' is not there (any more).");
        }

        var hostApi = -1;
        for (var h = 0; h < PaNative.GetHostApiCount(); h++)
        {
            if (HostApi is null ? h == 0 : PaNative.Text(PaNative.GetHostApiInfo(h)->Name) == HostApi)
            {
                hostApi = h;
                break;
            }
        }

        if (hostApi < 0)
        {
            throw new AudioDeviceException($"PortAudio has no host API '{HostApi}'.");
        }

        var info = PaNative.GetHostApiInfo(hostApi);
        var index = wantsOutput ? info->DefaultOutputDevice : info->DefaultInputDevice;
        if (index < 0)
        {
            throw new AudioDeviceException($"PortAudio's host API '{PaNative.Text(info->Name)}' has no default {(wantsOutput ? "output" : "input")} device.");
        }

        return (index, Describe(index));
    }

    private unsafe List<AudioDeviceInfo> ListDevices()
    {
        var list = new List<AudioDeviceInfo>();
        for (var i = 0; i < PaNative.GetDeviceCount(); i++)
        {
            list.Add(Describe(i));
        }

        return list;
    }

    private static unsafe int IndexOf(AudioDeviceInfo device)
    {
        for (var i = 0; i < PaNative.GetDeviceCount(); i++)
        {
            if (Id(i) == device.Id)
            {
                return i;
            }
        }

        return -1;
    }

    private static unsafe string Id(int index)
    {
        var info = PaNative.GetDeviceInfo(index);
        return PaNative.Text(PaNative.GetHostApiInfo(info->HostApi)->Name) + ":" + PaNative.Text(info->Name);
    }

    private unsafe AudioDeviceInfo Describe(int index)
    {
        var info = PaNative.GetDeviceInfo(index);
        var host = PaNative.GetHostApiInfo(info->HostApi);
        var rate = (int)Math.Round(info->DefaultSampleRate);
        var buffer = Math.Max(16, (int)Math.Round(info->DefaultLowOutputLatency * rate / 2));
        var isDefault = host->DefaultOutputDevice == index || host->DefaultInputDevice == index;
        return new AudioDeviceInfo(BackendName, Id(index), PaNative.Text(info->Name), info->MaxInputChannels, info->MaxOutputChannels, Math.Max(rate, 1), [rate], buffer, [], isDefault);
    }
}
