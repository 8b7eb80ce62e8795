using System.Text.Json;

namespace AudioPost.Sdk.Sessions;

/// <summary>One entry of <c>clips[]</c>. <c>at</c>, <c>sourceIn</c> and <c>length</c> take a string (timecode) or a
/// number (frames), so they stay raw until the session's rates are known.</summary>
internal sealed class SessionClipDocument
{
    public string? File { get; set; }

    public JsonElement? At { get; set; }

    public JsonElement? SourceIn { get; set; }

    public JsonElement? Length { get; set; }

    public float? GainDb { get; set; }

    public double? FadeInMs { get; set; }

    public double? FadeOutMs { get; set; }

    public string? FadeShape { get; set; }

    public string? Speed { get; set; }
}
