using AudioPost.Sdk.Timeline;

namespace AudioPost.Sdk.Sessions;

/// <summary>A session file turned into a timeline, ready to render (<see cref="TimelineFileRenderer"/>) or play
/// (<see cref="TimelinePlayer"/>). Owns the clips' open files: dispose it.</summary>
public sealed class LoadedSession : IDisposable
{
    internal LoadedSession(string? path, AudioTimeline timeline, SessionOutput output)
    {
        Path = path;
        Timeline = timeline;
        Output = output;
    }

    /// <summary>Gets the session file, or null when parsed from text.</summary>
    public string? Path { get; }

    /// <summary>Gets the timeline: tracks, clips, start timecode.</summary>
    public AudioTimeline Timeline { get; }

    /// <summary>Gets the output settings.</summary>
    public SessionOutput Output { get; }

    /// <summary>Gets render options matching <see cref="Output"/>.</summary>
    public TimelineRenderOptions RenderOptions => new() { SampleFormat = Output.Format, Length = Output.Length };

    /// <summary>Closes the clips' files. Idempotent.</summary>
    public void Dispose() => Timeline.Dispose();
}
