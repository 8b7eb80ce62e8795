using System.CommandLine;
using System.Globalization;
using AudioPost.Sdk.Mastering;

namespace AudioPost.Cli.Commands;

/// <summary>
/// <c>audiopost normalize IN OUT (--preset NAME | --target LUFS [--true-peak DBTP]) [--json]</c>: brings IN to a
/// loudness target with one gain (and the true-peak limiter where the gain would break the ceiling), writing OUT in
/// IN's sample format with IN's metadata and the measured output loudness in its BWF <c>bext</c> fields.
/// </summary>
internal static class NormalizeCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("IN") { Description = "The audio file to normalise." };
        var output = new Argument<string>("OUT") { Description = "The file to write; its extension picks the container (e.g. .wav)." };
        var preset = new Option<string>("--preset")
        {
            Description = "A delivery preset (the names above; targets and ceilings in docs/cli.md).",
        };
        preset.AcceptOnlyFromAmong([.. NormalizationTarget.Presets.Select(p => p.Name)]);
        var target = new Option<double?>("--target") { Description = "Target integrated loudness in LUFS (−70 to 0), instead of a preset." };
        var truePeak = new Option<double?>("--true-peak") { Description = "True-peak ceiling in dBTP (−60 to 0) with --target; default −1." };
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON object: target, before and after (loudness keys as in loudness --json), gain_db, limited, limiter_max_gain_reduction_db, passes, within_tolerance.",
        };

        var command = new Command("normalize", "Normalise loudness to a preset or target (two-pass gain, true-peak limiter when needed), keeping metadata.")
        {
            input, output, preset, target, truePeak, json,
        };

        command.Validators.Add(result =>
        {
            // Presence, not values: a value that failed to parse has its own error already, and reading it would throw.
            var hasPreset = result.GetResult(preset) is not null;
            var hasTarget = result.GetResult(target) is not null;
            if (hasPreset == hasTarget)
            {
                result.AddError("Give exactly one of --preset or --target.");
            }
            else if (hasPreset && result.GetResult(truePeak) is not null)
            {
                result.AddError("--true-peak goes with --target; a preset has its own ceiling.");
            }
        });

        command.SetAction(parseResult =>
        {
            var configuration = parseResult.InvocationConfiguration;
            NormalizationTarget goal;
            if (parseResult.GetValue(preset) is { } name)
            {
                NormalizationTarget.TryGetPreset(name, out goal!);
            }
            else
            {
                try
                {
                    goal = new NormalizationTarget(parseResult.GetValue(target)!.Value, parseResult.GetValue(truePeak) ?? -1);
                }
                catch (ArgumentOutOfRangeException exception)
                {
                    return CliErrors.Report(configuration.Error, exception.Message.Split('(')[0].Trim(), ExitCodes.BadUsage);
                }
            }

            return Run(parseResult.GetRequiredValue(input), parseResult.GetRequiredValue(output), goal, parseResult.GetValue(json), configuration.Output, configuration.Error);
        });
        return command;
    }

    private static int Run(string inputPath, string outputPath, NormalizationTarget target, bool json, TextWriter stdout, TextWriter stderr) =>
        MasteringFileRun.Run(
            inputPath,
            outputPath,
            stderr,
            (reader, createOutput) => new LoudnessNormalizer(target).Normalize(reader, createOutput),
            result =>
            {
                if (json)
                {
                    WriteJson(stdout, inputPath, outputPath, result);
                }
                else
                {
                    WriteText(stdout, outputPath, result);
                }
            });

    private static void WriteText(TextWriter stdout, string outputPath, NormalizationResult result)
    {
        static string F(double value) => LoudnessCommand.Format(value);
        var target = result.Target;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Target {target.Name}: {F(target.IntegratedLufs)} LUFS, ceiling {F(target.TruePeakCeilingDbtp)} dBTP"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Before: I {F(result.Input.Integrated)} LUFS, LRA {F(result.Input.LoudnessRange)} LU, TP {F(result.Input.TruePeak)} dBTP"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Gain {result.GainDb:+0.00;-0.00;0.00} dB{(result.Limited ? $", true-peak limiter (max gain reduction {result.MaxLimiterGainReductionDb:F2} dB)" : string.Empty)}"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"After:  I {result.Output.Integrated:F2} LUFS, LRA {F(result.Output.LoudnessRange)} LU, TP {result.Output.TruePeak:F2} dBTP"));
        stdout.WriteLine($"Wrote {outputPath}");
    }

    private static void WriteJson(TextWriter stdout, string inputPath, string outputPath, NormalizationResult result)
    {
        JsonOutput.Write(stdout, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("input", inputPath);
            writer.WriteString("output", outputPath);
            writer.WriteStartObject("target");
            writer.WriteString("name", result.Target.Name);
            writer.WriteNumber("integrated_lufs", result.Target.IntegratedLufs);
            writer.WriteNumber("true_peak_dbtp", result.Target.TruePeakCeilingDbtp);
            writer.WriteEndObject();
            writer.WriteStartObject("before");
            LoudnessJson.WriteReadings(writer, result.Input);
            writer.WriteEndObject();
            writer.WriteStartObject("after");
            LoudnessJson.WriteReadings(writer, result.Output);
            writer.WriteEndObject();
            writer.WriteNumber("gain_db", Math.Round(result.GainDb, 2));
            writer.WriteBoolean("limited", result.Limited);
            writer.WriteNumber("limiter_max_gain_reduction_db", Math.Round(result.MaxLimiterGainReductionDb, 2));
            writer.WriteNumber("passes", result.Passes);
            writer.WriteBoolean("within_tolerance", result.IsWithinTolerance);
            writer.WriteEndObject();
        });
    }
}
