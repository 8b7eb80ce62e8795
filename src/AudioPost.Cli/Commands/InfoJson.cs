using System.Text.Json;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Metadata;

namespace AudioPost.Cli.Commands;

/// <summary>The <c>info --json</c> document. Absent metadata is written as JSON <c>null</c>, never left out, so
/// scripts can rely on every key being there.</summary>
internal static class InfoJson
{
    // Utf8JsonWriter rather than JsonSerializer: no reflection, so the tool stays trimmable and AOT-friendly.
    public static void Write(AudioFileInfo info, StartTimecode? timecode, TextWriter stdout)
    {
        JsonOutput.Write(stdout, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("format", info.Format.Name);
            writer.WriteString("sample_format", SampleFormatNames.Get(info.SampleFormat));
            writer.WriteNumber("sample_rate", info.SampleRate);
            writer.WriteNumber("channels", info.ChannelCount);
            writer.WriteString("channel_layout", info.ChannelLayout.ToString());
            if (info.ChannelLayout.TryGetWaveChannelMask(out var mask))
            {
                writer.WriteNumber("channel_mask", mask);
            }
            else
            {
                writer.WriteNull("channel_mask");
            }

            writer.WriteNumber("frames", info.Frames);
            writer.WriteNumber("duration_seconds", info.DurationSeconds);
            WriteBext(writer, info.Metadata.Broadcast);
            WriteTimecode(writer, timecode);
            WriteIXml(writer, info.Metadata.IXml);
            WriteMarkers(writer, info.Metadata.Markers);
            writer.WriteEndObject();
        });
    }

    private static void WriteBext(Utf8JsonWriter writer, BroadcastExtension? bext)
    {
        if (bext is null)
        {
            writer.WriteNull("bext");
            return;
        }

        writer.WriteStartObject("bext");
        writer.WriteString("description", bext.Description);
        writer.WriteString("originator", bext.Originator);
        writer.WriteString("originator_reference", bext.OriginatorReference);
        writer.WriteString("origination_date", bext.OriginationDate);
        writer.WriteString("origination_time", bext.OriginationTime);
        writer.WriteNumber("time_reference_samples", bext.TimeReference);
        writer.WriteNumber("version", bext.Version);
        WriteStringOrNull(writer, "umid", bext.Umid.IsEmpty ? null : Convert.ToHexString(bext.Umid.Span));
        WriteNumberOrNull(writer, "loudness_value", bext.LoudnessValue);
        WriteNumberOrNull(writer, "loudness_range", bext.LoudnessRange);
        WriteNumberOrNull(writer, "max_true_peak_level", bext.MaxTruePeakLevel);
        WriteNumberOrNull(writer, "max_momentary_loudness", bext.MaxMomentaryLoudness);
        WriteNumberOrNull(writer, "max_short_term_loudness", bext.MaxShortTermLoudness);
        writer.WriteString("coding_history", bext.CodingHistory);
        writer.WriteEndObject();
    }

    private static void WriteTimecode(Utf8JsonWriter writer, StartTimecode? timecode)
    {
        if (timecode is null)
        {
            writer.WriteNull("timecode");
            return;
        }

        writer.WriteStartObject("timecode");
        writer.WriteString("value", timecode.Value);
        writer.WriteString("rate", timecode.Rate.ToString());
        writer.WriteString("source", timecode.Source);
        writer.WriteEndObject();
    }

    private static void WriteIXml(Utf8JsonWriter writer, IXmlMetadata? ixml)
    {
        if (ixml is null)
        {
            writer.WriteNull("ixml");
            return;
        }

        writer.WriteStartObject("ixml");
        WriteStringOrNull(writer, "project", ixml.Project);
        WriteStringOrNull(writer, "scene", ixml.Scene);
        WriteStringOrNull(writer, "take", ixml.Take);
        WriteStringOrNull(writer, "tape", ixml.Tape);
        WriteStringOrNull(writer, "note", ixml.Note);
        if (ixml.Circled is { } circled)
        {
            writer.WriteBoolean("circled", circled);
        }
        else
        {
            writer.WriteNull("circled");
        }

        WriteStringOrNull(writer, "timecode_rate", ixml.TimecodeRate);
        WriteStringOrNull(writer, "timecode_flag", ixml.TimecodeFlag);
        writer.WriteStartArray("tracks");
        foreach (var track in ixml.Tracks)
        {
            writer.WriteStartObject();
            writer.WriteNumber("channel_index", track.ChannelIndex);
            writer.WriteNumber("interleave_index", track.InterleaveIndex);
            WriteStringOrNull(writer, "name", track.Name);
            WriteStringOrNull(writer, "function", track.Function);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteMarkers(Utf8JsonWriter writer, IReadOnlyList<AudioMarker> markers)
    {
        writer.WriteStartArray("markers");
        foreach (var marker in markers)
        {
            writer.WriteStartObject();
            writer.WriteNumber("position", marker.Position);
            writer.WriteNumber("length", marker.Length);
            WriteStringOrNull(writer, "label", marker.Label);
            WriteStringOrNull(writer, "note", marker.Note);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteStringOrNull(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteNumberOrNull(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
