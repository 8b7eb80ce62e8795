using System.Text.Json;

namespace AudioPost.Sdk.Sessions;

/// <summary>The <c>output</c> object.</summary>
internal sealed class SessionOutputDocument
{
    public string? Layout { get; set; }

    public string? Format { get; set; }

    public JsonElement? Length { get; set; }
}
