namespace AudioPost.Sdk.Sessions;

/// <summary>One entry of <c>tracks[]</c>.</summary>
internal sealed class SessionTrackDocument
{
    public string? Name { get; set; }

    public int? Channels { get; set; }

    public float? GainDb { get; set; }

    public float? Pan { get; set; }

    public bool? Mute { get; set; }

    public bool? Solo { get; set; }

    public string? Crossfade { get; set; }

    public List<SessionInsertDocument?>? Inserts { get; set; }

    public List<SessionClipDocument?>? Clips { get; set; }
}
