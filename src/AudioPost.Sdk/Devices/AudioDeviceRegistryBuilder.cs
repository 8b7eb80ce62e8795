namespace AudioPost.Sdk.Devices;

/// <summary>Collects device backends for an <see cref="AudioDeviceRegistry"/>. Not thread-safe; use from one thread, then <see cref="Build"/>.</summary>
public sealed class AudioDeviceRegistryBuilder
{
    private readonly List<IAudioDeviceBackend> _backends;

    /// <summary>Creates an empty builder.</summary>
    public AudioDeviceRegistryBuilder() => _backends = [];

    internal AudioDeviceRegistryBuilder(IEnumerable<IAudioDeviceBackend> backends) => _backends = [.. backends];

    /// <summary>Adds a backend, replacing one of the same name (case-insensitive) in place.</summary>
    /// <param name="backend">The backend.</param>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="backend"/> is null.</exception>
    public AudioDeviceRegistryBuilder Add(IAudioDeviceBackend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var index = _backends.FindIndex(b => string.Equals(b.Name, backend.Name, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            _backends[index] = backend;
        }
        else
        {
            _backends.Add(backend);
        }

        return this;
    }

    /// <summary>Creates the immutable registry.</summary>
    /// <returns>A registry holding the backends added so far.</returns>
    public AudioDeviceRegistry Build() => new([.. _backends]);
}
