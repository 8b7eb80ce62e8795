using AudioPost.Sdk.Formats;

namespace AudioPost.Sdk.Sessions;

/// <summary>How <see cref="SessionFile"/> loads a session. Immutable.</summary>
public sealed record SessionLoadOptions
{
    /// <summary>Gets whether clip paths may leave the session's folder (<c>..</c>, absolute paths, symbolic links
    /// pointing outside). Default false: a session received from elsewhere cannot make the renderer read arbitrary
    /// files.</summary>
    public bool AllowPathsOutsideSessionFolder { get; init; }

    /// <summary>Gets the insert types the session may name; null (the default) for
    /// <see cref="InsertRegistry.CreateDefault"/>.</summary>
    public InsertRegistry? Inserts { get; init; }

    /// <summary>Gets the audio formats clips may be in; null (the default) for <see cref="AudioFormatRegistry.Default"/>.</summary>
    public AudioFormatRegistry? Formats { get; init; }

    /// <summary>Gets the shared default options.</summary>
    public static SessionLoadOptions Default { get; } = new();
}
