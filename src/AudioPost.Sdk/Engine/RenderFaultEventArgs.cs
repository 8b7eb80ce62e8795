using AudioPost.Sdk.Graph;

namespace AudioPost.Sdk.Engine;

/// <summary>A node threw on the audio thread and is now bypassed; raised by <see cref="AudioEngine.ProcessorFaulted"/>.</summary>
public sealed class RenderFaultEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    /// <param name="fault">The fault.</param>
    public RenderFaultEventArgs(RenderFault fault) => Fault = fault;

    /// <summary>Gets the fault: the node, its name, the exception and when it happened.</summary>
    public RenderFault Fault { get; }
}
