using System.Globalization;
using AudioPost.Sdk.Formats.Metadata;

namespace AudioPost.Cli.Commands;

/// <summary>
/// Moves the sample-counted fields of a file's metadata to a new sample rate, so a resampled file's timestamp and
/// markers point at the same moments: the bext time reference (samples since midnight), marker and region positions
/// and lengths, and iXML's FILE_SAMPLE_RATE. Each is rescaled exactly (integer arithmetic) and rounded to the nearest
/// frame. iXML's TIMESTAMP_SAMPLES_SINCE_MIDNIGHT is counted at TIMESTAMP_SAMPLE_RATE, which stays valid, so it is
/// left alone.
/// </summary>
internal static class ResampledMetadata
{
    public static AudioMetadata Rescale(AudioMetadata metadata, int fromRate, int toRate)
    {
        if (fromRate == toRate || metadata.IsEmpty)
        {
            return metadata;
        }

        var broadcast = metadata.Broadcast is { } bext
            ? bext with { TimeReference = (ulong)Scale((long)Math.Min(bext.TimeReference, long.MaxValue / 4), fromRate, toRate) }
            : null;
        var markers = new List<AudioMarker>(metadata.Markers.Count);
        foreach (var marker in metadata.Markers)
        {
            markers.Add(marker with
            {
                Position = Scale(marker.Position, fromRate, toRate),
                Length = Scale(marker.Length, fromRate, toRate),
            });
        }

        var ixml = metadata.IXml;
        if (ixml?.FileSampleRate is not null)
        {
            ixml = ixml.WithValue("SPEED/FILE_SAMPLE_RATE", toRate.ToString(CultureInfo.InvariantCulture));
        }

        return metadata with { Broadcast = broadcast, Markers = markers, IXml = ixml };
    }

    // frames · to / from, rounded half up, in 128-bit so no realistic position overflows.
    private static long Scale(long frames, int fromRate, int toRate) =>
        (long)((((Int128)frames * toRate * 2) + fromRate) / ((Int128)fromRate * 2));
}
