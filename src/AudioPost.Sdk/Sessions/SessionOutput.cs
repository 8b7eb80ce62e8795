using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Sessions;

/// <summary>The session's <c>output</c>: what a render writes.</summary>
/// <param name="Layout">The channel layout of the master bus and the file.</param>
/// <param name="Format">The sample encoding.</param>
/// <param name="Length">Frames to render from the start, or null for up to the end of the last clip.</param>
public sealed record SessionOutput(ChannelLayout Layout, SampleFormat Format, long? Length);
