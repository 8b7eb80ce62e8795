using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Processing;

/// <summary>
/// A node with several input ports and one output: mixer buses, side-chained dynamics.
/// Connections to the same port are summed before the node sees them.
/// </summary>
public interface IMultiInputProcessor : IAudioNode
{
    /// <summary>Gets the number of input ports (fixed for the node's life).</summary>
    int InputCount { get; }

    /// <summary>
    /// Gets the output channel count for the given per-port input channel counts (0 for an
    /// unconnected port). Control thread.
    /// </summary>
    /// <exception cref="ArgumentException">The combination is not supported; the message says why.</exception>
    int GetOutputChannelCount(ReadOnlySpan<int> inputChannelCounts);

    /// <summary>
    /// Gets whether <see cref="Process"/> copes with whatever per-port channel counts arrive (each
    /// one accepted by <see cref="GetOutputChannelCount"/>, the output width unchanged), so ports
    /// may be connected and disconnected while the node is rendering, as tracks are added to a
    /// playing bus. Default false: the graph then refuses to change a prepared node's inputs.
    /// </summary>
    bool AcceptsInputChangesWhilePrepared => false;

    /// <summary>Allocates state. <paramref name="spec"/> carries the output channel count. Control thread; may allocate.</summary>
    void Prepare(in ProcessSpec spec, ReadOnlySpan<int> inputChannelCounts);

    /// <summary>Mixes or processes the inputs into <paramref name="output"/>, which arrives zeroed. Audio thread; real-time rules apply.</summary>
    void Process(in AudioInputs inputs, AudioBlock output, in ProcessContext context);
}
