using System.CommandLine;
using System.Globalization;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Resampling;
using AudioPost.Sdk.Formats;

namespace AudioPost.Cli.Commands;

/// <summary>
/// <c>audiopost convert IN OUT [--format F] [--dither none|tpdf|shaped] [--sample-rate SR [--quality Q]] [--recover]</c>:
/// rewrites an audio file in another sample format, container (chosen by OUT's extension) and/or sample rate, keeping
/// its channels and all metadata (positions rescaled when the rate changes).
/// </summary>
internal static class ConvertCommand
{
    private static readonly string[] Formats = ["pcm16", "pcm24", "pcm32", "float32", "float64"];
    private static readonly string[] Dithers = ["none", "tpdf", "shaped"];
    private static readonly string[] Qualities = ["quick", "medium", "high", "veryhigh"];

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
            Description = "none (default: bit-exact), tpdf (triangular dither before quantising to pcm16 or pcm24) or shaped (TPDF in a noise-shaping loop: less audible noise); no effect on pcm32 and float.",
            DefaultValueFactory = _ => "none",
        };
        dither.AcceptOnlyFromAmong(Dithers);
        var sampleRate = new Option<int?>("--sample-rate")
        {
            Description = "Sample rate of OUT in Hz, through the band-limited resampler. Default: IN's.",
        };
        sampleRate.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1 or > 1_536_000)
            {
                result.AddError("--sample-rate must be between 1 and 1536000 Hz.");
            }
        });
        var quality = new Option<string>("--quality")
        {
            Description = "Resampler preset with --sample-rate: quick, medium, high (default: 125 dB rejection) or veryhigh (175 dB, double precision).",
            DefaultValueFactory = _ => "high",
        };
        quality.AcceptOnlyFromAmong(Qualities);
        var recover = new Option<bool>("--recover")
        {
            Description = "Read an IN whose header sizes are stale (a recorder that was cut off) as far as its audio goes.",
        };

        var json = new Option<bool>("--json") { Description = "Print one JSON object describing the result (path, frames, sample_rate, sample_format, dither)." };

        var command = new Command("convert", "Convert an audio file to another sample format, container or sample rate, keeping its metadata.")
        {
            input, output, format, dither, sampleRate, quality, recover, json,
        };

        command.SetAction(parseResult =>
        {
            var configuration = parseResult.InvocationConfiguration;
            var request = new ConvertRequest(
                parseResult.GetRequiredValue(input),
                parseResult.GetRequiredValue(output),
                SampleFormatNames.Parse(parseResult.GetValue(format)),
                ParseDither(parseResult.GetValue(dither)),
                parseResult.GetValue(recover),
                parseResult.GetValue(json))
            {
                SampleRate = parseResult.GetValue(sampleRate),
                Quality = ParseQuality(parseResult.GetValue(quality)),
            };
            return Run(request, configuration.Output, configuration.Error);
        });
        return command;
    }

    private static int Run(ConvertRequest request, TextWriter stdout, TextWriter stderr)
    {
        var registry = CliFormats.Registry;
        if (!OutputFileCheck.TryResolve(registry, request.Input, request.Output, stderr, out var container))
        {
            return ExitCodes.BadUsage;
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
            var rate = request.SampleRate ?? reader.Info.SampleRate;
            if (request.Json)
            {
                WriteJson(stdout, request.Output, copy.FramesCopied, rate, sampleFormat, copy.Dithered ? DitherName(request.Dither) : "none");
            }
            else
            {
                var ditherText = !copy.Dithered ? string.Empty : request.Dither == ConvertDither.Shaped ? ", shaped dither" : ", TPDF dither";
                var resampleText = copy.Resampled ? string.Create(CultureInfo.InvariantCulture, $", resampled from {reader.Info.SampleRate} Hz") : string.Empty;
                stdout.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Wrote {copy.FramesCopied} frames ({reader.Info.ChannelCount} ch, {rate} Hz, {SampleFormatNames.Get(sampleFormat)}{ditherText}{resampleText}) to {request.Output}"));
            }

            return ExitCodes.Success;
        }
    }

    private static ConvertDither ParseDither(string? name) => name switch
    {
        "tpdf" => ConvertDither.Tpdf,
        "shaped" => ConvertDither.Shaped,
        _ => ConvertDither.None,
    };

    private static string DitherName(ConvertDither dither) => dither switch
    {
        ConvertDither.Tpdf => "tpdf",
        ConvertDither.Shaped => "shaped",
        _ => "none",
    };

    private static ResamplerQuality ParseQuality(string? name) => name switch
    {
        "quick" => ResamplerQuality.Quick,
        "medium" => ResamplerQuality.Medium,
        "veryhigh" => ResamplerQuality.VeryHigh,
        _ => ResamplerQuality.High,
    };

    private static void WriteJson(TextWriter stdout, string path, long frames, int sampleRate, SampleFormat sampleFormat, string dither)
    {
        JsonOutput.Write(stdout, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("path", path);
            writer.WriteNumber("frames", frames);
            writer.WriteNumber("sample_rate", sampleRate);
            writer.WriteString("sample_format", SampleFormatNames.Get(sampleFormat));
            writer.WriteString("dither", dither);
            writer.WriteEndObject();
        });
    }
}

/// <summary>What <c>convert</c> was asked to do.</summary>
/// <param name="Input">IN's path.</param>
/// <param name="Output">OUT's path.</param>
/// <param name="Format">OUT's sample format, or <see langword="null"/> for IN's.</param>
/// <param name="Dither">Which dither to apply before quantising to PCM of 24 bits or fewer.</param>
/// <param name="Recover">Whether to open IN in recovery mode.</param>
/// <param name="Json">Whether to report the result as JSON (and draw no progress bar).</param>
internal sealed record ConvertRequest(string Input, string Output, SampleFormat? Format, ConvertDither Dither, bool Recover, bool Json)
{
    /// <summary>Gets OUT's sample rate in Hz, or <see langword="null"/> for IN's.</summary>
    public int? SampleRate { get; init; }

    /// <summary>Gets the resampler preset used when the rate changes.</summary>
    public ResamplerQuality Quality { get; init; } = ResamplerQuality.High;
}
