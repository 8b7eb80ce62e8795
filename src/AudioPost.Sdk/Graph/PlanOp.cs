namespace AudioPost.Sdk.Graph;

/// <summary>What one step of a render plan does.</summary>
internal enum PlanOpKind : byte
{
    Source,
    Clear,
    Copy,
    Sum,
    Process,
    MultiInput,
    Sink,
    FeedbackRead,
    FeedbackWrite,
}

/// <summary>
/// One step of a compiled plan. Buffers are offsets into the plan's arena; every buffer has the
/// plan's block size as channel stride. A flat struct array keeps the render loop free of
/// virtual dispatch except for the node calls themselves.
/// </summary>
internal readonly record struct PlanOp(
    PlanOpKind Kind,
    int Node,
    int Source,
    int Destination,
    int Channels,
    int Aux,
    int Delay);
