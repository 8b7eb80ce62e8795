using System.Globalization;
using System.Text.Json;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Processing.Mixing;
using AudioPost.Sdk.Timeline;
using AudioPost.Sdk.Timing;

namespace AudioPost.Sdk.Sessions;

/// <summary>Turns a parsed <see cref="SessionDocument"/> into a timeline, checking every value and naming its JSON
/// path when one is wrong.</summary>
internal sealed class SessionBuilder(SessionDocument document, string folder, SessionLoadOptions options, string? sessionPath)
{
    private const int MaxSampleRate = 768_000;

    private readonly InsertRegistry _inserts = options.Inserts ?? InsertRegistry.CreateDefault();
    private readonly AudioFormatRegistry _formats = options.Formats ?? AudioFormatRegistry.Default;
    private int _sampleRate;
    private FrameRate _frameRate;

    public LoadedSession Build()
    {
        _sampleRate = document.SampleRate ?? 48_000;
        if (_sampleRate is < 1 or > MaxSampleRate)
        {
            throw Error("$.sampleRate", $"must be from 1 to {MaxSampleRate} Hz, not {_sampleRate}");
        }

        if (document.FrameRate is null)
        {
            throw Error("$.frameRate", "is required: one of 23.976 24 25 29.97 29.97df 30 47.952 48 50 59.94 59.94df 60");
        }

        if (!FrameRate.TryParse(document.FrameRate, out _frameRate))
        {
            throw Error("$.frameRate", $"'{document.FrameRate}' is not a frame rate; use one of 23.976 24 25 29.97 29.97df 30 47.952 48 50 59.94 59.94df 60");
        }

        var start = ParseTimecode(document.Start ?? "00:00:00:00", "$.start");
        var output = BuildOutput();
        if (document.Tracks is not { Count: > 0 } tracks)
        {
            throw Error("$.tracks", "is required and must hold at least one track");
        }

        var timeline = new AudioTimeline(_sampleRate, start, output.Layout.Count);
        try
        {
            for (var i = 0; i < tracks.Count; i++)
            {
                timeline.Add(BuildTrack(tracks[i], $"$.tracks[{i}]", output.Layout.Count));
            }
        }
        catch
        {
            timeline.Dispose();
            throw;
        }

        return new LoadedSession(sessionPath, timeline, output);
    }

    private SessionOutput BuildOutput()
    {
        var output = document.Output;
        ChannelLayout layout;
        try
        {
            layout = ChannelLayout.Parse(output?.Layout ?? "stereo");
        }
        catch (FormatException exception)
        {
            throw Error("$.output.layout", exception.Message.TrimEnd('.'));
        }

        var format = (output?.Format ?? "pcm24").ToLowerInvariant() switch
        {
            "pcm16" => SampleFormat.Pcm16,
            "pcm24" => SampleFormat.Pcm24,
            "pcm32" => SampleFormat.Pcm32,
            "float32" => SampleFormat.Float32,
            _ => throw Error("$.output.format", $"'{output?.Format}' is not a format; use pcm16, pcm24, pcm32 or float32"),
        };

        long? length = output?.Length is { ValueKind: not JsonValueKind.Null } value
            ? ParseDuration(value, "$.output.length")
            : null;
        return new SessionOutput(layout, format, length);
    }

    private TimelineTrack BuildTrack(SessionTrackDocument? doc, string path, int outputChannels)
    {
        if (doc is null)
        {
            throw Error(path, "must be an object");
        }

        var name = string.IsNullOrWhiteSpace(doc.Name) ? throw Error($"{path}.name", "is required") : doc.Name;
        var clips = new List<(TimelineClip Clip, string Path)>();
        try
        {
            var clipDocs = doc.Clips ?? [];
            for (var j = 0; j < clipDocs.Count; j++)
            {
                clips.Add((BuildClip(clipDocs[j], $"{path}.clips[{j}]"), $"{path}.clips[{j}]"));
            }

            var channels = doc.Channels ?? Math.Max(1, clips.Count == 0 ? 1 : clips.Max(c => c.Clip.Source.ChannelCount));
            if (channels is < 1 or > ChannelLayout.MaxChannels)
            {
                throw Error($"{path}.channels", $"must be from 1 to {ChannelLayout.MaxChannels}");
            }

            var fits = outputChannels == 2 ? channels is 1 or 2 : channels == 1 || channels == outputChannels;
            if (!fits)
            {
                throw Error(doc.Channels is null ? path : $"{path}.channels", $"a {channels}-channel track cannot feed a {outputChannels}-channel output");
            }

            var track = new TimelineTrack(name, channels)
            {
                GainDb = CheckRange(doc.GainDb ?? 0f, Decibels.SilenceDb, GainProcessor.MaxGainDb, $"{path}.gainDb"),
                Pan = CheckRange(doc.Pan ?? 0f, -1f, 1f, $"{path}.pan"),
                Mute = doc.Mute ?? false,
                Solo = doc.Solo ?? false,
                CrossfadeShape = ParseShape(doc.Crossfade, $"{path}.crossfade"),
            };
            foreach (var (clip, clipPath) in clips)
            {
                if (clip.Source.ChannelCount != 1 && clip.Source.ChannelCount != channels)
                {
                    throw Error(clipPath, $"the file has {clip.Source.ChannelCount} channels; track '{name}' takes {channels} or mono");
                }

                track.Add(clip);
            }

            var inserts = doc.Inserts ?? [];
            for (var k = 0; k < inserts.Count; k++)
            {
                var insert = inserts[k] ?? throw Error($"{path}.inserts[{k}]", "must be an object");
                var type = string.IsNullOrWhiteSpace(insert.Type) ? throw Error($"{path}.inserts[{k}].type", "is required") : insert.Type;
                var parameters = new InsertParameters(type, insert.Parameters ?? [], $"{path}.inserts[{k}]", sessionPath, _sampleRate);
                track.Inserts.Add(_inserts.Create(parameters));
            }

            return track;
        }
        catch
        {
            foreach (var (clip, _) in clips)
            {
                (clip.Source as IDisposable)?.Dispose();
            }

            throw;
        }
    }

    private TimelineClip BuildClip(SessionClipDocument? doc, string path)
    {
        if (doc is null)
        {
            throw Error(path, "must be an object");
        }

        var written = string.IsNullOrWhiteSpace(doc.File) ? throw Error($"{path}.file", "is required") : doc.File;
        var file = SessionPaths.Resolve(folder, written, options.AllowPathsOutsideSessionFolder, sessionPath, $"{path}.file");
        var speed = ParseSpeed(doc.Speed, $"{path}.speed");
        AudioFileInfo info;
        try
        {
            using var reader = _formats.OpenRead(file);
            info = reader.Info;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or AudioFormatException)
        {
            throw Error($"{path}.file", exception is FileNotFoundException or DirectoryNotFoundException ? $"'{written}' does not exist" : $"'{written}': {exception.Message}", exception);
        }

        var sourceIn = doc.SourceIn is { ValueKind: not JsonValueKind.Null } inValue ? ParseSourceIn(inValue, info, $"{path}.sourceIn") : 0;
        if (sourceIn > info.Frames)
        {
            throw Error($"{path}.sourceIn", $"is past the end of the file ({info.Frames} frames)");
        }

        ClipMedia media;
        try
        {
            media = ClipMedia.Open(file, _sampleRate, sourceIn, speed, _formats);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or AudioFormatException or NotSupportedException)
        {
            throw Error($"{path}.file", $"'{written}': {exception.Message}", exception);
        }

        try
        {
            var position = ParsePosition(doc.At, media.Info, $"{path}.at");
            var available = media.Length;
            var length = doc.Length is { ValueKind: not JsonValueKind.Null } lengthValue ? ParseDuration(lengthValue, $"{path}.length") : available;
            if (length < 1)
            {
                throw Error($"{path}.length", available < 1 ? "the file has nothing to play after sourceIn" : "must be more than 0");
            }

            if (length > available)
            {
                throw Error($"{path}.length", $"is {length} frames but the file has {available} from sourceIn");
            }

            return new TimelineClip(media, position, length)
            {
                Name = written,
                GainDb = CheckRange(doc.GainDb ?? 0f, Decibels.SilenceDb, GainProcessor.MaxGainDb, $"{path}.gainDb"),
                FadeIn = ParseFade(doc.FadeInMs, length, $"{path}.fadeInMs"),
                FadeOut = ParseFade(doc.FadeOutMs, length, $"{path}.fadeOutMs"),
                FadeInShape = ParseShape(doc.FadeShape, $"{path}.fadeShape"),
                FadeOutShape = ParseShape(doc.FadeShape, $"{path}.fadeShape"),
            };
        }
        catch
        {
            media.Dispose();
            throw;
        }
    }

    private long ParsePosition(JsonElement? value, AudioFileInfo info, string path)
    {
        if (value is not { ValueKind: not JsonValueKind.Null } at)
        {
            throw Error(path, "is required: a timecode, \"bwf\" (the file's own TimeReference) or a sample frame since midnight");
        }

        if (at.ValueKind == JsonValueKind.Number)
        {
            return at.TryGetInt64(out var frame) && frame >= 0 ? frame : throw Error(path, "a number must be a whole sample frame since midnight, 0 or more");
        }

        if (at.ValueKind != JsonValueKind.String)
        {
            throw Error(path, "must be a timecode string, \"bwf\" or a number");
        }

        var text = at.GetString()!;
        if (string.Equals(text, "bwf", StringComparison.OrdinalIgnoreCase))
        {
            return ClipMedia.GetSpotFrame(info, _sampleRate) ?? throw Error(path, "\"bwf\" needs a BWF file, but this one has no bext chunk (TimeReference)");
        }

        return ParseTimecode(text, path).ToSampleFrame(_sampleRate);
    }

    private long ParseSourceIn(JsonElement value, AudioFileInfo info, string path)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.TryGetInt64(out var frames) && frames >= 0 ? frames : throw Error(path, "a number must be a whole file frame, 0 or more");
        }

        var offset = ParseOffset(value, path);
        // A timecode offset into the file is media time, so it is counted at the file's own rate.
        return offset.ToSampleCount(info.SampleRate);
    }

    private long ParseDuration(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.TryGetInt64(out var frames) && frames > 0 ? frames : throw Error(path, "a number must be a whole number of frames, more than 0");
        }

        var samples = ParseOffset(value, path).ToSampleCount(_sampleRate);
        return samples > 0 ? samples : throw Error(path, "must be more than 0");
    }

    private TimecodeOffset ParseOffset(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw Error(path, "must be a timecode string or a number");
        }

        var text = value.GetString()!;
        if (!TimecodeOffset.TryParse(text, _frameRate, out var offset) || offset.IsNegative)
        {
            throw Error(path, $"'{text}' is not a positive timecode duration at {_frameRate}");
        }

        return offset;
    }

    private Timecode ParseTimecode(string text, string path)
    {
        try
        {
            return Timecode.Parse(text, _frameRate);
        }
        catch (FormatException exception)
        {
            throw Error(path, exception.Message.TrimEnd('.'));
        }
    }

    private long ParseFade(double? milliseconds, long length, string path)
    {
        var ms = milliseconds ?? 0;
        if (!(ms >= 0))
        {
            throw Error(path, "must be 0 or more");
        }

        var frames = (long)Math.Round(ms * _sampleRate / 1000, MidpointRounding.AwayFromZero);
        return frames <= length ? frames : throw Error(path, string.Create(CultureInfo.InvariantCulture, $"{ms} ms is longer than the clip ({length} frames)"));
    }

    private FadeShape ParseShape(string? text, string path) => text?.ToLowerInvariant() switch
    {
        null => FadeShape.EqualPower,
        "linear" => FadeShape.Linear,
        "equalpower" or "equal-power" => FadeShape.EqualPower,
        "scurve" or "s-curve" => FadeShape.SCurve,
        _ => throw Error(path, $"'{text}' is not a fade shape; use linear, equalPower or sCurve"),
    };

    private SpeedChange ParseSpeed(string? text, string path) => text?.ToLowerInvariant() switch
    {
        null or "none" => SpeedChange.None,
        "pulldown" => SpeedChange.PullDown,
        "pullup" => SpeedChange.PullUp,
        "24to25" => SpeedChange.Film24To25,
        "25to24" => SpeedChange.Pal25To24,
        _ => throw Error(path, $"'{text}' is not a speed change; use none, pullDown, pullUp, 24to25 or 25to24"),
    };

    private float CheckRange(float value, float minimum, float maximum, string path) =>
        value >= minimum && value <= maximum
            ? value
            : throw Error(path, string.Create(CultureInfo.InvariantCulture, $"must be from {minimum} to {maximum}, not {value}"));

    private SessionException Error(string path, string reason, Exception? inner = null) => new(sessionPath, path, null, reason, inner);
}
