using System.CommandLine;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Timing;

namespace AudioPost.Cli.Commands;

/// <summary>
/// <c>audiopost info FILE [--json] [--timecode-rate RATE] [--recover]</c>: prints what an audio file's header says,
/// its Broadcast Wave, iXML and marker metadata, and the start timecode derived from the bext TimeReference.
/// </summary>
internal static class InfoCommand
{
    /// <summary>Builds the <c>info</c> command.</summary>
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The audio file to inspect." };
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON object (format, sample_format, sample_rate, channels, channel_layout, channel_mask, frames, duration_seconds, bext, timecode, ixml, markers).",
        };
        var timecodeRate = new Option<string>("--timecode-rate")
        {
            Description = "Timecode rate for the start timecode when the file's iXML names none (default 25; df = drop-frame).",
        };
        timecodeRate.AcceptOnlyFromAmong(TimecodeRates.Labels);
        var recover = new Option<bool>("--recover")
        {
            Description = "Read files whose header sizes are stale (a recorder that was cut off) as far as their audio goes.",
        };

        var command = new Command("info", "Show an audio file's format, length, timecode and metadata (bext, iXML, markers).")
        {
            file,
            json,
            timecodeRate,
            recover,
        };

        command.SetAction(parseResult =>
        {
            var configuration = parseResult.InvocationConfiguration;
            return Run(
                parseResult.GetRequiredValue(file),
                parseResult.GetValue(json),
                FrameRate.TryParse(parseResult.GetValue(timecodeRate), out var rate) ? rate : null,
                parseResult.GetValue(recover),
                configuration.Output,
                configuration.Error);
        });
        return command;
    }

    private static int Run(string path, bool json, FrameRate? timecodeRate, bool recover, TextWriter stdout, TextWriter stderr)
    {
        AudioFileInfo info;
        try
        {
            using var reader = CliFormats.Registry.OpenRead(path, new DecoderOptions { RecoveryMode = recover });
            info = reader.Info;
        }
        catch (Exception exception) when (CliErrors.IsBadInput(exception))
        {
            return CliErrors.ReportBadInput(stderr, path, exception);
        }

        var timecode = StartTimecode.From(info, timecodeRate);
        if (json)
        {
            InfoJson.Write(info, timecode, stdout);
        }
        else
        {
            InfoText.Write(path, info, timecode, stdout);
        }

        return ExitCodes.Success;
    }
}
