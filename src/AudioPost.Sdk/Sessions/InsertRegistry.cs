using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Processing.Chains;
using AudioPost.Sdk.Processing.Delays;
using AudioPost.Sdk.Processing.Dynamics;
using AudioPost.Sdk.Processing.Mixing;

namespace AudioPost.Sdk.Sessions;

/// <summary>
/// The insert types a session file may name in a track's <c>inserts[]</c>, each a factory that builds an
/// <see cref="IAudioProcessor"/> from <c>{"type": "name", ...parameters}</c>. Extensible: register your own
/// processors (or the SDK's newer ones) by name.
/// </summary>
/// <remarks>
/// <see cref="CreateDefault"/> holds the built-in types (names are case-insensitive):
/// <list type="table">
/// <item><term><c>gain</c></term><description><c>db</c> (−144 to +24, default 0): <see cref="GainProcessor"/>.</description></item>
/// <item><term><c>delay</c></term><description><c>ms</c> (0 to 10 000, default 0): <see cref="DelayProcessor"/>, rounded to whole frames.</description></item>
/// <item><term><c>limiter</c></term><description><c>ceilingDbtp</c> (−60 to +6, default −1), <c>lookAheadMs</c> (0.5 to 20, default 3),
/// <c>releaseMs</c> (1 to 5 000, default 100): <see cref="TruePeakLimiterProcessor"/>.</description></item>
/// <item><term><c>compressor</c></term><description><c>thresholdDb</c> (−80 to 0, default −20), <c>ratio</c> (1 to 100, default 4),
/// <c>kneeDb</c> (0 to 24, default 6), <c>attackMs</c> (0.01 to 1 000, default 10), <c>releaseMs</c> (1 to 5 000, default 100),
/// <c>makeupDb</c> (−24 to +24, default 0): <see cref="CompressorProcessor"/>.</description></item>
/// </list>
/// <para>A type not registered here is looked up in <see cref="Processors"/>, the <see cref="ProcessorFactory"/> behind
/// processor chains (<see cref="ProcessorFactory.CreateDefault"/> in a default registry), with the insert's fields as
/// that processor's <c>key=value</c> parameters: every processor added there by name (filters, EQ, de-esser, ...) can be
/// used in a session as <c>{"type": "highpass", "f": 80}</c>.</para>
/// Not thread-safe while registering; reading from several threads once built is safe.
/// </remarks>
public sealed class InsertRegistry
{
    private readonly Dictionary<string, Func<InsertParameters, IAudioProcessor>> _factories = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the registered type names (not counting <see cref="Processors"/>).</summary>
    public IEnumerable<string> Types => _factories.Keys;

    /// <summary>Gets or sets the processor factory consulted for types not registered here; null for none.</summary>
    public ProcessorFactory? Processors { get; set; }

    /// <summary>Creates a registry with the built-in insert types (see remarks).</summary>
    /// <returns>A new registry; add to it freely.</returns>
    public static InsertRegistry CreateDefault()
    {
        var registry = new InsertRegistry { Processors = ProcessorFactory.CreateDefault() };
        registry.Register("gain", p => new GainProcessor((float)p.GetNumber("db", 0, -144, GainProcessor.MaxGainDb)));
        registry.Register("delay", p => new DelayProcessor((int)Math.Round(p.GetNumber("ms", 0, 0, 10_000) * p.SampleRate / 1000)));
        registry.Register("limiter", p => new TruePeakLimiterProcessor(
            p.GetNumber("ceilingDbtp", -1, -60, 6), p.GetNumber("lookAheadMs", 3, 0.5, 20), p.GetNumber("releaseMs", 100, 1, 5_000)));
        registry.Register("compressor", p => new CompressorProcessor(
            thresholdDb: (float)p.GetNumber("thresholdDb", -20, -80, 0),
            ratio: (float)p.GetNumber("ratio", 4, 1, 100),
            kneeDb: (float)p.GetNumber("kneeDb", 6, 0, 24),
            attackMilliseconds: (float)p.GetNumber("attackMs", 10, 0.01, 1_000),
            releaseMilliseconds: (float)p.GetNumber("releaseMs", 100, 1, 5_000),
            makeupDb: (float)p.GetNumber("makeupDb", 0, -24, 24)));
        return registry;
    }

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
                    return processors.Create(new ProcessorSpec(name, parameters.ToChainParameters(), 0), parameters.SampleRate);
                }
                catch (ProcessorSpecException exception)
                {
                    throw new SessionException(parameters.SessionPath, parameters.JsonPath, null, $"insert '{parameters.Type}': {exception.Message}", exception);
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
