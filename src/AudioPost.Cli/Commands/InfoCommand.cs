using System.Buffers;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;

namespace AudioPost.Cli.Commands;

/// <summary><c>audiopost info FILE [--json]</c>: prints what an audio file's header says.</summary>
internal static class InfoCommand
{
    /// <summary>Builds the <c>info</c> command.</summary>
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The audio file to inspect." };
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON object (format, sample_format, sample_rate, channels, channel_layout, frames, duration_seconds).",
        };

        var command = new Command("info", "Show an audio file's format, sample format, rate, channels and length.")
        {
            file,
            json,
        };

        command.SetAction(parseResult =>
        {
            var configuration = parseResult.InvocationConfiguration;
            return Run(parseResult.GetRequiredValue(file), parseResult.GetValue(json), configuration.Output, configuration.Error);
        });
        return command;
    }

    private static int Run(string path, bool json, TextWriter stdout, TextWriter stderr)
    {
        AudioFileInfo info;
        try
        {
            using var reader = AudioFormatRegistry.Default.OpenRead(path);
            info = reader.Info;
        }
        catch (Exception exception) when (CliErrors.IsBadInput(exception))
        {
            return CliErrors.ReportBadInput(stderr, path, exception);
        }

        if (json)
        {
            WriteJson(info, stdout);
        }
        else
        {
            WriteText(path, info, stdout);
        }

        return ExitCodes.Success;
    }

    private static void WriteText(string path, AudioFileInfo info, TextWriter stdout)
    {
        var duration = info.Duration;
        var clock = string.Create(
            CultureInfo.InvariantCulture,
            $"{(long)duration.TotalHours:00}:{duration.Minutes:00}:{duration.Seconds:00}.{duration.Milliseconds:000}");
        WriteLine(stdout, "File", path);
        WriteLine(stdout, "Format", info.Format.Name);
        WriteLine(stdout, "Sample format", GetSampleFormatName(info.SampleFormat));
        WriteLine(stdout, "Sample rate", string.Create(CultureInfo.InvariantCulture, $"{info.SampleRate} Hz"));
        WriteLine(stdout, "Channels", string.Create(CultureInfo.InvariantCulture, $"{info.ChannelCount} ({info.ChannelLayout})"));
        WriteLine(stdout, "Frames", info.Frames.ToString(CultureInfo.InvariantCulture));
        WriteLine(stdout, "Duration", string.Create(CultureInfo.InvariantCulture, $"{clock} ({info.DurationSeconds:0.000###} s)"));
    }

    private static void WriteLine(TextWriter stdout, string label, string value) =>
        stdout.WriteLine($"{label + ":",-15}{value}");

    // Utf8JsonWriter rather than JsonSerializer: no reflection, so the tool stays trimmable and AOT-friendly.
    private static void WriteJson(AudioFileInfo info, TextWriter stdout)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("format", info.Format.Name);
            writer.WriteString("sample_format", GetSampleFormatName(info.SampleFormat));
            writer.WriteNumber("sample_rate", info.SampleRate);
            writer.WriteNumber("channels", info.ChannelCount);
            writer.WriteString("channel_layout", info.ChannelLayout.ToString());
            writer.WriteNumber("frames", info.Frames);
            writer.WriteNumber("duration_seconds", info.DurationSeconds);
            writer.WriteEndObject();
        }

        stdout.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    private static string GetSampleFormatName(SampleFormat format) => format switch
    {
        SampleFormat.Pcm8 => "pcm8",
        SampleFormat.Pcm16 => "pcm16",
        SampleFormat.Pcm24 => "pcm24",
        SampleFormat.Pcm32 => "pcm32",
        SampleFormat.Float32 => "float32",
        SampleFormat.Float64 => "float64",
        _ => "unknown",
    };
}
