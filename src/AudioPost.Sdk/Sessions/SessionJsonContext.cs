using System.Text.Json;
using System.Text.Json.Serialization;

namespace AudioPost.Sdk.Sessions;

/// <summary>Source-generated (de)serialisation of the session model: no reflection, so Native AOT and trimming
/// keep working. Unknown fields are errors, so a misspelt field name is reported instead of silently ignored.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(SessionDocument))]
internal sealed partial class SessionJsonContext : JsonSerializerContext
{
}
