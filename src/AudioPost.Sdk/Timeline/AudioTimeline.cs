using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Processing.Mixing;
using AudioPost.Sdk.Timing;

namespace AudioPost.Sdk.Timeline;

/// <summary>
/// A session's timeline: tracks of clips at one sample rate, with a start timecode at a frame rate. Built into a
/// graph with <see cref="AddTo"/>, rendered to a BWF with <see cref="TimelineFileRenderer"/>, played with
/// <see cref="TimelinePlayer"/>.
/// </summary>
/// <remarks>
/// <para><b>Time.</b> Timeline frames are sample frames since midnight at <see cref="SampleRate"/>: the clip spotted at
/// timecode <c>T</c> starts at <c>T.ToSampleFrame(SampleRate)</c> (<see cref="FrameOf"/>), and a render of the session
/// starts at <see cref="StartFrame"/>, which a BWF stores as its TimeReference. Timecode is derived for display
/// (<see cref="TimecodeOf"/>); positions are never rounded through it.</para>
/// <para><b>Ownership.</b> The timeline owns its clips' sources: <see cref="Dispose"/> disposes every source that is
/// <see cref="IDisposable"/> (open files). Not thread-safe: build on one control thread.</para>
/// </remarks>
public sealed class AudioTimeline : IDisposable
{
    private bool _disposed;

    /// <summary>Creates an empty timeline.</summary>
    /// <param name="sampleRate">The session's sample rate in Hz, 1 or more.</param>
    /// <param name="start">The session's start timecode; its rate is the session's frame rate.</param>
    /// <param name="outputChannelCount">Channels of the master bus, 1 to <see cref="ChannelLayout.MaxChannels"/>;
    /// default 2 (stereo: tracks are panned).</param>
    /// <exception cref="ArgumentOutOfRangeException">The rate or channel count is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="start"/> is <c>default</c>.</exception>
    public AudioTimeline(int sampleRate, Timecode start, int outputChannelCount = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputChannelCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(outputChannelCount, ChannelLayout.MaxChannels);
        if (!start.Rate.IsValid)
        {
            throw new ArgumentException("The start timecode is default(Timecode); give it a rate.", nameof(start));
        }

        SampleRate = sampleRate;
        Start = start;
        OutputChannelCount = outputChannelCount;
    }

    /// <summary>Gets the sample rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Gets the session's frame rate (the start timecode's).</summary>
    public FrameRate FrameRate => Start.Rate;

    /// <summary>Gets the session's start timecode.</summary>
    public Timecode Start { get; }

    /// <summary>Gets the timeline frame of the start: <c>Start.ToSampleFrame(SampleRate)</c>.</summary>
    public long StartFrame => Start.ToSampleFrame(SampleRate);

    /// <summary>Gets the number of master-bus channels.</summary>
    public int OutputChannelCount { get; }

    /// <summary>Gets the tracks, mixed in order into the master bus.</summary>
    public IList<TimelineTrack> Tracks { get; } = [];

    /// <summary>Gets the timeline frame just after the last clip's end, or <see cref="StartFrame"/> when there are no
    /// clips.</summary>
    public long EndFrame
    {
        get
        {
            var end = StartFrame;
            foreach (var track in Tracks)
            {
                foreach (var clip in track.Clips)
                {
                    end = Math.Max(end, clip.End);
                }
            }

            return end;
        }
    }

    /// <summary>Gets the timeline frame at which <paramref name="timecode"/> starts (samples since midnight, rounded half
    /// up where a frame does not start on a whole sample).</summary>
    /// <param name="timecode">A timecode at the session's frame rate.</param>
    /// <returns>The timeline frame.</returns>
    /// <exception cref="ArgumentException">The timecode's rate differs from the session's.</exception>
    public long FrameOf(Timecode timecode)
    {
        if (timecode.Rate != FrameRate)
        {
            throw new ArgumentException($"The timecode counts at {timecode.Rate} but the session at {FrameRate}.", nameof(timecode));
        }

        return timecode.ToSampleFrame(SampleRate);
    }

    /// <summary>Gets the label of the frame containing timeline frame <paramref name="frame"/>, for display.</summary>
    /// <param name="frame">A timeline frame, 0 or more.</param>
    /// <returns>The timecode (wrapped at 24 hours).</returns>
    public Timecode TimecodeOf(long frame) => Timecode.FromSampleFrame(frame, SampleRate, FrameRate);

    /// <summary>Adds a track and returns it.</summary>
    /// <param name="track">The track.</param>
    /// <returns>The same track, for chaining clips onto it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="track"/> is null.</exception>
    public TimelineTrack Add(TimelineTrack track)
    {
        ArgumentNullException.ThrowIfNull(track);
        Tracks.Add(track);
        return track;
    }

    /// <summary>
    /// Adds the timeline to <paramref name="builder"/>: per track a <see cref="ClipTrackSource"/>, its inserts, a
    /// <see cref="FaderProcessor"/> (gain, mute, solo) and, for a stereo output, a <see cref="PanProcessor"/>; all
    /// into one <see cref="MixerBus"/>. Connect the returned <see cref="TimelineGraph.Output"/> to a sink or make it the
    /// graph's output. Control thread.
    /// </summary>
    /// <param name="builder">A builder at <see cref="SampleRate"/>.</param>
    /// <returns>The nodes added, with the runtime mute and solo controls.</returns>
    /// <exception cref="ArgumentException">The builder's rate differs, there are no tracks, or a track's width does not
    /// fit the output (mono or stereo into stereo, mono or equal width otherwise).</exception>
    /// <exception cref="ObjectDisposedException">The timeline is disposed.</exception>
    public TimelineGraph AddTo(AudioGraphBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (builder.Options.SampleRate != SampleRate)
        {
            throw new ArgumentException($"The graph runs at {builder.Options.SampleRate} Hz but the timeline at {SampleRate} Hz.", nameof(builder));
        }

        if (Tracks.Count == 0)
        {
            throw new ArgumentException("The timeline has no tracks.", nameof(builder));
        }

        var bus = builder.AddMultiInput(new MixerBus(Tracks.Count), "master bus");
        var faders = new FaderProcessor[Tracks.Count];
        for (var i = 0; i < Tracks.Count; i++)
        {
            var track = Tracks[i];
            var stereo = OutputChannelCount == 2 && track.ChannelCount is 1 or 2;
            if (!stereo && track.ChannelCount != 1 && track.ChannelCount != OutputChannelCount)
            {
                throw new ArgumentException($"Track '{track.Name}' has {track.ChannelCount} channels; a {OutputChannelCount}-channel output takes mono or {OutputChannelCount}.", nameof(builder));
            }

            var node = builder.AddSource(new ClipTrackSource(track.ChannelCount, track.Clips, track.CrossfadeShape), track.Name);
            for (var k = 0; k < track.Inserts.Count; k++)
            {
                var insert = builder.AddProcessor(track.Inserts[k], $"{track.Name} insert {k + 1}");
                builder.Connect(node, insert);
                node = insert;
            }

            faders[i] = new FaderProcessor(track.GainDb);
            var fader = builder.AddProcessor(faders[i], $"{track.Name} fader");
            builder.Connect(node, fader);
            node = fader;
            if (stereo)
            {
                var pan = builder.AddProcessor(
                    new PanProcessor(track.Pan, track.ChannelCount == 1 ? PanLaw.ConstantPower : PanLaw.Balance), $"{track.Name} pan");
                builder.Connect(node, pan);
                node = pan;
            }

            builder.Connect(node, bus, i);
        }

        var graph = new TimelineGraph(bus, faders, Tracks);
        return graph;
    }

    /// <summary>Disposes every clip source that is <see cref="IDisposable"/>. Idempotent.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var track in Tracks)
        {
            foreach (var clip in track.Clips)
            {
                (clip.Source as IDisposable)?.Dispose();
            }
        }
    }
}
