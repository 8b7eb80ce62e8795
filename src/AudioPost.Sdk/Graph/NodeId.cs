namespace AudioPost.Sdk.Graph;

/// <summary>
/// The stable identity of a node in an <see cref="AudioGraphBuilder"/>. It survives edits and
/// re-compiles, which is what lets a node keep its state when a new plan is swapped in.
/// </summary>
/// <param name="Value">The builder-assigned number, 1 or more; 0 is never a valid node.</param>
public readonly record struct NodeId(int Value)
{
    /// <inheritdoc />
    public override string ToString() => $"#{Value}";
}
