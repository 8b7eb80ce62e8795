namespace AudioPost.Sdk.Processing.Chains;

/// <summary>
/// Parses chain text: processors separated by <c>;</c>, each a name followed by <c>key=value</c> parameters separated
/// by white space, e.g. <c>highpass f=80; eq f=3000 gain=3 q=1; limiter ceiling=-1</c>.
/// </summary>
/// <remarks>
/// Names and keys are case-insensitive (returned lower case); values are kept as written. Empty entries (a trailing
/// <c>;</c>) are ignored. A key given twice in one processor is an error rather than last-one-wins, because a typo
/// that silently overrides a setting is worse than a message. Thread-safe (no state).
/// </remarks>
public static class ProcessorChainParser
{
    /// <summary>Parses <paramref name="text"/> into processor specs, in chain order.</summary>
    /// <exception cref="ProcessorSpecException">The text is malformed; the message gives the character offset.</exception>
    public static IReadOnlyList<ProcessorSpec> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var specs = new List<ProcessorSpec>();
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf(';', start);
            if (end < 0)
            {
                end = text.Length;
            }

            var spec = ParseOne(text, start, end);
            if (spec is not null)
            {
                specs.Add(spec);
            }

            start = end + 1;
        }

        if (specs.Count == 0)
        {
            throw new ProcessorSpecException("the chain names no processor; give e.g. \"highpass f=80; limiter ceiling=-1\"", 0);
        }

        return specs;
    }

    private static ProcessorSpec? ParseOne(string text, int start, int end)
    {
        string? name = null;
        var namePosition = -1;
        var parameters = new List<KeyValuePair<string, string>>();
        var i = start;
        while (i < end)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var tokenStart = i;
            while (i < end && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var token = text[tokenStart..i];
            if (name is null)
            {
                if (token.Contains('=', StringComparison.Ordinal))
                {
                    throw new ProcessorSpecException($"'{token}' is a parameter, but a processor name must come first", tokenStart);
                }

                name = token.ToLowerInvariant();
                namePosition = tokenStart;
                continue;
            }

            var equals = token.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == token.Length - 1)
            {
                throw new ProcessorSpecException($"'{token}' is not key=value (no spaces around '=')", tokenStart, name);
            }

            var key = token[..equals].ToLowerInvariant();
            foreach (var existing in parameters)
            {
                if (existing.Key == key)
                {
                    throw new ProcessorSpecException($"parameter '{key}' is given twice", tokenStart, name);
                }
            }

            parameters.Add(new KeyValuePair<string, string>(key, token[(equals + 1)..]));
        }

        return name is null ? null : new ProcessorSpec(name, parameters, namePosition);
    }
}
