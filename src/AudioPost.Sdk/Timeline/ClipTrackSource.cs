using System.Numerics.Tensors;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.Processing;
using AudioPost.Sdk.Sources;

namespace AudioPost.Sdk.Timeline;

/// <summary>
/// Plays the clips of one track as a positional source: each block mixes exactly the clips that overlap it, each
/// from its own source position, with its gain, fades and crossfades, so a clip starting inside a block lands on
/// its exact sample.
/// </summary>
/// <remarks>
/// <para><b>Crossfades.</b> Clips are sorted by position. Where a clip starts before its predecessor ends (and ends
/// after it), the overlap becomes a crossfade of the track's shape: the incoming clip's fade-in and the outgoing
/// clip's fade-out are each widened to cover the overlap (a longer fade the user set is kept). A clip wholly inside
/// another is simply mixed.</para>
/// <para><b>Real-time safety.</b> <see cref="Prepare"/> prepares every clip's source and allocates one scratch block
/// and one envelope; <see cref="Read"/> allocates nothing and finds the overlapping clips by binary search (cost
/// O(log n + k) for n clips, k of them in the block). Whether it blocks depends on the clips' sources (a
/// <see cref="FileSource"/> reads the disk). <see cref="Reset"/> resets every clip's source. Not thread-safe.</para>
/// </remarks>
public sealed class ClipTrackSource : IAudioSource
{
    private readonly PlacedClip[] _clips;
    private readonly long[] _starts;
    private readonly long[] _maxEnd;
    private float[] _scratch = [];
    private float[] _envelope = [];
    private int _maxBlock;

    /// <summary>Creates the source for a track's clips.</summary>
    /// <param name="channelCount">Channels produced, 1 or more; each clip has this many or 1.</param>
    /// <param name="clips">The clips, in any order.</param>
    /// <param name="crossfadeShape">The curve of the crossfades where clips overlap.</param>
    /// <exception cref="ArgumentNullException"><paramref name="clips"/> is null or holds null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channelCount"/> is below 1.</exception>
    /// <exception cref="ArgumentException">A clip's channel count is neither 1 nor <paramref name="channelCount"/>, or
    /// one source is used by two clips.</exception>
    public ClipTrackSource(int channelCount, IEnumerable<TimelineClip> clips, FadeShape crossfadeShape = FadeShape.EqualPower)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channelCount, 1);
        ArgumentNullException.ThrowIfNull(clips);
        ChannelCount = channelCount;
        var sorted = clips.ToArray();
        var sources = new HashSet<IAudioSource>(ReferenceEqualityComparer.Instance);
        foreach (var clip in sorted)
        {
            ArgumentNullException.ThrowIfNull(clip, nameof(clips));
            if (clip.Source.ChannelCount != 1 && clip.Source.ChannelCount != channelCount)
            {
                throw new ArgumentException($"Clip '{clip.Name}' has {clip.Source.ChannelCount} channels; the track has {channelCount}.", nameof(clips));
            }

            if (!sources.Add(clip.Source))
            {
                throw new ArgumentException($"Clip '{clip.Name}' shares its source with another clip; each clip needs its own (sources keep a read position).", nameof(clips));
            }
        }

        // Stable: clips at the same position keep the order they were given in.
        sorted = [.. sorted.OrderBy(c => c.Position)];
        _clips = Place(sorted, crossfadeShape);
        _starts = new long[_clips.Length];
        _maxEnd = new long[_clips.Length];
        var maxEnd = long.MinValue;
        for (var i = 0; i < _clips.Length; i++)
        {
            _starts[i] = _clips[i].Position;
            maxEnd = Math.Max(maxEnd, _clips[i].End);
            _maxEnd[i] = maxEnd;
        }
    }

    /// <inheritdoc />
    public int ChannelCount { get; }

    /// <summary>Gets the number of clips.</summary>
    public int ClipCount => _clips.Length;

    /// <summary>Gets the timeline frame of the first clip's start, or 0 with no clips.</summary>
    public long Start => _clips.Length == 0 ? 0 : _clips[0].Position;

    /// <summary>Gets the timeline frame just after the last clip's end, or 0 with no clips.</summary>
    public long End => _clips.Length == 0 ? 0 : _maxEnd[^1];

    /// <summary>Gets the fade-in length in frames that clip <paramref name="index"/> (in position order) plays with,
    /// crossfade included.</summary>
    /// <param name="index">The clip's index in position order.</param>
    /// <returns>The effective fade-in length.</returns>
    public long GetEffectiveFadeIn(int index) => _clips[index].FadeIn;

    /// <summary>Gets the fade-out length in frames that clip <paramref name="index"/> (in position order) plays with,
    /// crossfade included.</summary>
    /// <param name="index">The clip's index in position order.</param>
    /// <returns>The effective fade-out length.</returns>
    public long GetEffectiveFadeOut(int index) => _clips[index].FadeOut;

    /// <summary>Prepares every clip's source for the spec (at its own channel count) and allocates the scratch.
    /// Control thread.</summary>
    /// <param name="spec">The graph's rate and block size, and this source's channel count.</param>
    /// <exception cref="ArgumentException">The spec's channel count differs from <see cref="ChannelCount"/>.</exception>
    public void Prepare(in ProcessSpec spec)
    {
        if (spec.ChannelCount != ChannelCount)
        {
            throw new ArgumentException($"The track has {ChannelCount} channel(s) but the spec asks for {spec.ChannelCount}.", nameof(spec));
        }

        _maxBlock = spec.MaxBlockFrames;
        _scratch = new float[ChannelCount * _maxBlock];
        _envelope = new float[_maxBlock];
        foreach (var clip in _clips)
        {
            clip.Source.Prepare(spec.WithChannelCount(clip.Source.ChannelCount));
        }
    }

    /// <summary>Resets every clip's source (after a locate). Real-time safe when the sources' resets are.</summary>
    public void Reset()
    {
        foreach (var clip in _clips)
        {
            clip.Source.Reset();
        }
    }

    /// <summary>Fills <paramref name="destination"/> with the clips overlapping
    /// [<see cref="ProcessContext.TimelineFrame"/>, + frames), silence elsewhere. Allocation-free.</summary>
    /// <param name="destination">The block; <see cref="ChannelCount"/> channels, at most the prepared frames.</param>
    /// <param name="context">Where the block sits on the timeline.</param>
    public void Read(AudioBlock destination, in ProcessContext context)
    {
        var start = context.TimelineFrame;
        var end = start + destination.FrameCount;

        // The last clip starting before the block ends; earlier ones count while some clip up to them reaches the block.
        var last = UpperBound(_starts, end) - 1;
        if (TryReadWhole(last, destination, context))
        {
            return;
        }

        destination.Clear();
        for (var i = last; i >= 0 && _maxEnd[i] > start; i--)
        {
            ref readonly var clip = ref _clips[i];
            if (clip.End <= start)
            {
                continue;
            }

            var from = Math.Max(start, clip.Position);
            var to = Math.Min(end, clip.End);
            var offset = (int)(from - start);
            var count = (int)(to - from);
            var channels = clip.Source.ChannelCount;
            var scratch = new AudioBlock(_scratch, channels, count, _maxBlock);
            clip.Source.Read(scratch, new ProcessContext(context.StreamFrame + offset, clip.SourceIn + (from - clip.Position), context.SampleRate, context.IsOffline));

            var target = destination.Slice(offset, count);
            if (from - clip.Position >= clip.FadeIn && clip.End - to >= clip.FadeOut)
            {
                // No fade touches this stretch: one gain for all of it.
                for (var c = 0; c < target.ChannelCount; c++)
                {
                    AudioMath.MixInto(scratch[channels == 1 ? 0 : c], clip.Gain, target[c]);
                }

                continue;
            }

            var envelope = _envelope.AsSpan(0, count);
            FillEnvelope(clip, from, envelope);
            for (var c = 0; c < target.ChannelCount; c++)
            {
                var channel = target[c];
                TensorPrimitives.MultiplyAdd(scratch[channels == 1 ? 0 : c], envelope, channel, channel);
            }
        }
    }

    /// <summary>
    /// The common case of a long clip: it alone covers the whole block, at the track's width, with no fade in the
    /// block. It is read straight into the block and scaled in place, instead of cleared, read aside and mixed in.
    /// </summary>
    private bool TryReadWhole(int last, AudioBlock destination, in ProcessContext context)
    {
        if (last < 0)
        {
            return false;
        }

        var start = context.TimelineFrame;
        var end = start + destination.FrameCount;
        ref readonly var clip = ref _clips[last];
        if (clip.Position > start || clip.End < end || (last > 0 && _maxEnd[last - 1] > start)
            || clip.Source.ChannelCount != ChannelCount || start - clip.Position < clip.FadeIn || clip.End - end < clip.FadeOut)
        {
            return false;
        }

        clip.Source.Read(destination, new ProcessContext(context.StreamFrame, clip.SourceIn + (start - clip.Position), context.SampleRate, context.IsOffline));
        if (clip.Gain != 1f)
        {
            for (var c = 0; c < destination.ChannelCount; c++)
            {
                AudioMath.ApplyGain(destination[c], clip.Gain, destination[c]);
            }
        }

        return true;
    }

    private static void FillEnvelope(in PlacedClip clip, long from, Span<float> envelope)
    {
        for (var k = 0; k < envelope.Length; k++)
        {
            var t = from + k;
            var gain = (double)clip.Gain;
            var intoClip = t - clip.Position;
            if (intoClip < clip.FadeIn)
            {
                gain *= FadeCurves.Gain(clip.FadeInShape, (double)intoClip / clip.FadeIn);
            }

            var toEnd = clip.End - t;
            if (toEnd <= clip.FadeOut)
            {
                gain *= FadeCurves.Gain(clip.FadeOutShape, (double)toEnd / clip.FadeOut);
            }

            envelope[k] = (float)gain;
        }
    }

    private static int UpperBound(long[] values, long value)
    {
        int low = 0, high = values.Length;
        while (low < high)
        {
            var middle = (int)((uint)(low + high) >> 1);
            if (values[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static PlacedClip[] Place(TimelineClip[] sorted, FadeShape crossfadeShape)
    {
        var placed = new PlacedClip[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            var clip = sorted[i];
            placed[i] = new PlacedClip(
                clip.Source, clip.Position, clip.End, clip.SourceIn, Decibels.ToGain(clip.GainDb),
                clip.FadeIn, clip.FadeInShape, clip.FadeOut, clip.FadeOutShape);
        }

        for (var i = 1; i < placed.Length; i++)
        {
            ref var outgoing = ref placed[i - 1];
            ref var incoming = ref placed[i];
            if (incoming.Position >= outgoing.End || incoming.End < outgoing.End)
            {
                continue;
            }

            var overlap = outgoing.End - incoming.Position;
            if (overlap > incoming.FadeIn)
            {
                incoming = incoming with { FadeIn = overlap, FadeInShape = crossfadeShape };
            }

            if (overlap > outgoing.FadeOut)
            {
                outgoing = outgoing with { FadeOut = overlap, FadeOutShape = crossfadeShape };
            }
        }

        return placed;
    }
}
