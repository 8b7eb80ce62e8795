namespace AudioPost.Sdk.Devices.Jack;

/// <summary>Which JACK server to reach. Immutable; <see cref="Default"/> reaches the default server.</summary>
public sealed class JackOptions
{
    /// <summary>Gets the shared default: the server named by JACK_DEFAULT_SERVER, else "default".</summary>
    public static JackOptions Default { get; } = new();

    /// <summary>
    /// Gets the server name (jackd's <c>-n</c>), or null for JACK_DEFAULT_SERVER or "default". Naming a server is
    /// supported on Linux and Windows x64; on macOS set JACK_DEFAULT_SERVER instead.
    /// </summary>
    public string? ServerName { get; init; }
}
