using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;

namespace AudioPost.Sdk.Mastering;

/// <summary>
/// One pass of a file through a chain with latency, aligned: the file is read from its start in blocks, then
/// <c>latency</c> frames of silence follow so the chain pushes out its last input frames, and <see cref="Trim"/> drops
/// the chain's first <c>latency</c> output frames (what its delay lines started with). The output is then exactly as
/// long as the input and aligned with it. Shared by <see cref="LoudnessNormalizer"/> (limiter) and
/// <see cref="PodcastChain"/> (processors).
/// </summary>
/// <remarks>A mutable struct: keep it in a local and call it in place. Offline; blocking I/O.</remarks>
internal struct LatencyCompensatedRead
{
    private readonly IAudioFileReader _input;
    private readonly AudioBuffer _buffer;
    private int _flush;
    private int _skip;

    /// <summary>Seeks <paramref name="input"/> to its start.</summary>
    /// <param name="input">The file read.</param>
    /// <param name="buffer">Where blocks are read to, as wide as the file; its frame count is the block size.</param>
    /// <param name="latencyFrames">The chain's latency in frames, 0 or more.</param>
    public LatencyCompensatedRead(IAudioFileReader input, AudioBuffer buffer, int latencyFrames)
    {
        _input = input;
        _buffer = buffer;
        _flush = latencyFrames;
        _skip = latencyFrames;
        input.Seek(0);
    }

    /// <summary>Reads the next block to process: frames of the file, or, after its end, silence that flushes the chain.</summary>
    /// <param name="block">The block, in the buffer; empty when the pass is over.</param>
    /// <param name="isInput"><see langword="true"/> for frames of the file, <see langword="false"/> for the flushing silence.</param>
    /// <returns><see langword="false"/> when the file and the flush are both done.</returns>
    public bool Next(out AudioBlock block, out bool isInput)
    {
        var frames = _input.Read(_buffer.Block);
        isInput = frames > 0;
        if (!isInput)
        {
            if (_flush == 0)
            {
                block = default;
                return false;
            }

            frames = Math.Min(_flush, _buffer.FrameCount);
            _flush -= frames;
            _buffer.GetBlock(frames).Clear();
        }

        block = _buffer.GetBlock(frames);
        return true;
    }

    /// <summary>The part of a processed block that is output: the chain's first latency frames dropped.</summary>
    /// <param name="processed">The block <see cref="Next"/> returned, after the chain.</param>
    /// <returns>The frames to keep; possibly empty.</returns>
    public AudioBlock Trim(AudioBlock processed)
    {
        var dropped = Math.Min(_skip, processed.FrameCount);
        _skip -= dropped;
        return processed.Slice(dropped);
    }
}
