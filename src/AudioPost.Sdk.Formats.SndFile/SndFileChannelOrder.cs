using AudioPost.Sdk.Buffers;

namespace AudioPost.Sdk.Formats.SndFile;

/// <summary>
/// The channel order each codec stores. libsndfile passes channels through in file order, so the reader reports
/// that order as its layout and the writer reorders the caller's layout into it. Stateless and thread-safe.
/// </summary>
/// <remarks>
/// FLAC and MP3 use the WAVE order of <see cref="ChannelLayout.FromChannelCount"/>. Vorbis (and Opus mapping family
/// 1, which copies it) orders 3 to 8 channels differently, centre second and LFE last (Vorbis I §4.3.9); its
/// "rear" pair of 5.0/5.1 is taken as the side surrounds of <see cref="ChannelLayout.Surround51"/>, as in common use.
/// </remarks>
internal static class SndFileChannelOrder
{
    private static readonly ChannelLayout[] VorbisLayouts =
    [
        ChannelLayout.Custom(ChannelRole.FrontLeft, ChannelRole.FrontCenter, ChannelRole.FrontRight),
        ChannelLayout.Custom(ChannelRole.FrontLeft, ChannelRole.FrontRight, ChannelRole.BackLeft, ChannelRole.BackRight),
        ChannelLayout.Custom(
            ChannelRole.FrontLeft, ChannelRole.FrontCenter, ChannelRole.FrontRight, ChannelRole.SideLeft, ChannelRole.SideRight),
        ChannelLayout.Custom(
            ChannelRole.FrontLeft, ChannelRole.FrontCenter, ChannelRole.FrontRight, ChannelRole.SideLeft, ChannelRole.SideRight,
            ChannelRole.LowFrequency),
        ChannelLayout.Custom(
            ChannelRole.FrontLeft, ChannelRole.FrontCenter, ChannelRole.FrontRight, ChannelRole.SideLeft, ChannelRole.SideRight,
            ChannelRole.BackCenter, ChannelRole.LowFrequency),
        ChannelLayout.Custom(
            ChannelRole.FrontLeft, ChannelRole.FrontCenter, ChannelRole.FrontRight, ChannelRole.SideLeft, ChannelRole.SideRight,
            ChannelRole.BackLeft, ChannelRole.BackRight, ChannelRole.LowFrequency),
    ];

    /// <summary>Gets the layout of a file of <paramref name="format"/> with <paramref name="channels"/> channels.</summary>
    public static ChannelLayout GetFileLayout(SndFileFormat format, int channels) =>
        UsesVorbisOrder(format) && channels is >= 3 and <= SndFileConstants.VorbisOrderMaxChannels
            ? VorbisLayouts[channels - 3]
            : ChannelLayout.FromChannelCount(channels);

    /// <summary>
    /// Gets, for each channel in file order, the index of the caller's channel that goes there; null when the orders
    /// already agree, or when the caller's layout lacks a role of the file's order (its channels are then written as
    /// given).
    /// </summary>
    public static int[]? GetWriteMap(SndFileFormat format, ChannelLayout source)
    {
        var fileLayout = GetFileLayout(format, source.Count);
        if (fileLayout == source || !UsesVorbisOrder(format))
        {
            return null;
        }

        var map = ChannelLayout.GetRemap(source, fileLayout);
        var identity = true;
        for (var i = 0; i < map.Length; i++)
        {
            if (map[i] < 0)
            {
                return null;
            }

            identity &= map[i] == i;
        }

        return identity ? null : map;
    }

    private static bool UsesVorbisOrder(SndFileFormat format) => format == SndFileFormat.OggVorbis || format == SndFileFormat.Opus;
}
