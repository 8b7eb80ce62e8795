namespace AudioPost.Sdk.Tests.Formats.Interop;

/// <summary>
/// What <c>sndfile-info</c> reports. <see cref="Format"/> is libsndfile's SF_FORMAT word: container in the high 16 bits
/// (0x01 WAV, 0x13 WAVEX), encoding in the low (0x1 signed 8, 0x2 16-bit, 0x3 24-bit, 0x4 32-bit, 0x5 unsigned 8,
/// 0x6 float, 0x7 double). <see cref="ChannelMask"/> is the WAVE_FORMAT_EXTENSIBLE mask from the header dump, if any.
/// </summary>
internal sealed record SndFileInfo(long SampleRate, long Frames, long Channels, int Format, uint? ChannelMask, string Text)
{
    public int Encoding => Format & 0xFFFF;
}
