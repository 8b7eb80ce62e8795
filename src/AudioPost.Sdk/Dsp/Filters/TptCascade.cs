using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Dsp.Filters;

/// <summary>
/// A chain of <see cref="TptSection"/>s applied to every channel of a block, with either fixed coefficients or one
/// set per frame: the engine under <see cref="StateVariableFilter"/>, <see cref="ButterworthFilter"/> and
/// <see cref="LinkwitzRileyFilter"/>.
/// </summary>
/// <remarks>Everything is allocated by the constructor; <see cref="Process"/> and <see cref="Reset"/> are real-time
/// safe. One instance per stream; not thread-safe.</remarks>
internal sealed class TptCascade
{
    private readonly TptSection[] _sections;
    private readonly TptSection[] _frameSections;
    private readonly Vector256<double>[] _lanes;
    private readonly Vector256<double>[] _state;

    public TptCascade(int channelCount, int maxBlockFrames, int sectionCount)
    {
        FilterArguments.ValidateShape(channelCount, maxBlockFrames);
        ChannelCount = channelCount;
        MaxBlockFrames = maxBlockFrames;
        _sections = new TptSection[sectionCount];
        _frameSections = new TptSection[sectionCount * maxBlockFrames];
        _lanes = new Vector256<double>[maxBlockFrames];
        _state = new Vector256<double>[TptKernel.GroupCount(channelCount) * sectionCount * 2];
    }

    public int ChannelCount { get; }

    public int MaxBlockFrames { get; }

    public int SectionCount => _sections.Length;

    /// <summary>Gets the fixed coefficients, one entry per section (written by the owner).</summary>
    public Span<TptSection> Sections => _sections;

    /// <summary>Gets the per-frame coefficients of <paramref name="section"/>: entry i applies to frame i of the next per-frame run.</summary>
    public Span<TptSection> FrameSections(int section) => _frameSections.AsSpan(section * MaxBlockFrames, MaxBlockFrames);

    public void Reset() => Array.Clear(_state);

    /// <summary>
    /// Filters the first <see cref="ChannelCount"/> channels of <paramref name="block"/> in place (fewer if the block
    /// has fewer), <see cref="MaxBlockFrames"/> frames at most, with the fixed coefficients or, when
    /// <paramref name="perFrame"/>, with <see cref="FrameSections"/>.
    /// </summary>
    public void Process(AudioBlock block, bool perFrame)
    {
        var channels = Math.Min(block.ChannelCount, ChannelCount);
        var frames = block.FrameCount;
        var lanes = _lanes.AsSpan(0, frames);
        var stride = 2 * _sections.Length;
        if (!perFrame && TptTimeLanes.Accepts(channels, _sections))
        {
            TptTimeLanes.Process(block.SliceChannels(0, channels), _sections, _state.AsSpan(0, stride), MemoryMarshal.Cast<Vector256<double>, double>(_lanes.AsSpan()));
            TptKernel.Flush(_state.AsSpan(0, stride));
            return;
        }

        for (var first = 0; first < channels; first += TptKernel.Lanes)
        {
            var count = Math.Min(TptKernel.Lanes, channels - first);
            var state = _state.AsSpan(first / TptKernel.Lanes * stride, stride);
            TptKernel.Interleave(block, first, count, lanes);
            for (var s = 0; s < _sections.Length; s++)
            {
                if (perFrame)
                {
                    TptKernel.Run(lanes, _frameSections.AsSpan(s * MaxBlockFrames, frames), state.Slice(2 * s, 2));
                }
                else
                {
                    TptKernel.Run(lanes, _sections[s], state.Slice(2 * s, 2));
                }
            }

            TptKernel.Flush(state);
            TptKernel.Deinterleave(lanes, block, first, count);
        }
    }
}
