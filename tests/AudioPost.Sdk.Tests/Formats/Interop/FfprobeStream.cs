namespace AudioPost.Sdk.Tests.Formats.Interop;

/// <summary>The fields of ffprobe's <c>-show_streams</c> the tests check; <see cref="Frames"/> is <c>duration_ts</c> (time base 1/rate).</summary>
internal sealed record FfprobeStream(string CodecName, int SampleRate, int Channels, string? ChannelLayout, long Frames);
