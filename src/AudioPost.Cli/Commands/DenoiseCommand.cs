using System.CommandLine;
using System.Globalization;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Restoration;
using AudioPost.Sdk.Formats;
using AudioPost.Sdk.Graph;
using AudioPost.Sdk.Processing.Restoration;

namespace AudioPost.Cli.Commands;

/// <summary>
/// <c>audiopost denoise IN OUT [--reduction DB] [--profile START-END] [--dehum auto|off|50|60] [--json]</c>: spectral
/// noise reduction (<see cref="NoiseReductionProcessor"/>), the noise estimated continuously or learned from a
/// noise-only region of IN, mains hum detected and removed first (<see cref="HumRemoval"/>).
/// OUT is sample-aligned with IN (the latency is rendered past the end and dropped from the start), in IN's sample
/// format with IN's metadata.
/// </summary>
internal static class DenoiseCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("IN") { Description = "The noisy audio file." };
        var output = new Argument<string>("OUT") { Description = "The file to write; its extension picks the container (e.g. .wav)." };
        var reduction = new Option<double>("--reduction")
        {
            Description = "Reduction amount in dB, 0 to 60: the most any frequency is attenuated (how much a noise-only passage is lowered). Default 12.",
            DefaultValueFactory = _ => NoiseReductionProcessor.DefaultReductionDb,
        };
        var profile = new Option<string>("--profile")
        {
            Description = "Learn the noise from the noise-only region START-END of IN, in seconds (e.g. 0-1.5), instead of estimating it continuously.",
        };
        var dehum = new Option<string>("--dehum")
        {
            Description = "Mains hum removal before the spectral stage: auto (detect 50 or 60 Hz hum), off, 50 or 60. Default auto.",
            DefaultValueFactory = _ => "auto",
        };
        dehum.AcceptOnlyFromAmong("auto", "off", "50", "60");
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON object: input, output, frames, sample_rate, channels, reduction_db, noise_estimate, profile, dehum, hum_removed, latency_frames, elapsed_seconds, realtime_factor.",
        };

        var command = new Command("denoise", "Reduce steady background noise (hiss, hum, room tone, fans) with spectral noise reduction, keeping metadata.")
        {
            input, output, reduction, profile, dehum, json,
        };

        command.SetAction(parseResult =>
        {
            var configuration = parseResult.InvocationConfiguration;
            var amount = parseResult.GetValue(reduction);
            if (!(amount >= 0 && amount <= SpectralDenoiser.MaxReductionDb))
            {
                return CliErrors.Report(configuration.Error, string.Create(CultureInfo.InvariantCulture, $"--reduction {amount}: must be 0 to {SpectralDenoiser.MaxReductionDb} dB"), ExitCodes.BadUsage);
            }

            (double Start, double End)? region = null;
            if (parseResult.GetValue(profile) is { } text)
            {
                if (!TryParseRegion(text, out var start, out var end))
                {
                    return CliErrors.Report(configuration.Error, $"--profile {text}: expected START-END in seconds with START < END, e.g. 0-1.5", ExitCodes.BadUsage);
                }

                region = (start, end);
            }

            var hum = parseResult.GetValue(dehum) switch
            {
                "off" => HumRemoval.Off,
                "50" => HumRemoval.Hz50,
                "60" => HumRemoval.Hz60,
                _ => HumRemoval.Auto,
            };
            var request = new Request(parseResult.GetRequiredValue(input), parseResult.GetRequiredValue(output), (float)amount, region, hum, parseResult.GetValue(json));
            return Run(request, configuration.Output, configuration.Error);
        });
        return command;
    }

    /// <summary>Parses <c>START-END</c> (seconds, invariant culture, 0 ≤ START &lt; END).</summary>
    internal static bool TryParseRegion(string text, out double start, out double end)
    {
        start = end = 0;
        var dash = text.IndexOf('-', 1);
        return dash > 0
            && double.TryParse(text.AsSpan(0, dash), NumberStyles.Float, CultureInfo.InvariantCulture, out start)
            && double.TryParse(text.AsSpan(dash + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out end)
            && double.IsFinite(start) && double.IsFinite(end) && start >= 0 && end > start;
    }

    private static int Run(Request request, TextWriter stdout, TextWriter stderr)
    {
        var registry = CliFormats.Registry;
        if (!OutputFileCheck.TryResolve(registry, request.Input, request.Output, stderr, out var container))
        {
            return ExitCodes.BadUsage;
        }

        using var temporary = new TemporaryOutput(request.Output);
        var failedPath = request.Input;
        var bar = ConsoleProgressBar.CreateIfInteractive(stderr, request.Json);
        try
        {
            using var reader = registry.OpenRead(request.Input);
            var info = reader.Info;
            if (info.SampleRate < SpectralDenoiser.MinSampleRate || info.SampleRate > SpectralDenoiser.MaxSampleRate)
            {
                return CliErrors.Report(stderr, $"{request.Input}: {info.SampleRate} Hz is outside the noise reducer's {SpectralDenoiser.MinSampleRate} to {SpectralDenoiser.MaxSampleRate} Hz", ExitCodes.BadInput);
            }

            var processor = new NoiseReductionProcessor(request.ReductionDb) { HumRemoval = request.Hum };
            NoiseProfile? profile = null;
            if (request.Region is { } region)
            {
                var start = (long)Math.Round(region.Start * info.SampleRate);
                var end = (long)Math.Round(region.End * info.SampleRate);
                var frameSize = SpectralDenoiser.FrameSizeFor(info.SampleRate);
                if (end > info.Frames)
                {
                    return CliErrors.Report(stderr, string.Create(CultureInfo.InvariantCulture, $"--profile {region.Start}-{region.End}: {request.Input} is only {(double)info.Frames / info.SampleRate:0.###} s long"), ExitCodes.BadUsage);
                }

                if (end - start < frameSize)
                {
                    return CliErrors.Report(stderr, string.Create(CultureInfo.InvariantCulture, $"--profile {region.Start}-{region.End}: the region must be at least {(double)frameSize / info.SampleRate:0.###} s (one analysis frame)"), ExitCodes.BadUsage);
                }

                profile = LearnProfile(reader, start, (int)Math.Min(end - start, 60L * info.SampleRate));
                processor.Profile = profile;
                reader.Seek(0);
            }

            failedPath = request.Output;
            var (latency, result) = FileChainRender.Render(reader, [processor], "denoise", temporary.TemporaryPath, info.SampleFormat, container, registry, bar);
            bar?.Finish();
            bar = null;
            temporary.Commit();
            WriteResult(stdout, request, info, profile, processor.ActiveHumRemoval, latency, result);
            return ExitCodes.Success;
        }
        catch (Exception exception) when (CliErrors.IsBadInput(exception) || exception is ArgumentOutOfRangeException)
        {
            return CliErrors.ReportBadInput(stderr, failedPath, exception);
        }
        finally
        {
            bar?.Finish();
        }
    }

    private static NoiseProfile LearnProfile(IAudioFileReader reader, long start, int frames)
    {
        var channels = reader.Info.ChannelCount;
        var samples = new float[channels * frames];
        var block = new AudioBlock(samples, channels, frames, frames);
        reader.Seek(start);
        var read = 0;
        while (read < frames)
        {
            var n = reader.Read(block.Slice(read));
            if (n <= 0)
            {
                break;
            }

            read += n;
        }

        return NoiseProfile.Learn(new ReadOnlyAudioBlock(samples, channels, read, frames), reader.Info.SampleRate);
    }

    private static void WriteResult(TextWriter stdout, Request request, AudioFileInfo info, NoiseProfile? profile, HumRemoval humRemoved, long latency, RenderProgress result)
    {
        var hum = humRemoved switch
        {
            HumRemoval.Hz50 => "50",
            HumRemoval.Hz60 => "60",
            _ => null,
        };
        if (!request.Json)
        {
            var estimate = profile is null
                ? "noise estimated continuously"
                : string.Create(CultureInfo.InvariantCulture, $"noise profile {request.Region!.Value.Start:0.###}-{request.Region.Value.End:0.###} s ({profile.GetLevelDb(0):0.0} dBFS RMS)");
            stdout.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Denoised {info.Frames} frames ({(double)info.Frames / info.SampleRate:0.###} s, {info.ChannelCount} ch, {info.SampleRate} Hz), reduction {request.ReductionDb:0.#} dB, {estimate}, {(hum is null ? "no hum removed" : hum + " Hz hum removed")}, in {result.Elapsed.TotalSeconds:0.000} s ({result.RealtimeFactor:0}x real time); latency {latency} frames compensated"));
            stdout.WriteLine($"Wrote {request.Output}");
            return;
        }

        JsonOutput.Write(stdout, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("input", request.Input);
            writer.WriteString("output", request.Output);
            writer.WriteNumber("frames", info.Frames);
            writer.WriteNumber("sample_rate", info.SampleRate);
            writer.WriteNumber("channels", info.ChannelCount);
            writer.WriteNumber("reduction_db", request.ReductionDb);
            writer.WriteString("noise_estimate", profile is null ? "continuous" : "profile");
            if (profile is not null)
            {
                writer.WriteStartObject("profile");
                writer.WriteNumber("start_seconds", request.Region!.Value.Start);
                writer.WriteNumber("end_seconds", request.Region.Value.End);
                writer.WriteNumber("level_dbfs", Math.Round(profile.GetLevelDb(0), 2));
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("profile");
            }

            writer.WriteString("dehum", request.Hum switch { HumRemoval.Off => "off", HumRemoval.Hz50 => "50", HumRemoval.Hz60 => "60", _ => "auto" });
            if (hum is null)
            {
                writer.WriteNull("hum_removed");
            }
            else
            {
                writer.WriteString("hum_removed", hum);
            }

            writer.WriteNumber("latency_frames", latency);
            writer.WriteNumber("elapsed_seconds", result.Elapsed.TotalSeconds);
            writer.WriteNumber("realtime_factor", result.RealtimeFactor);
            writer.WriteEndObject();
        });
    }

    private readonly record struct Request(string Input, string Output, float ReductionDb, (double Start, double End)? Region, HumRemoval Hum, bool Json);
}
