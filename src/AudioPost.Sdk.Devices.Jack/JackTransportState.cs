namespace AudioPost.Sdk.Devices.Jack;

/// <summary>The JACK transport's state (jack_transport_state_t).</summary>
public enum JackTransportState
{
    /// <summary>Stopped.</summary>
    Stopped = 0,

    /// <summary>Rolling.</summary>
    Rolling = 1,

    /// <summary>Looping (JACK 1 only).</summary>
    Looping = 2,

    /// <summary>Waiting for slow-sync clients before rolling.</summary>
    Starting = 3,
}
