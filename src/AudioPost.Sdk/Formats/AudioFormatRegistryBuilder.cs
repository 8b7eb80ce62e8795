namespace AudioPost.Sdk.Formats;

/// <summary>
/// Collects formats, usually through modules, and builds an immutable <see cref="AudioFormatRegistry"/>.
/// </summary>
/// <remarks>
/// Not thread-safe: configure a builder on one thread. Formats are matched by reference; adding a format that is
/// already present replaces its decoder, encoder and detector but keeps its place in the detection order (formats are
/// probed in the order they were first added).
/// </remarks>
public sealed class AudioFormatRegistryBuilder
{
    private readonly List<AudioFormatRegistration> _registrations = [];

    /// <summary>Creates an empty builder. Start from <see cref="AudioFormatRegistry.ToBuilder"/> to extend an existing registry.</summary>
    public AudioFormatRegistryBuilder()
    {
    }

    internal AudioFormatRegistryBuilder(IEnumerable<AudioFormatRegistration> registrations)
    {
        _registrations.AddRange(registrations);
    }

    /// <summary>Registers a format with its decoder, optional encoder and detector.</summary>
    /// <param name="format">The format; matched by reference.</param>
    /// <param name="decoder">Opens files of the format.</param>
    /// <param name="encoder">Creates files of the format, or <see langword="null"/> when the format is read-only.</param>
    /// <param name="detector">Recognises the format's header bytes.</param>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="format"/>, <paramref name="decoder"/> or <paramref name="detector"/> is null.</exception>
    /// <exception cref="ArgumentException">The format's name is empty, or its detector's header size is less than 1.</exception>
    public AudioFormatRegistryBuilder AddFormat(
        IAudioFileFormat format, IAudioDecoder decoder, IAudioEncoder? encoder, IAudioFormatDetector detector)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(detector);
        if (string.IsNullOrEmpty(format.Name))
        {
            throw new ArgumentException("A format must have a non-empty name.", nameof(format));
        }

        if (detector.HeaderSize < 1)
        {
            throw new ArgumentException("A detector must need at least one header byte.", nameof(detector));
        }

        var registration = new AudioFormatRegistration(format, decoder, encoder, detector);
        var index = _registrations.FindIndex(r => ReferenceEquals(r.Format, format));
        if (index >= 0)
        {
            _registrations[index] = registration;
        }
        else
        {
            _registrations.Add(registration);
        }

        return this;
    }

    /// <summary>Lets <paramref name="module"/> register its formats.</summary>
    /// <param name="module">The module to apply, once, now.</param>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="module"/> is null.</exception>
    public AudioFormatRegistryBuilder AddModule(IAudioFormatModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        module.Configure(this);
        return this;
    }

    /// <summary>Builds an immutable registry from the formats added so far. The builder stays usable.</summary>
    /// <returns>A new registry.</returns>
    public AudioFormatRegistry Build() => new([.. _registrations]);
}
