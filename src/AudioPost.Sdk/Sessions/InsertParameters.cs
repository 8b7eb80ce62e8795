using System.Globalization;
using System.Text.Json;

namespace AudioPost.Sdk.Sessions;

/// <summary>
/// The parameters of one insert in a session file (every field of its object except <c>type</c>), read by the
/// insert's factory. A wrong type or range, and any parameter the factory does not read, is a
/// <see cref="SessionException"/> naming the field's JSON path.
/// </summary>
public sealed class InsertParameters
{
    private readonly IReadOnlyDictionary<string, JsonElement> _values;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly string? _sessionPath;

    internal InsertParameters(string type, IReadOnlyDictionary<string, JsonElement> values, string jsonPath, string? sessionPath, int sampleRate)
    {
        Type = type;
        _values = values;
        JsonPath = jsonPath;
        _sessionPath = sessionPath;
        SampleRate = sampleRate;
    }

    /// <summary>Gets the insert's type name, as written (e.g. <c>gain</c>).</summary>
    public string Type { get; }

    /// <summary>Gets the JSON path of the insert object, e.g. <c>$.tracks[0].inserts[1]</c>.</summary>
    public string JsonPath { get; }

    /// <summary>Gets the session's sample rate in Hz (for parameters given in time).</summary>
    public int SampleRate { get; }

    /// <summary>Gets a number parameter.</summary>
    /// <param name="name">The field name (case-sensitive, e.g. <c>db</c>).</param>
    /// <param name="defaultValue">The value when the field is absent.</param>
    /// <param name="minimum">The smallest value accepted.</param>
    /// <param name="maximum">The largest value accepted.</param>
    /// <returns>The value.</returns>
    /// <exception cref="SessionException">The field is not a number, or outside [minimum, maximum].</exception>
    public double GetNumber(string name, double defaultValue, double minimum, double maximum)
    {
        if (!TryGet(name, out var element))
        {
            return defaultValue;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var value))
        {
            throw Error(name, "must be a number");
        }

        if (!(value >= minimum && value <= maximum))
        {
            throw Error(name, string.Create(CultureInfo.InvariantCulture, $"must be from {minimum} to {maximum}, not {value}"));
        }

        return value;
    }

    /// <summary>Gets a string parameter.</summary>
    /// <param name="name">The field name.</param>
    /// <param name="defaultValue">The value when the field is absent.</param>
    /// <returns>The value.</returns>
    /// <exception cref="SessionException">The field is not a string.</exception>
    public string? GetString(string name, string? defaultValue)
    {
        if (!TryGet(name, out var element))
        {
            return defaultValue;
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : throw Error(name, "must be a string");
    }

    /// <summary>Gets a true/false parameter.</summary>
    /// <param name="name">The field name.</param>
    /// <param name="defaultValue">The value when the field is absent.</param>
    /// <returns>The value.</returns>
    /// <exception cref="SessionException">The field is not true or false.</exception>
    public bool GetBoolean(string name, bool defaultValue)
    {
        if (!TryGet(name, out var element))
        {
            return defaultValue;
        }

        return element.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error(name, "must be true or false"),
        };
    }

    /// <summary>Creates the error for parameter <paramref name="name"/>, for a factory's own checks.</summary>
    /// <param name="name">The field name.</param>
    /// <param name="reason">Why it is refused.</param>
    /// <returns>The exception, to throw.</returns>
    public SessionException Error(string name, string reason) =>
        new(_sessionPath, $"{JsonPath}.{name}", null, $"{reason} (insert '{Type}')");

    internal string? SessionPath => _sessionPath;

    /// <summary>Gets every parameter as chain text (<c>key=value</c>, keys lower case, numbers invariant), marking all
    /// of them read: the processor factory checks them itself.</summary>
    internal List<KeyValuePair<string, string>> ToChainParameters()
    {
        var parameters = new List<KeyValuePair<string, string>>(_values.Count);
        foreach (var (name, element) in _values)
        {
            _read.Add(name);
            var text = element.ValueKind switch
            {
                JsonValueKind.String => element.GetString()!,
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
                _ => throw Error(name, "must be a number, a string or true/false"),
            };
            parameters.Add(new(name, text));
        }

        return parameters;
    }

    internal void ThrowIfUnread()
    {
        foreach (var name in _values.Keys)
        {
            if (!_read.Contains(name))
            {
                throw Error(name, "is not a parameter of this insert type");
            }
        }
    }

    private bool TryGet(string name, out JsonElement element)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out element) && element.ValueKind != JsonValueKind.Null;
    }
}
