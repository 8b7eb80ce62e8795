namespace AudioPost.Sdk.Automation;

/// <summary>The shape of an automation event, after the Web Audio <c>AudioParam</c> methods.</summary>
public enum AutomationEventKind
{
    /// <summary>Jumps to a value at a frame.</summary>
    SetValue = 1,

    /// <summary>Ramps linearly from the previous event's value to this value, reached at this frame.</summary>
    LinearRamp = 2,

    /// <summary>Ramps exponentially (constant ratio per frame) to this value, reached at this frame.</summary>
    ExponentialRamp = 3,

    /// <summary>From this frame on, approaches a target exponentially with a time constant.</summary>
    SetTarget = 4,
}
