using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Processing;

namespace AudioPost.Sdk.Timeline;

/// <summary>
/// A track of a <see cref="AudioTimeline"/>: clips played by a <see cref="ClipTrackSource"/>, then the inserts in order,
/// then the track fader (gain, mute, solo) and panner, into the master bus.
/// </summary>
/// <remarks>
/// An editable model, read when the timeline is built into a graph (<see cref="AudioTimeline.AddTo"/>); changing it
/// afterwards does not affect that graph, except through <see cref="TimelineGraph.SetMute"/> and
/// <see cref="TimelineGraph.SetSolo"/>. Not thread-safe.
/// </remarks>
public sealed class TimelineTrack
{
    private float _pan;
    private FadeShape _crossfadeShape = FadeShape.EqualPower;

    /// <summary>Creates an empty track.</summary>
    /// <param name="name">The track's name, for diagnostics and the graph's node names.</param>
    /// <param name="channelCount">Channels the clips play into, 1 to <see cref="ChannelLayout.MaxChannels"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channelCount"/> is out of range.</exception>
    public TimelineTrack(string name, int channelCount = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(channelCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channelCount, ChannelLayout.MaxChannels);
        Name = name;
        ChannelCount = channelCount;
    }

    /// <summary>Gets the track's name.</summary>
    public string Name { get; }

    /// <summary>Gets the number of channels the track's clips play into.</summary>
    public int ChannelCount { get; }

    /// <summary>Gets the clips, in any order (the track sorts them by position when built).</summary>
    public IList<TimelineClip> Clips { get; } = [];

    /// <summary>Gets the insert processors, applied in order after the clips and before the fader.</summary>
    public IList<IAudioProcessor> Inserts { get; } = [];

    /// <summary>Gets or sets the fader gain in dB, −144 (silence) to +24; default 0.</summary>
    public float GainDb { get; set; }

    /// <summary>Gets or sets the pan, −1 (left) to +1 (right), 0 centre (the default); used when the output is stereo
    /// (constant-power law for a mono track, balance for a stereo one).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside −1 to +1, or NaN.</exception>
    public float Pan
    {
        get => _pan;
        set => _pan = value is >= -1f and <= 1f ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Pan must be from -1 to +1.");
    }

    /// <summary>Gets or sets whether the track is muted.</summary>
    public bool Mute { get; set; }

    /// <summary>Gets or sets whether the track is soloed: when any track is, only soloed tracks are heard.</summary>
    public bool Solo { get; set; }

    /// <summary>Gets or sets the curve used where two clips overlap; default <see cref="FadeShape.EqualPower"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined shape.</exception>
    public FadeShape CrossfadeShape
    {
        get => _crossfadeShape;
        set => _crossfadeShape = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown fade shape.");
    }

    /// <summary>Adds a clip and returns this track, for chaining.</summary>
    /// <param name="clip">The clip.</param>
    /// <returns>This track.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="clip"/> is null.</exception>
    /// <exception cref="ArgumentException">The clip's channel count is neither 1 nor the track's.</exception>
    public TimelineTrack Add(TimelineClip clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        if (clip.Source.ChannelCount != 1 && clip.Source.ChannelCount != ChannelCount)
        {
            throw new ArgumentException($"Clip '{clip.Name}' has {clip.Source.ChannelCount} channels; track '{Name}' takes {ChannelCount} or mono.", nameof(clip));
        }

        Clips.Add(clip);
        return this;
    }
}
