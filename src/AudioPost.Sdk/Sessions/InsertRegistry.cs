using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Processing.Chains;

namespace AudioPost.Sdk.Sessions;

/// <summary>
/// The insert types a session file may name in a track's <c>inserts[]</c>, each a factory that builds an
/// <see cref="IAudioProcessor"/> from <c>{"type": "name", ...parameters}</c>. Extensible: register your own
/// processors (or the SDK's newer ones) by name.
/// </summary>
/// <remarks>
/// <para>Types registered here with <see cref="Register"/> come first. Any other type is looked up in
/// <see cref="Processors"/>, the <see cref="ProcessorFactory"/> behind processor chains (<c>audiopost process --chain</c>),
/// with the insert's fields as that processor's <c>key=value</c> parameters, so sessions and chains share one
/// vocabulary: <c>{"type": "compressor", "threshold": -18, "ratio": 3}</c> is <c>compressor threshold=-18 ratio=3</c>.
/// <see cref="CreateDefault"/> has no types of its own and <see cref="ProcessorFactory.CreateDefault"/> as its
/// factory (names and parameters in docs/processors.md, or <c>audiopost process --list</c>).</para>
/// Not thread-safe while registering; reading from several threads once built is safe.
/// </remarks>
public sealed class InsertRegistry
{
    private readonly Dictionary<string, Func<InsertParameters, IAudioProcessor>> _factories = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets every type a session may name: those registered here and those of <see cref="Processors"/>.</summary>
    public IEnumerable<string> Types => _factories.Keys.Concat(Processors?.Names ?? []).Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the processor factory consulted for types not registered here; null for none.</summary>
    public ProcessorFactory? Processors { get; set; }

    /// <summary>Creates a registry whose types are the SDK's processors, by their chain names (see remarks).</summary>
    /// <returns>A new registry; add to it freely.</returns>
    public static InsertRegistry CreateDefault() => new() { Processors = ProcessorFactory.CreateDefault() };

    /// <summary>Registers (or replaces) the factory for insert type <paramref name="type"/>.</summary>
    /// <param name="type">The name sessions use in <c>"type"</c>; case-insensitive.</param>
    /// <param name="factory">Builds the processor; reads its parameters through <see cref="InsertParameters"/> (any
    /// parameter it leaves unread is reported as unknown).</param>
    /// <returns>This registry.</returns>
    /// <exception cref="ArgumentException"><paramref name="type"/> is null or empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is null.</exception>
    public InsertRegistry Register(string type, Func<InsertParameters, IAudioProcessor> factory)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(factory);
        _factories[type] = factory;
        return this;
    }

    /// <summary>Gets whether <paramref name="type"/> is registered.</summary>
    /// <param name="type">The type name.</param>
    /// <returns>Whether a factory exists.</returns>
    public bool Contains(string type) => _factories.ContainsKey(type) || (Processors?.Names.Contains(type.ToLowerInvariant()) ?? false);

    internal IAudioProcessor Create(InsertParameters parameters)
    {
        if (!_factories.TryGetValue(parameters.Type, out var factory))
        {
            var name = parameters.Type.ToLowerInvariant();
            if (Processors is { } processors && processors.Names.Contains(name))
            {
                try
                {
                    return processors.Create(new ProcessorSpec(name, parameters.ToChainParameters(), -1), parameters.SampleRate);
                }
                catch (ProcessorSpecException exception)
                {
                    var path = exception.ParameterName is { } key ? $"{parameters.JsonPath}.{key}" : parameters.JsonPath;
                    throw new SessionException(parameters.SessionPath, path, null, $"insert '{parameters.Type}': {exception.Reason}", exception);
                }
            }

            var known = _factories.Keys.Concat(Processors?.Names ?? []).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal);
            throw parameters.Error("type", $"unknown insert type; known: {string.Join(", ", known)}");
        }

        IAudioProcessor processor;
        try
        {
            processor = factory(parameters);
        }
        catch (ArgumentException exception)
        {
            throw new SessionException(parameters.SessionPath, parameters.JsonPath, null, $"insert '{parameters.Type}': {exception.Message}", exception);
        }

        parameters.ThrowIfUnread();
        return processor;
    }
}
