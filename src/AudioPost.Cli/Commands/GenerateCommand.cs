using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Sinks;
using AudioPost.Sdk.Sources;

namespace AudioPost.Cli.Commands;

/// <summary>
/// <c>audiopost generate OUT [--signal tone|pink|white|silence] [--seconds S] ...</c>: renders a
/// test signal through the graph's offline renderer into a file. Test material for users, and the
/// job the peer benchmark runs against <c>sox -n ... synth</c>.
/// </summary>
internal static class GenerateCommand
{
    private static readonly string[] Signals = ["tone", "pink", "white", "silence"];
    private static readonly string[] Formats = ["pcm16", "pcm24", "pcm32", "float32"];

    public static Command Create()
    {
        var output = new Argument<string>("OUT") { Description = "The file to write (WAV)." };
        var signal = new Option<string>("--signal") { Description = "tone, pink, white or silence.", DefaultValueFactory = _ => "tone" };
        signal.AcceptOnlyFromAmong(Signals);
        var seconds = new Option<double>("--seconds") { Description = "Length in seconds, more than 0 and at most 86,400.", DefaultValueFactory = _ => 10 };
        seconds.Validators.Add(r => Require(r, r.GetValueOrDefault<double>() is > 0 and <= 86_400, "--seconds must be more than 0 and at most 86400."));
        var rate = new Option<int>("--rate") { Description = "Sample rate in Hz (8,000 to 384,000).", DefaultValueFactory = _ => 48_000 };
        rate.Validators.Add(r => Require(r, r.GetValueOrDefault<int>() is >= 8_000 and <= 384_000, "--rate must be from 8000 to 384000 Hz."));
        var channels = new Option<int>("--channels") { Description = "Channels, 1 to 64.", DefaultValueFactory = _ => 2 };
        channels.Validators.Add(r => Require(r, r.GetValueOrDefault<int>() is >= 1 and <= 64, "--channels must be from 1 to 64."));
        var frequency = new Option<float>("--frequency") { Description = "Tone frequency in Hz.", DefaultValueFactory = _ => 1000f };
        frequency.Validators.Add(r => Require(r, r.GetValueOrDefault<float>() is > 0 and <= 192_000, "--frequency must be more than 0 and at most 192000 Hz."));
        var level = new Option<float>("--level") { Description = "Level in dBFS (peak for tones), -144 to 0.", DefaultValueFactory = _ => -20f };
        level.Validators.Add(r => Require(r, r.GetValueOrDefault<float>() is >= -144 and <= 0, "--level must be from -144 to 0 dBFS."));
        var format = new Option<string>("--format") { Description = "pcm16, pcm24, pcm32 or float32.", DefaultValueFactory = _ => "pcm24" };
        format.AcceptOnlyFromAmong(Formats);
        var json = new Option<bool>("--json") { Description = "Print one JSON object describing the render (path, frames, seconds, elapsed_seconds, realtime_factor)." };

        var command = new Command("generate", "Render a test signal to a file through the offline renderer.")
        {
            output, signal, seconds, rate, channels, frequency, level, format, json,
        };

        command.SetAction(parseResult =>
        {
            var configuration = parseResult.InvocationConfiguration;
            var request = new Request(
                parseResult.GetRequiredValue(output),
                parseResult.GetValue(signal)!,
                parseResult.GetValue(seconds),
                parseResult.GetValue(rate),
                parseResult.GetValue(channels),
                parseResult.GetValue(frequency),
                parseResult.GetValue(level),
                ParseFormat(parseResult.GetValue(format)!));
            return Run(request, parseResult.GetValue(json), configuration.Output, configuration.Error);
        });
        return command;
    }

    private static void Require(OptionResult result, bool condition, string message)
    {
        if (!condition)
        {
            result.AddError(message);
        }
    }

    private static SampleFormat ParseFormat(string name) => name switch
    {
        "pcm16" => SampleFormat.Pcm16,
        "pcm32" => SampleFormat.Pcm32,
        "float32" => SampleFormat.Float32,
        _ => SampleFormat.Pcm24,
    };

    private static int Run(Request request, bool json, TextWriter stdout, TextWriter stderr)
    {
        var frames = (long)Math.Round(request.Seconds * request.Rate);
        var graph = new AudioGraphBuilder(new GraphOptions { SampleRate = request.Rate, BlockSize = 1024 });
        IAudioSource source = request.Signal switch
        {
            "pink" => new NoiseSource(NoiseColor.Pink, request.Level, request.Channels),
            "white" => new NoiseSource(NoiseColor.White, request.Level, request.Channels),
            "silence" => new SilenceSource(request.Channels),
            _ => new ToneSource(request.Frequency, request.Level, request.Channels),
        };

        var bar = ConsoleProgressBar.CreateIfInteractive(stderr, json);
        RenderProgress result;
        try
        {
            using var sink = new FileSink(request.Path, request.Format);
            graph.Connect(graph.AddSource(source, request.Signal), graph.AddSink(sink, "file"));
            result = OfflineRenderer.Render(graph.Compile(), frames, bar);
        }
        catch (Exception exception) when (CliErrors.IsBadInput(exception))
        {
            bar?.Finish();
            return CliErrors.ReportBadInput(stderr, request.Path, exception);
        }

        bar?.Finish();
        if (json)
        {
            JsonOutput.Write(stdout, writer => WriteJson(writer, request.Path, result));
        }
        else
        {
            stdout.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Wrote {result.FramesRendered} frames ({request.Seconds:0.###} s, {request.Channels} ch, {request.Rate} Hz) to {request.Path} in {result.Elapsed.TotalSeconds:0.000} s ({result.RealtimeFactor:0}x real time)"));
        }

        return ExitCodes.Success;
    }

    private static void WriteJson(Utf8JsonWriter writer, string path, RenderProgress result)
    {
        writer.WriteStartObject();
        writer.WriteString("path", path);
        writer.WriteNumber("frames", result.FramesRendered);
        writer.WriteNumber("seconds", (double)result.FramesRendered / result.SampleRate);
        writer.WriteNumber("elapsed_seconds", result.Elapsed.TotalSeconds);
        writer.WriteNumber("realtime_factor", result.RealtimeFactor);
        writer.WriteEndObject();
    }

    private readonly record struct Request(string Path, string Signal, double Seconds, int Rate, int Channels, float Frequency, float Level, SampleFormat Format);
}
