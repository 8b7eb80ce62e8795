namespace AudioPost.Sdk.Devices.PortAudio;

/// <summary>The entry point of this package: adds the PortAudio backend to a device registry builder.</summary>
public static class PortAudioRegistryBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="PortAudioDeviceBackend"/> under the name "portaudio", for example
    /// <c>AudioDeviceRegistry.Default.ToBuilder().AddPortAudio().Build()</c>. Not thread-safe, like the builder.
    /// </summary>
    /// <param name="builder">The builder to add to.</param>
    /// <param name="hostApi">The host API whose default devices are used, or null for PortAudio's default.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static AudioDeviceRegistryBuilder AddPortAudio(this AudioDeviceRegistryBuilder builder, string? hostApi = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new PortAudioDeviceBackend(hostApi));
    }
}
