namespace AudioPost.Sdk.Devices.Jack;

/// <summary>The JACK transport at one moment: its state and the frame it is at (the server's shared timeline, not the stream clock).</summary>
/// <param name="State">Rolling, stopped, starting.</param>
/// <param name="Frame">The transport position in frames.</param>
public readonly record struct JackTransportInfo(JackTransportState State, long Frame);
