using System.Buffers;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Formats;

namespace AudioPost.Cli.Commands;

/// <summary>
/// <c>audiopost convert IN OUT [--format F] [--dither none|tpdf] [--recover]</c>: rewrites an audio file in another
/// sample format and/or container (chosen by OUT's extension), keeping its rate, channels and all metadata.
/// </summary>
internal static class ConvertCommand
{
    private static readonly string[] Formats = ["pcm16", "pcm24", "pcm32", "float32", "float64"];
    private static readonly string[] Dithers = ["none", "tpdf"];

    public static Command Create()
    {
        var input = new Argument<string>("IN") { Description = "The audio file to read." };
        var output = new Argument<string>("OUT") { Description = "The file to write; its extension picks the container (e.g. .wav)." };
        var format = new Option<string>("--format")
        {
            Description = "Sample format of OUT: pcm16, pcm24, pcm32, float32 or float64. Default: IN's.",
        };
        format.AcceptOnlyFromAmong(Formats);
        var dither = new Option<string>("--dither")
        {
            Description = "none (default: bit-exact) or tpdf (triangular dither before quantising to pcm16 or pcm24; no effect on pcm32 and float).",
            DefaultValueFactory = _ => "none",
        };
        dither.AcceptOnlyFromAmong(Dithers);
        var recover = new Option<bool>("--recover")
        {
            Description = "Read an IN whose header sizes are stale (a recorder that was cut off) as far as its audio goes.",
        };

        var json = new Option<bool>("--json") { Description = "Print one JSON object describing the result (path, frames, sample_format, dither)." };

        var command = new Command("convert", "Convert an audio file to another sample format or container, keeping its metadata.")
        {
            input, output, format, dither, recover, json,
        };

        command.SetAction(parseResult =>
        {
            var configuration = parseResult.InvocationConfiguration;
            var request = new ConvertRequest(
                parseResult.GetRequiredValue(input),
                parseResult.GetRequiredValue(output),
                SampleFormatNames.Parse(parseResult.GetValue(format)),
                parseResult.GetValue(dither) == "tpdf",
                parseResult.GetValue(recover),
                parseResult.GetValue(json));
            return Run(request, configuration.Output, configuration.Error);
        });
        return command;
    }

    private static int Run(ConvertRequest request, TextWriter stdout, TextWriter stderr)
    {
        var registry = CliFormats.Registry;
        if (IsSameFile(request.Input, request.Output))
        {
            return CliErrors.Report(stderr, $"{request.Output}: OUT is the same file as IN; write to another file", ExitCodes.BadUsage);
        }

        if (!registry.TryGetFormatByExtension(request.Output, out var container) || !registry.TryGetEncoder(container, out _))
        {
            return CliErrors.Report(
                stderr,
                $"{request.Output}: no registered format writes '{Path.GetExtension(request.Output)}' files; use for example .wav",
                ExitCodes.BadUsage);
        }

        IAudioFileReader reader;
        try
        {
            reader = registry.OpenRead(request.Input, new DecoderOptions { RecoveryMode = request.Recover });
        }
        catch (Exception exception) when (CliErrors.IsBadInput(exception))
        {
            return CliErrors.ReportBadInput(stderr, request.Input, exception);
        }

        using (reader)
        {
            var sampleFormat = request.Format ?? reader.Info.SampleFormat;
            var bar = ConsoleProgressBar.CreateIfInteractive(stderr, request.Json);
            var copy = new ConvertCopy(reader, request, container, sampleFormat);
            try
            {
                copy.Run(bar);
            }
            catch (Exception exception) when (CliErrors.IsBadInput(exception))
            {
                bar?.Finish();
                return CliErrors.ReportBadInput(stderr, copy.FailedPath, exception);
            }

            bar?.Finish();
            if (request.Json)
            {
                WriteJson(stdout, request.Output, copy.FramesCopied, sampleFormat, copy.Dithered);
            }
            else
            {
                stdout.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Wrote {copy.FramesCopied} frames ({reader.Info.ChannelCount} ch, {reader.Info.SampleRate} Hz, {SampleFormatNames.Get(sampleFormat)}{(copy.Dithered ? ", TPDF dither" : string.Empty)}) to {request.Output}"));
            }

            return ExitCodes.Success;
        }
    }

    private static void WriteJson(TextWriter stdout, string path, long frames, SampleFormat sampleFormat, bool dithered)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("path", path);
            writer.WriteNumber("frames", frames);
            writer.WriteString("sample_format", SampleFormatNames.Get(sampleFormat));
            writer.WriteString("dither", dithered ? "tpdf" : "none");
            writer.WriteEndObject();
        }

        stdout.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    // Full paths compared as the file system would (case-insensitively on Windows and macOS), so "a.wav" and
    // "./A.WAV" are caught where they name the same file; links are not followed.
    private static bool IsSameFile(string input, string output)
    {
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()
            ? StringComparison.OrdinalIgnoreCase
            : StringComparison.Ordinal;
        return string.Equals(Path.GetFullPath(input), Path.GetFullPath(output), comparison);
    }
}

/// <summary>What <c>convert</c> was asked to do.</summary>
/// <param name="Input">IN's path.</param>
/// <param name="Output">OUT's path.</param>
/// <param name="Format">OUT's sample format, or <see langword="null"/> for IN's.</param>
/// <param name="Dither">Whether to add TPDF dither before quantising to PCM of 24 bits or fewer.</param>
/// <param name="Recover">Whether to open IN in recovery mode.</param>
/// <param name="Json">Whether to report the result as JSON (and draw no progress bar).</param>
internal sealed record ConvertRequest(string Input, string Output, SampleFormat? Format, bool Dither, bool Recover, bool Json);
