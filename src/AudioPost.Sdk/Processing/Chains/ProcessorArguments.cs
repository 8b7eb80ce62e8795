using System.Globalization;

namespace AudioPost.Sdk.Processing.Chains;

/// <summary>
/// A processor's <c>key=value</c> parameters with typed, range-checked getters, handed to a factory function by
/// <see cref="ProcessorFactory"/>. Every key read is remembered, so a key the factory never asked for (a typo) is
/// reported with the keys that are accepted.
/// </summary>
/// <remarks>Control thread only; not thread-safe. Numbers use the invariant culture (<c>.</c> for decimals).</remarks>
public sealed class ProcessorArguments
{
    private readonly ProcessorSpec _spec;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly List<string> _known = [];

    internal ProcessorArguments(ProcessorSpec spec, int sampleRate)
    {
        _spec = spec;
        SampleRate = sampleRate;
    }

    /// <summary>Gets the name of the processor being built.</summary>
    public string ProcessorName => _spec.Name;

    /// <summary>Gets the sample rate the processor will run at, in Hz (for parameters given in time or frequency).</summary>
    public int SampleRate { get; }

    /// <summary>Reads a number, or <paramref name="defaultValue"/> when the key is absent.</summary>
    /// <param name="key">The key (lower case), e.g. <c>f</c>.</param>
    /// <param name="defaultValue">The value when absent.</param>
    /// <param name="minimum">The smallest accepted value (inclusive).</param>
    /// <param name="maximum">The largest accepted value (inclusive).</param>
    /// <param name="unit">The unit for messages, e.g. <c>Hz</c>; empty for none.</param>
    /// <exception cref="ProcessorSpecException">The value is not a finite number or lies outside the range.</exception>
    public double GetDouble(string key, double defaultValue, double minimum, double maximum, string unit = "")
    {
        if (!TryGetRaw(key, out var raw))
        {
            return defaultValue;
        }

        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw Error(key, $"{key}={raw} is not a number");
        }

        if (value < minimum || value > maximum)
        {
            var suffix = unit.Length == 0 ? string.Empty : " " + unit;
            throw Error(key, string.Create(CultureInfo.InvariantCulture, $"{key}={raw} is out of range: {minimum} to {maximum}{suffix}"));
        }

        return value;
    }

    /// <summary>Reads a number that must be given.</summary>
    /// <inheritdoc cref="GetDouble(string, double, double, double, string)" path="/param"/>
    /// <exception cref="ProcessorSpecException">The key is absent, or its value is bad.</exception>
    public double GetRequiredDouble(string key, double minimum, double maximum, string unit = "")
    {
        Remember(key);
        if (!TryGetRaw(key, out _))
        {
            var suffix = unit.Length == 0 ? string.Empty : " " + unit;
            throw Error(key, string.Create(CultureInfo.InvariantCulture, $"{key}= is required ({minimum} to {maximum}{suffix})"));
        }

        return GetDouble(key, 0, minimum, maximum, unit);
    }

    /// <summary>Reads a whole number, or <paramref name="defaultValue"/> when the key is absent.</summary>
    /// <exception cref="ProcessorSpecException">The value is not an integer or lies outside the range.</exception>
    public int GetInt32(string key, int defaultValue, int minimum, int maximum)
    {
        if (!TryGetRaw(key, out var raw))
        {
            return defaultValue;
        }

        if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(key, $"{key}={raw} is not a whole number");
        }

        if (value < minimum || value > maximum)
        {
            throw Error(key, string.Create(CultureInfo.InvariantCulture, $"{key}={raw} is out of range: {minimum} to {maximum}"));
        }

        return value;
    }

    /// <summary>Reads one of a set of words (case-insensitive), or <paramref name="defaultValue"/> when the key is absent.</summary>
    /// <param name="key">The key.</param>
    /// <param name="defaultValue">The value when absent.</param>
    /// <param name="choices">The accepted words, lower case.</param>
    /// <returns>The chosen word, lower case.</returns>
    /// <exception cref="ProcessorSpecException">The value is not one of <paramref name="choices"/>.</exception>
    public string GetChoice(string key, string defaultValue, params ReadOnlySpan<string> choices)
    {
        if (!TryGetRaw(key, out var raw))
        {
            return defaultValue;
        }

        foreach (var choice in choices)
        {
            if (string.Equals(choice, raw, StringComparison.OrdinalIgnoreCase))
            {
                return choice;
            }
        }

        throw Error(key, $"{key}={raw} is not one of {string.Join(", ", choices.ToArray())}");
    }

    /// <summary>Makes a <see cref="ProcessorSpecException"/> about this processor with <paramref name="message"/>.</summary>
    public ProcessorSpecException Error(string message, Exception? innerException = null) =>
        new(message, _spec.Position, _spec.Name, innerException);

    private ProcessorSpecException Error(string key, string message) =>
        new(message, _spec.Position, _spec.Name, null, key);

    /// <summary>Throws when a parameter was given that no getter asked for.</summary>
    internal void EnsureAllUsed()
    {
        foreach (var parameter in _spec.Parameters)
        {
            if (!_used.Contains(parameter.Key))
            {
                var known = _known.Count == 0 ? "it takes no parameters" : "it takes " + string.Join(", ", _known);
                throw Error(parameter.Key, $"unknown parameter '{parameter.Key}'; {known}");
            }
        }
    }

    private bool TryGetRaw(string key, out string raw)
    {
        Remember(key);
        foreach (var parameter in _spec.Parameters)
        {
            if (parameter.Key == key)
            {
                _used.Add(key);
                raw = parameter.Value;
                return true;
            }
        }

        raw = string.Empty;
        return false;
    }

    private void Remember(string key)
    {
        if (!_known.Contains(key))
        {
            _known.Add(key);
        }
    }
}
