using System.Text.Json;
using System.Text.Json.Serialization;

namespace AudioPost.Sdk.Sessions;

/// <summary>One entry of <c>inserts[]</c>: a <c>type</c> and that type's parameters, kept raw for the factory.</summary>
internal sealed class SessionInsertDocument
{
    public string? Type { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Parameters { get; set; }
}
