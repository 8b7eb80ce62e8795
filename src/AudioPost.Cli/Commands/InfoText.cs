using System.Globalization;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Formats.Metadata;

namespace AudioPost.Cli.Commands;

/// <summary>The human-readable <c>info</c> output: one aligned <c>Label: value</c> line per fact; metadata lines
/// appear only when the file has that metadata.</summary>
internal static class InfoText
{
    public static void Write(string path, AudioFileInfo info, StartTimecode? timecode, TextWriter stdout)
    {
        var duration = info.Duration;
        var clock = string.Create(
            CultureInfo.InvariantCulture,
            $"{(long)duration.TotalHours:00}:{duration.Minutes:00}:{duration.Seconds:00}.{duration.Milliseconds:000}");
        WriteLine(stdout, "File", path);
        WriteLine(stdout, "Format", info.Format.Name);
        WriteLine(stdout, "Sample format", SampleFormatNames.Get(info.SampleFormat));
        WriteLine(stdout, "Sample rate", string.Create(CultureInfo.InvariantCulture, $"{info.SampleRate} Hz"));
        WriteLine(stdout, "Channels", string.Create(CultureInfo.InvariantCulture, $"{info.ChannelCount} ({info.ChannelLayout})"));
        if (info.ChannelLayout.TryGetWaveChannelMask(out var mask))
        {
            WriteLine(stdout, "Channel mask", string.Create(CultureInfo.InvariantCulture, $"0x{mask:X}"));
        }

        WriteLine(stdout, "Frames", info.Frames.ToString(CultureInfo.InvariantCulture));
        WriteLine(stdout, "Duration", string.Create(CultureInfo.InvariantCulture, $"{clock} ({info.DurationSeconds:0.000###} s)"));
        if (timecode is not null)
        {
            WriteLine(stdout, "Timecode", $"{timecode.Value} @ {timecode.Rate} ({timecode.Source})");
        }

        WriteBext(stdout, info.Metadata.Broadcast);
        WriteIXml(stdout, info.Metadata.IXml);
        foreach (var marker in info.Metadata.Markers)
        {
            WriteMarker(stdout, marker);
        }
    }

    private static void WriteBext(TextWriter stdout, BroadcastExtension? bext)
    {
        if (bext is null)
        {
            return;
        }

        WriteLine(stdout, "BWF version", bext.Version.ToString(CultureInfo.InvariantCulture));
        WriteLine(stdout, "Time ref", string.Create(CultureInfo.InvariantCulture, $"{bext.TimeReference} samples"));
        WriteIfAny(stdout, "Description", bext.Description);
        WriteIfAny(stdout, "Originator", bext.Originator);
        WriteIfAny(stdout, "Orig. ref", bext.OriginatorReference);
        WriteIfAny(stdout, "Originated", $"{bext.OriginationDate} {bext.OriginationTime}".Trim());
        if (!bext.Umid.IsEmpty)
        {
            WriteLine(stdout, "UMID", Convert.ToHexString(bext.Umid.Span));
        }

        if (bext.HasLoudness)
        {
            var parts = new List<string>(5);
            AddLoudness(parts, "integrated", bext.LoudnessValue, "LUFS");
            AddLoudness(parts, "range", bext.LoudnessRange, "LU");
            AddLoudness(parts, "true peak", bext.MaxTruePeakLevel, "dBTP");
            AddLoudness(parts, "max momentary", bext.MaxMomentaryLoudness, "LUFS");
            AddLoudness(parts, "max short-term", bext.MaxShortTermLoudness, "LUFS");
            WriteLine(stdout, "Loudness", string.Join(", ", parts));
        }

        // One line per processing step; continuation lines keep the value column.
        var label = "Coding hist.";
        foreach (var step in bext.CodingHistory.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            WriteLine(stdout, label, step);
            label = string.Empty;
        }
    }

    private static void AddLoudness(List<string> parts, string name, double? value, string unit)
    {
        if (value is { } number)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {number:0.00} {unit}"));
        }
    }

    private static void WriteIXml(TextWriter stdout, IXmlMetadata? ixml)
    {
        if (ixml is null)
        {
            return;
        }

        WriteIfAny(stdout, "Project", ixml.Project);
        WriteIfAny(stdout, "Scene", ixml.Scene);
        WriteIfAny(stdout, "Take", ixml.Take);
        WriteIfAny(stdout, "Tape", ixml.Tape);
        WriteIfAny(stdout, "Note", ixml.Note);
        if (ixml.Circled is { } circled)
        {
            WriteLine(stdout, "Circled", circled ? "yes" : "no");
        }

        WriteIfAny(stdout, "TC rate", $"{ixml.TimecodeRate} {ixml.TimecodeFlag}".Trim());
        foreach (var track in ixml.Tracks)
        {
            var function = track.Function is null ? string.Empty : $" [{track.Function}]";
            WriteLine(
                stdout,
                string.Create(CultureInfo.InvariantCulture, $"Track {track.ChannelIndex}"),
                string.Create(CultureInfo.InvariantCulture, $"{track.Name}{function} (channel {track.InterleaveIndex})").TrimStart());
        }
    }

    private static void WriteMarker(TextWriter stdout, AudioMarker marker)
    {
        var span = marker.IsRegion
            ? string.Create(CultureInfo.InvariantCulture, $"{marker.Position}+{marker.Length}")
            : marker.Position.ToString(CultureInfo.InvariantCulture);
        var note = marker.Note is null ? string.Empty : $" ({marker.Note})";
        WriteLine(stdout, marker.IsRegion ? "Region" : "Marker", $"{span} {marker.Label}{note}".TrimEnd());
    }

    private static void WriteIfAny(TextWriter stdout, string label, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            WriteLine(stdout, label, value);
        }
    }

    private static void WriteLine(TextWriter stdout, string label, string value) =>
        stdout.WriteLine($"{(label.Length == 0 ? string.Empty : label + ":"),-15}{value}");
}
