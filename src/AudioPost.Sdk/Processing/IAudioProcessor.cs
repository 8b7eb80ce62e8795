using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Processing;

/// <summary>
/// A node that transforms audio in place: one input, one output.
/// </summary>
/// <remarks>
/// The block handed to <see cref="Process"/> has <c>max(input, output)</c> channels: the first
/// <c>input</c> channels hold the input; on return the first <c>output</c> channels hold the
/// output. So a mono-to-stereo panner receives two channels, the first filled.
/// </remarks>
public interface IAudioProcessor : IAudioNode
{
    /// <summary>
    /// Gets the number of channels the processor produces when fed <paramref name="inputChannelCount"/>
    /// channels. Called before <see cref="Prepare"/> on a control thread.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The processor cannot take that many channels.</exception>
    int GetOutputChannelCount(int inputChannelCount) => inputChannelCount;

    /// <summary>Allocates state for <paramref name="spec"/>, whose channel count is the input's. Control thread; may allocate.</summary>
    void Prepare(in ProcessSpec spec);

    /// <summary>Processes one block in place. Audio thread; real-time rules apply (see <see cref="IAudioNode"/>).</summary>
    /// <param name="buffer">Input in, output out; up to the prepared maximum frames.</param>
    /// <param name="context">Where the block sits in time.</param>
    void Process(AudioBlock buffer, in ProcessContext context);
}
