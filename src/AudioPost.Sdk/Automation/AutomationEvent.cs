namespace AudioPost.Sdk.Automation;

/// <summary>One point of an automation timeline.</summary>
/// <param name="Kind">The event's shape.</param>
/// <param name="Frame">Timeline frame at which the event takes effect (for ramps: where it ends).</param>
/// <param name="Value">The value set or reached (for <see cref="AutomationEventKind.SetTarget"/>: the target).</param>
/// <param name="TimeConstantFrames">For <see cref="AutomationEventKind.SetTarget"/>: frames to cover 1 - 1/e of the way; otherwise 0.</param>
public readonly record struct AutomationEvent(AutomationEventKind Kind, long Frame, double Value, double TimeConstantFrames = 0);
