namespace AudioPost.Sdk.Sessions;

/// <summary>The session file's root object, as read from JSON (see docs/session-format.md).</summary>
internal sealed class SessionDocument
{
    public int? SampleRate { get; set; }

    public string? FrameRate { get; set; }

    public string? Start { get; set; }

    public List<SessionTrackDocument?>? Tracks { get; set; }

    public SessionOutputDocument? Output { get; set; }
}
