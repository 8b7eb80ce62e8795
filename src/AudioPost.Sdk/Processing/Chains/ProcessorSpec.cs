namespace AudioPost.Sdk.Processing.Chains;

/// <summary>
/// One processor named in a chain: its name and its <c>key=value</c> parameters, as written, with where it stood in the
/// chain text so errors can point at it.
/// </summary>
/// <param name="Name">The processor's name, lower case (e.g. <c>highpass</c>).</param>
/// <param name="Parameters">The parameters in the order written; keys lower case, values as written.</param>
/// <param name="Position">The zero-based character offset of the name in the chain text.</param>
public sealed record ProcessorSpec(string Name, IReadOnlyList<KeyValuePair<string, string>> Parameters, int Position)
{
    /// <summary>Returns the spec as chain text, e.g. <c>eq f=3000 gain=3 q=1</c>.</summary>
    public override string ToString() =>
        Parameters.Count == 0 ? Name : $"{Name} {string.Join(' ', Parameters.Select(p => $"{p.Key}={p.Value}"))}";
}
