namespace AudioPost.Sdk.Processing.Chains;

/// <summary>
/// Builds processors by name from <c>key=value</c> parameters: the registry behind <c>audiopost process --chain</c>
/// and session-file inserts. <see cref="CreateDefault"/> holds the SDK's processors; tool authors
/// <see cref="Register"/> their own.
/// </summary>
/// <remarks>
/// Registration and creation happen on control threads; the factory is not thread-safe while it is being added to,
/// and safe to read from several threads once it is not. Creation may allocate; the processors it returns follow the
/// real-time rules once prepared.
/// </remarks>
public sealed partial class ProcessorFactory
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the registered names, sorted.</summary>
    public IReadOnlyList<string> Names => [.. _entries.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Creates a factory holding every processor the SDK ships (names in docs/processors.md).</summary>
    public static ProcessorFactory CreateDefault()
    {
        var factory = new ProcessorFactory();
        factory.RegisterBuiltIns();
        return factory;
    }

    /// <summary>Registers (or replaces) the processor called <paramref name="name"/>.</summary>
    /// <param name="name">The name used in chain text: letters, digits and '-' only.</param>
    /// <param name="usage">One line naming the parameters with units and defaults, for help text.</param>
    /// <param name="create">Builds the processor; reads its parameters through the <see cref="ProcessorArguments"/>.</param>
    /// <returns>This factory.</returns>
    public ProcessorFactory Register(string name, string usage, Func<ProcessorArguments, IAudioProcessor> create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(create);
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                throw new ArgumentException($"'{name}' may hold only letters, digits and '-'.", nameof(name));
            }
        }

        _entries[name] = new Entry(usage, create);
        return this;
    }

    /// <summary>Gets the usage line of <paramref name="name"/>, or null when it is not registered.</summary>
    public string? GetUsage(string name) => _entries.TryGetValue(name, out var entry) ? entry.Usage : null;

    /// <summary>Builds the processor <paramref name="spec"/> names.</summary>
    /// <param name="spec">The name and parameters.</param>
    /// <param name="sampleRate">The sample rate it will run at, in Hz, 1 or more.</param>
    /// <exception cref="ProcessorSpecException">Unknown name, unknown parameter, or a value the processor refuses.</exception>
    public IAudioProcessor Create(ProcessorSpec spec, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        if (!_entries.TryGetValue(spec.Name, out var entry))
        {
            throw new ProcessorSpecException($"unknown processor '{spec.Name}'; known: {string.Join(", ", Names)}", spec.Position);
        }

        var arguments = new ProcessorArguments(spec, sampleRate);
        IAudioProcessor processor;
        try
        {
            processor = entry.Create(arguments);
        }
        catch (ArgumentException exception)
        {
            // A constructor's own range check: its message names the argument and the range.
            throw arguments.Error(exception.Message, exception);
        }

        arguments.EnsureAllUsed();
        return processor;
    }

    /// <summary>Parses <paramref name="chain"/> (see <see cref="ProcessorChainParser"/>) and builds each processor, in order.</summary>
    /// <exception cref="ProcessorSpecException">The text or a processor's parameters are wrong.</exception>
    public IReadOnlyList<IAudioProcessor> CreateChain(string chain, int sampleRate)
    {
        var specs = ProcessorChainParser.Parse(chain);
        var processors = new IAudioProcessor[specs.Count];
        for (var i = 0; i < specs.Count; i++)
        {
            processors[i] = Create(specs[i], sampleRate);
        }

        return processors;
    }

    private sealed record Entry(string Usage, Func<ProcessorArguments, IAudioProcessor> Create);
}
