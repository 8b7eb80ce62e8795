using System.CommandLine;
using System.Globalization;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Restoration;
using AudioPost.Sdk.Formats;

namespace AudioPost.Cli.Commands;

/// <summary>
/// <c>audiopost trim IN OUT [--max-pause MS] [--min-pause MS] [--threshold DB] [--fade MS] [--json]</c>: shortens the
/// long pauses of a spoken recording with <see cref="SilenceTrimmer"/> (each cut to the maximum, joined by a short
/// equal-power cross-fade) and writes the shorter file, with IN's format and its bext and iXML; markers are dropped,
/// since their positions no longer apply.
/// </summary>
internal static class TrimCommand
{
    /// <summary>Frames read into memory at most (about 6 h at 48 kHz): the whole programme is trimmed at once.</summary>
    private const long MaxFrames = 1L << 30;

    public static Command Create()
    {
        var input = new Argument<string>("IN") { Description = "The spoken recording to trim." };
        var output = new Argument<string>("OUT") { Description = "The file to write; its extension picks the container (e.g. .wav)." };
        var maxPause = new Option<double?>("--max-pause") { Description = "Longest pause kept, in ms (default 700); longer pauses are cut to it." };
        var minPause = new Option<double?>("--min-pause") { Description = "Shortest quiet run counted as a pause, in ms (default 300)." };
        var threshold = new Option<double?>("--threshold") { Description = "Level under which a frame is quiet, in dBFS (default −50): set it above the noise floor's peaks." };
        var fade = new Option<double?>("--fade") { Description = "Cross-fade at each cut, in ms (default 10)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: input, output, frames_in, frames_out, removed_seconds, pauses (start_seconds, length_seconds, kept_seconds)." };
        var command = new Command("trim", "Shorten long pauses in a spoken recording (silence detection and trimming, with short cross-fades).")
        {
            input, output, maxPause, minPause, threshold, fade, json,
        };

        command.SetAction(parseResult =>
        {
            var defaults = new SilenceTrimOptions();
            var options = defaults with
            {
                MaxPauseMilliseconds = parseResult.GetValue(maxPause) ?? defaults.MaxPauseMilliseconds,
                MinPauseMilliseconds = parseResult.GetValue(minPause) ?? defaults.MinPauseMilliseconds,
                ThresholdDb = parseResult.GetValue(threshold) ?? defaults.ThresholdDb,
                FadeMilliseconds = parseResult.GetValue(fade) ?? defaults.FadeMilliseconds,
            };
            var configuration = parseResult.InvocationConfiguration;
            return Run(parseResult.GetRequiredValue(input), parseResult.GetRequiredValue(output), options, parseResult.GetValue(json), configuration.Output, configuration.Error);
        });
        return command;
    }

    private static int Run(string inputPath, string outputPath, SilenceTrimOptions options, bool json, TextWriter stdout, TextWriter stderr)
    {
        var registry = CliFormats.Registry;
        if (!OutputFileCheck.TryResolve(registry, inputPath, outputPath, stderr, out var container))
        {
            return ExitCodes.BadUsage;
        }

        using var temporary = new TemporaryOutput(outputPath);
        var failedPath = inputPath;
        try
        {
            AudioFileInfo info;
            SilenceTrimResult result;
            using (var reader = registry.OpenRead(inputPath))
            {
                info = reader.Info;
                if (info.Frames > MaxFrames)
                {
                    return CliErrors.Report(stderr, $"{inputPath}: {info.Frames} frames; trim reads the whole file into memory and takes at most {MaxFrames} (split the file first)", ExitCodes.BadInput);
                }

                try
                {
                    result = SilenceTrimmer.Trim(ReadAll(reader), info.SampleRate, options);
                }
                catch (ArgumentOutOfRangeException exception)
                {
                    return CliErrors.Report(stderr, exception.Message.Split('(')[0].Trim(), ExitCodes.BadUsage);
                }
            }

            failedPath = outputPath;
            var metadata = info.Metadata with { Markers = [] };
            using (var writer = registry.Create(temporary.TemporaryPath, info.Spec, info.SampleFormat, container, new EncoderOptions { Metadata = metadata }))
            {
                Write(writer, result.Channels);
                writer.Complete();
            }

            temporary.Commit();
            Report(stdout, inputPath, outputPath, info, result, json, droppedMarkers: info.Metadata.Markers.Count);
            return ExitCodes.Success;
        }
        catch (Exception exception) when (CliErrors.IsBadInput(exception))
        {
            return CliErrors.ReportBadInput(stderr, failedPath, exception);
        }
    }

    private static float[][] ReadAll(IAudioFileReader reader)
    {
        var info = reader.Info;
        var frames = (int)info.Frames;
        var channels = new float[info.ChannelCount][];
        for (var c = 0; c < channels.Length; c++)
        {
            channels[c] = new float[frames];
        }

        const int Chunk = 65_536;
        var buffer = new float[info.ChannelCount * Chunk];
        var done = 0;
        while (done < frames)
        {
            var read = reader.Read(new AudioBlock(buffer, info.ChannelCount, Math.Min(Chunk, frames - done)));
            if (read == 0)
            {
                // Shorter than its header said: what is missing stays silent, as when the file is played.
                break;
            }

            for (var c = 0; c < channels.Length; c++)
            {
                buffer.AsSpan(c * Chunk, read).CopyTo(channels[c].AsSpan(done));
            }

            done += read;
        }

        return channels;
    }

    private static void Write(IAudioFileWriter writer, float[][] channels)
    {
        const int Chunk = 65_536;
        var frames = channels[0].Length;
        var buffer = new float[channels.Length * Chunk];
        for (var done = 0; done < frames; done += Chunk)
        {
            var count = Math.Min(Chunk, frames - done);
            for (var c = 0; c < channels.Length; c++)
            {
                channels[c].AsSpan(done, count).CopyTo(buffer.AsSpan(c * Chunk));
            }

            writer.Write(new AudioBlock(buffer, channels.Length, count, Chunk));
        }
    }

    private static void Report(TextWriter stdout, string inputPath, string outputPath, AudioFileInfo info, SilenceTrimResult result, bool json, int droppedMarkers)
    {
        double Seconds(long frames) => (double)frames / info.SampleRate;
        var framesOut = result.Channels[0].LongLength;
        if (!json)
        {
            stdout.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{result.Pauses.Count} pauses found; {result.Pauses.Count(p => p.Length > p.KeptLength)} shortened, {Seconds(result.RemovedFrames):0.000} s removed ({Seconds(info.Frames):0.000} s -> {Seconds(framesOut):0.000} s)"));
            if (droppedMarkers > 0)
            {
                stdout.WriteLine($"{droppedMarkers} marker(s) not copied: their positions no longer apply");
            }

            stdout.WriteLine($"Wrote {outputPath}");
            return;
        }

        JsonOutput.Write(stdout, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("input", inputPath);
            writer.WriteString("output", outputPath);
            writer.WriteNumber("frames_in", info.Frames);
            writer.WriteNumber("frames_out", framesOut);
            writer.WriteNumber("removed_seconds", Math.Round(Seconds(result.RemovedFrames), 6));
            writer.WriteNumber("markers_dropped", droppedMarkers);
            writer.WriteStartArray("pauses");
            foreach (var pause in result.Pauses)
            {
                writer.WriteStartObject();
                writer.WriteNumber("start_seconds", Math.Round(Seconds(pause.Start), 6));
                writer.WriteNumber("length_seconds", Math.Round(Seconds(pause.Length), 6));
                writer.WriteNumber("kept_seconds", Math.Round(Seconds(pause.KeptLength), 6));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }
}
