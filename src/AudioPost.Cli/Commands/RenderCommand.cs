using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Sessions;
using AudioPost.Sdk.Timeline;

namespace AudioPost.Cli.Commands;

/// <summary>
/// <c>audiopost render SESSION.json OUT [--threads N] [--json] [--allow-outside-paths]</c>: loads a session file (docs/session-format.md)
/// and renders its timeline offline to a Broadcast Wave file whose TimeReference is the session start and whose iXML
/// carries the frame rate.
/// </summary>
internal static class RenderCommand
{
    public static Command Create()
    {
        var session = new Argument<string>("SESSION") { Description = "The session file (JSON; see docs/session-format.md)." };
        var output = new Argument<string>("OUT") { Description = "The Broadcast Wave file to write." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object describing the render (path, start, frame_rate, time_reference, frames, seconds, ...)." };
        var allowOutside = new Option<bool>("--allow-outside-paths") { Description = "Let clip paths leave the session's folder (.., absolute paths, links pointing outside)." };
        var threads = new Option<int>("--threads")
        {
            Description = "Threads that render tracks at the same time (1 = one thread; default: the processor count). The file is the same bits at any value.",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        threads.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--threads must be 1 or more.");
            }
        });
        var command = new Command("render", "Render a session file's timeline offline to a BWF placed at the session's start timecode.")
        {
            session, output, threads, json, allowOutside,
        };

        command.SetAction(parseResult =>
        {
            var configuration = parseResult.InvocationConfiguration;
            return Run(
                parseResult.GetRequiredValue(session),
                parseResult.GetRequiredValue(output),
                parseResult.GetValue(json),
                parseResult.GetValue(allowOutside),
                parseResult.GetValue(threads),
                configuration.Output,
                configuration.Error);
        });
        return command;
    }

    private static int Run(string sessionPath, string outputPath, bool json, bool allowOutside, int threads, TextWriter stdout, TextWriter stderr)
    {
        LoadedSession loaded;
        try
        {
            loaded = SessionFile.Load(sessionPath, new SessionLoadOptions { AllowPathsOutsideSessionFolder = allowOutside });
        }
        catch (SessionException exception)
        {
            return CliErrors.Report(stderr, exception.Message, ExitCodes.BadInput);
        }
        catch (Exception exception) when (CliErrors.IsBadInput(exception))
        {
            return CliErrors.ReportBadInput(stderr, sessionPath, exception);
        }

        using (loaded)
        {
            var timeline = loaded.Timeline;
            var bar = ConsoleProgressBar.CreateIfInteractive(stderr, json);
            RenderProgress result;
            try
            {
                result = TimelineFileRenderer.Render(timeline, outputPath, loaded.RenderOptions with { MaxDegreeOfParallelism = threads }, bar);
            }
            catch (Exception exception) when (CliErrors.IsBadInput(exception))
            {
                bar?.Finish();
                return CliErrors.ReportBadInput(stderr, outputPath, exception);
            }

            bar?.Finish();
            if (json)
            {
                JsonOutput.Write(stdout, writer => WriteJson(writer, outputPath, timeline, loaded.Output.Layout.Count, result));
            }
            else
            {
                stdout.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Rendered {result.FramesRendered} frames ({(double)result.FramesRendered / timeline.SampleRate:0.###} s, {loaded.Output.Layout.Count} ch, {timeline.SampleRate} Hz) of {timeline.Tracks.Count} track(s) from {timeline.Start} at {timeline.FrameRate} fps to {outputPath} (TimeReference {timeline.StartFrame}) in {result.Elapsed.TotalSeconds:0.000} s ({result.RealtimeFactor:0}x real time)"));
            }
        }

        return ExitCodes.Success;
    }

    private static void WriteJson(Utf8JsonWriter writer, string path, AudioTimeline timeline, int channels, RenderProgress result)
    {
        writer.WriteStartObject();
        writer.WriteString("path", path);
        writer.WriteString("start", timeline.Start.ToString());
        writer.WriteString("frame_rate", timeline.FrameRate.ToString());
        writer.WriteNumber("time_reference", timeline.StartFrame);
        writer.WriteNumber("sample_rate", timeline.SampleRate);
        writer.WriteNumber("channels", channels);
        writer.WriteNumber("tracks", timeline.Tracks.Count);
        writer.WriteNumber("frames", result.FramesRendered);
        writer.WriteNumber("seconds", (double)result.FramesRendered / timeline.SampleRate);
        writer.WriteNumber("elapsed_seconds", result.Elapsed.TotalSeconds);
        writer.WriteNumber("realtime_factor", result.RealtimeFactor);
        writer.WriteEndObject();
    }
}
