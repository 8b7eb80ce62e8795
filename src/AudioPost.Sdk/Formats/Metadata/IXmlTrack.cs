namespace AudioPost.Sdk.Formats.Metadata;

/// <summary>One <c>TRACK_LIST/TRACK</c> entry of an <c>iXML</c> document: a recorder track and where it sits in
/// the file. Immutable and thread-safe.</summary>
/// <param name="ChannelIndex">The 1-based track index on the recorder.</param>
/// <param name="InterleaveIndex">The 1-based channel of the file that holds the track.</param>
/// <param name="Name">The track's name, for example <c>Boom</c> or <c>Lav 1</c>, or <see langword="null"/>.</param>
/// <param name="Function">The track's role, for example <c>LEFT</c> or <c>LFE</c>, or <see langword="null"/>.</param>
public sealed record IXmlTrack(int ChannelIndex, int InterleaveIndex, string? Name = null, string? Function = null);
