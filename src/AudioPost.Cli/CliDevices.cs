using AudioPost.Sdk.Devices;
using AudioPost.Sdk.Devices.Jack;
using AudioPost.Sdk.Devices.PortAudio;

namespace AudioPost.Cli;

/// <summary>The device backends the CLI offers, and how <c>--device NAME</c> picks one.</summary>
internal static class CliDevices
{
    /// <summary>Gets the registry: JACK, PortAudio, then the null device.</summary>
    public static AudioDeviceRegistry Registry { get; } =
        new AudioDeviceRegistryBuilder().AddJack().AddPortAudio().Add(new NullDeviceBackend()).Build();

    /// <summary>
    /// Resolves <paramref name="name"/> ("jack", "portaudio:ALSA:default", "null", a device id or name), or, when it is
    /// null, the first available backend with a device (JACK when a server runs, else PortAudio, else the null device).
    /// </summary>
    public static bool TryResolve(string? name, out IAudioDeviceBackend backend, out AudioDeviceInfo? device, out string error)
    {
        device = null;
        error = string.Empty;
        if (name is not null)
        {
            if (Registry.TryFindDevice(name, out var found, out device) && found.IsAvailable)
            {
                backend = found;
                return true;
            }

            backend = null!;
            error = $"no device or backend named '{name}' is available (see 'audiopost devices')";
            return false;
        }

        foreach (var candidate in Registry.Backends)
        {
            if (candidate.IsAvailable && candidate.GetDevices().Count > 0)
            {
                backend = candidate;
                return true;
            }
        }

        backend = Registry.Backends[^1];
        return true;
    }
}
