namespace AudioPost.Sdk.Devices;

/// <summary>
/// A way to reach audio devices (JACK, PortAudio, the null device). Implement it to add a backend and register it
/// with <see cref="AudioDeviceRegistryBuilder.Add"/>. Implementations must be thread-safe: the registry is shared.
/// </summary>
public interface IAudioDeviceBackend
{
    /// <summary>Gets the backend's short name ("jack", "portaudio", "null"), unique in a registry, matched case-insensitively.</summary>
    string Name { get; }

    /// <summary>Gets whether the backend can work here (its native library loads). Does not throw.</summary>
    bool IsAvailable { get; }

    /// <summary>Lists the devices reachable now. Control thread; may block briefly (it may talk to a server).</summary>
    /// <returns>The devices; empty when none is reachable or the backend is not available.</returns>
    IReadOnlyList<AudioDeviceInfo> GetDevices();

    /// <summary>Opens a stream (stopped) on <paramref name="device"/>, or on the default device when it is null.</summary>
    /// <param name="device">A device from <see cref="GetDevices"/>, or null for the default.</param>
    /// <param name="options">Channels, rate and buffer size.</param>
    /// <param name="callback">Called once per buffer on the audio thread once the stream starts.</param>
    /// <returns>The stream; the caller disposes it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="callback"/> is null.</exception>
    /// <exception cref="AudioDeviceException">The device cannot be opened with these options; the message says why.</exception>
    IAudioDeviceStream Open(AudioDeviceInfo? device, AudioStreamOptions options, IAudioDeviceCallback callback);
}
