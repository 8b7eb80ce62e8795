using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Processing.Mixing;

namespace AudioPost.Sdk.Timeline;

/// <summary>
/// What <see cref="AudioTimeline.AddTo"/> put into a graph: the master bus to connect onward, and the tracks' mute and solo,
/// which can change while the graph renders.
/// </summary>
/// <remarks>
/// Mute and solo act through each track's <see cref="FaderProcessor.Mute"/>, a 10 ms crossfade, so switching them
/// while playing does not click. <see cref="SetMute"/> and <see cref="SetSolo"/> may be called from any one control
/// thread at a time (they write atomics the audio thread reads).
/// </remarks>
public sealed class TimelineGraph
{
    private readonly FaderProcessor[] _faders;
    private readonly bool[] _mute;
    private readonly bool[] _solo;

    internal TimelineGraph(NodeId output, FaderProcessor[] faders, IList<TimelineTrack> tracks)
    {
        Output = output;
        _faders = faders;
        _mute = new bool[faders.Length];
        _solo = new bool[faders.Length];
        for (var i = 0; i < faders.Length; i++)
        {
            _mute[i] = tracks[i].Mute;
            _solo[i] = tracks[i].Solo;
        }

        Apply(snap: true);
    }

    /// <summary>Gets the master bus: connect it to a sink, or make it the graph's output.</summary>
    public NodeId Output { get; }

    /// <summary>Gets the number of tracks.</summary>
    public int TrackCount => _faders.Length;

    /// <summary>Gets the fader of track <paramref name="track"/> (its gain is automatable).</summary>
    /// <param name="track">The track index, in the timeline's order.</param>
    /// <returns>The fader.</returns>
    public FaderProcessor GetFader(int track) => _faders[track];

    /// <summary>Mutes or unmutes a track.</summary>
    /// <param name="track">The track index.</param>
    /// <param name="mute">Whether it is muted.</param>
    public void SetMute(int track, bool mute)
    {
        _mute[track] = mute;
        Apply(snap: false);
    }

    /// <summary>Solos or unsolos a track: while any track is soloed, only soloed tracks are heard.</summary>
    /// <param name="track">The track index.</param>
    /// <param name="solo">Whether it is soloed.</param>
    public void SetSolo(int track, bool solo)
    {
        _solo[track] = solo;
        Apply(snap: false);
    }

    /// <summary>Gets whether track <paramref name="track"/> is heard, by its mute and every track's solo.</summary>
    /// <param name="track">The track index.</param>
    /// <returns>Whether it is audible.</returns>
    public bool IsAudible(int track) => !_mute[track] && (!Array.Exists(_solo, s => s) || _solo[track]);

    private void Apply(bool snap)
    {
        for (var i = 0; i < _faders.Length; i++)
        {
            _faders[i].Mute.Value = IsAudible(i) ? 0f : 1f;
            if (snap)
            {
                // Before the first block: start at the right state rather than fading into it.
                _faders[i].Mute.Reset();
            }
        }
    }
}
