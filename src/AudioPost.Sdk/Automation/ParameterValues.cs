namespace AudioPost.Sdk.Automation;

/// <summary>
/// A parameter's values for one block, as returned by <see cref="AudioParameter.Process"/>:
/// either one constant (the common case, which lets a processor use a scalar kernel) or one
/// value per frame. A view into the parameter's own buffer: valid until its next Process call.
/// </summary>
public readonly ref struct ParameterValues
{
    internal ParameterValues(ReadOnlySpan<float> values, bool isConstant)
    {
        Values = values;
        IsConstant = isConstant;
    }

    /// <summary>Gets whether every frame of the block has the same value.</summary>
    public bool IsConstant { get; }

    /// <summary>Gets the value of the first frame (the value of every frame when <see cref="IsConstant"/>).</summary>
    public float First => Values.IsEmpty ? 0f : Values[0];

    /// <summary>Gets the value of the last frame.</summary>
    public float Last => Values.IsEmpty ? 0f : Values[^1];

    /// <summary>Gets one value per frame (filled even when constant).</summary>
    public ReadOnlySpan<float> Values { get; }

    /// <summary>Gets the value of frame <paramref name="index"/> of the block.</summary>
    public float this[int index] => Values[index];
}
