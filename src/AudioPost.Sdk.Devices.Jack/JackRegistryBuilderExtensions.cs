namespace AudioPost.Sdk.Devices.Jack;

/// <summary>The entry point of this package: adds the JACK backend to a device registry builder.</summary>
public static class JackRegistryBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="JackDeviceBackend"/> under the name "jack", for example
    /// <c>AudioDeviceRegistry.Default.ToBuilder().AddJack().Build()</c>. Not thread-safe, like the builder.
    /// </summary>
    /// <param name="builder">The builder to add to.</param>
    /// <param name="options">Which server to reach; <see cref="JackOptions.Default"/> when null.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static AudioDeviceRegistryBuilder AddJack(this AudioDeviceRegistryBuilder builder, JackOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new JackDeviceBackend(options));
    }
}
