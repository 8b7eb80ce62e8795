using System.Diagnostics.CodeAnalysis;

namespace AudioPost.Sdk.Devices;

/// <summary>
/// The device backends an application can use, found by name. Immutable and thread-safe: build one with
/// <see cref="AudioDeviceRegistryBuilder"/> (or start from <see cref="Default"/>) and share it.
/// </summary>
public sealed class AudioDeviceRegistry
{
    private readonly IAudioDeviceBackend[] _backends;

    internal AudioDeviceRegistry(IAudioDeviceBackend[] backends)
    {
        _backends = backends;
        Backends = Array.AsReadOnly(backends);
    }

    /// <summary>Gets the registry holding only the core's <see cref="NullDeviceBackend"/> (backend packages add theirs, e.g. <c>AddJack()</c>).</summary>
    public static AudioDeviceRegistry Default { get; } = new AudioDeviceRegistryBuilder().Add(new NullDeviceBackend()).Build();

    /// <summary>Gets the backends in registration order.</summary>
    public IReadOnlyList<IAudioDeviceBackend> Backends { get; }

    /// <summary>Returns a builder holding this registry's backends, to extend it.</summary>
    /// <returns>A new builder; changing it does not change this registry.</returns>
    public AudioDeviceRegistryBuilder ToBuilder() => new(_backends);

    /// <summary>Finds a backend by name (case-insensitive).</summary>
    /// <param name="name">The backend's <see cref="IAudioDeviceBackend.Name"/>.</param>
    /// <param name="backend">The backend, or null.</param>
    /// <returns>Whether it is registered.</returns>
    public bool TryGetBackend(string name, [NotNullWhen(true)] out IAudioDeviceBackend? backend)
    {
        foreach (var candidate in _backends)
        {
            if (string.Equals(candidate.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                backend = candidate;
                return true;
            }
        }

        backend = null;
        return false;
    }

    /// <summary>
    /// Finds a device by a name of the form <c>backend</c> (its default device), <c>backend:id</c>, or a device
    /// <see cref="AudioDeviceInfo.Id"/> or <see cref="AudioDeviceInfo.Name"/> of any available backend. Control thread;
    /// lists devices, which may block briefly.
    /// </summary>
    /// <param name="name">The name.</param>
    /// <param name="backend">The backend that has the device.</param>
    /// <param name="device">The device, or null for the backend's default device.</param>
    /// <returns>Whether something matched.</returns>
    public bool TryFindDevice(string name, [NotNullWhen(true)] out IAudioDeviceBackend? backend, out AudioDeviceInfo? device)
    {
        ArgumentNullException.ThrowIfNull(name);
        device = null;
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        var backendPart = colon < 0 ? name : name[..colon];
        if (TryGetBackend(backendPart, out backend))
        {
            if (colon < 0)
            {
                return true;
            }

            var id = name[(colon + 1)..];
            foreach (var candidate in backend.GetDevices())
            {
                if (string.Equals(candidate.Id, id, StringComparison.Ordinal) || string.Equals(candidate.Name, id, StringComparison.Ordinal))
                {
                    device = candidate;
                    return true;
                }
            }

            return false;
        }

        foreach (var candidate in _backends)
        {
            if (!candidate.IsAvailable)
            {
                continue;
            }

            foreach (var info in candidate.GetDevices())
            {
                if (string.Equals(info.Id, name, StringComparison.Ordinal) || string.Equals(info.Name, name, StringComparison.Ordinal))
                {
                    backend = candidate;
                    device = info;
                    return true;
                }
            }
        }

        backend = null;
        return false;
    }
}
