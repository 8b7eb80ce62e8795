using System.CommandLine;
using System.Globalization;
using AudioPost.Sdk.Mastering;

namespace AudioPost.Cli.Commands;

/// <summary>
/// <c>audiopost podcast IN OUT [--target LUFS] [--true-peak DBTP] [--json]</c>: the podcast clean-up chain
/// (<see cref="PodcastChain"/>: high-pass, de-hum, noise reduction, de-ess, EQ, compressor, leveler, loudness
/// normalisation), writing OUT in IN's sample format, and a report of loudness, noise floor and gain riding.
/// </summary>
internal static class PodcastCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("IN") { Description = "The spoken recording to clean up." };
        var output = new Argument<string>("OUT") { Description = "The file to write; its extension picks the container (e.g. .wav)." };
        var target = new Option<double?>("--target") { Description = "Integrated loudness delivered, in LUFS (−70 to 0); default −16." };
        var truePeak = new Option<double?>("--true-peak") { Description = "True-peak ceiling in dBTP (−60 to 0); default −1." };
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON object: stages, hum, before and after (integrated_lufs, true_peak_dbtp, noise_floor_dbfs), leveler_gain_db (min, max, mean), normalization_gain_db, limited.",
        };

        var command = new Command("podcast", "Clean up a spoken recording: high-pass, de-hum, noise reduction, de-ess, EQ, compressor, leveler, loudness normalisation.")
        {
            input, output, target, truePeak, json,
        };

        command.SetAction(parseResult =>
        {
            var configuration = parseResult.InvocationConfiguration;
            PodcastChainOptions options;
            try
            {
                options = new PodcastChainOptions
                {
                    TargetLufs = parseResult.GetValue(target) ?? -16,
                    TruePeakDbtp = parseResult.GetValue(truePeak) ?? -1,
                };
                _ = new NormalizationTarget(options.TargetLufs, options.TruePeakDbtp);
            }
            catch (ArgumentOutOfRangeException exception)
            {
                return CliErrors.Report(configuration.Error, exception.Message.Split('(')[0].Trim(), ExitCodes.BadUsage);
            }

            return Run(parseResult.GetRequiredValue(input), parseResult.GetRequiredValue(output), options, parseResult.GetValue(json), configuration.Output, configuration.Error);
        });
        return command;
    }

    private static int Run(string inputPath, string outputPath, PodcastChainOptions options, bool json, TextWriter stdout, TextWriter stderr) =>
        MasteringFileRun.Run(
            inputPath,
            outputPath,
            stderr,
            (reader, createOutput) => PodcastChain.Process(reader, createOutput, options),
            report =>
            {
                if (json)
                {
                    WriteJson(stdout, inputPath, outputPath, report);
                }
                else
                {
                    WriteText(stdout, outputPath, report);
                }
            });

    private static void WriteText(TextWriter stdout, string outputPath, PodcastReport report)
    {
        static string F(double value) => LoudnessCommand.Format(value);
        var after = report.Normalization.Output;
        stdout.WriteLine($"Stages: {string.Join(" -> ", report.Stages)}{(report.Hum is { } hum ? $" (hum {hum})" : string.Empty)}");
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Before: I {F(report.InputLoudnessLufs)} LUFS, TP {F(report.InputTruePeakDbtp)} dBTP, noise floor {F(report.NoiseFloorBeforeDbfs)} dBFS"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Leveler gain: min {report.LevelerMinGainDb:F1} dB, max {report.LevelerMaxGainDb:F1} dB, mean {report.LevelerMeanGainDb:F1} dB"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Normalisation gain {report.Normalization.GainDb:+0.00;-0.00;0.00} dB{(report.Normalization.Limited ? ", true-peak limited" : string.Empty)}"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"After:  I {after.Integrated:F2} LUFS, TP {after.TruePeak:F2} dBTP, noise floor {F(report.NoiseFloorAfterDbfs)} dBFS"));
        stdout.WriteLine($"Wrote {outputPath}");
    }

    private static void WriteJson(TextWriter stdout, string inputPath, string outputPath, PodcastReport report)
    {
        static double R(double value) => double.IsFinite(value) ? Math.Round(value, 2) : -999;
        JsonOutput.Write(stdout, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("input", inputPath);
            writer.WriteString("output", outputPath);
            writer.WriteStartArray("stages");
            foreach (var stage in report.Stages)
            {
                writer.WriteStringValue(stage);
            }

            writer.WriteEndArray();
            writer.WriteString("hum", report.Hum?.ToString() ?? "off");
            writer.WriteStartObject("before");
            writer.WriteNumber("integrated_lufs", R(report.InputLoudnessLufs));
            writer.WriteNumber("true_peak_dbtp", R(report.InputTruePeakDbtp));
            writer.WriteNumber("noise_floor_dbfs", R(report.NoiseFloorBeforeDbfs));
            writer.WriteEndObject();
            writer.WriteStartObject("after");
            writer.WriteNumber("integrated_lufs", R(report.Normalization.Output.Integrated));
            writer.WriteNumber("true_peak_dbtp", R(report.Normalization.Output.TruePeak));
            writer.WriteNumber("noise_floor_dbfs", R(report.NoiseFloorAfterDbfs));
            writer.WriteEndObject();
            writer.WriteStartObject("leveler_gain_db");
            writer.WriteNumber("min", R(report.LevelerMinGainDb));
            writer.WriteNumber("max", R(report.LevelerMaxGainDb));
            writer.WriteNumber("mean", R(report.LevelerMeanGainDb));
            writer.WriteEndObject();
            writer.WriteNumber("normalization_gain_db", R(report.Normalization.GainDb));
            writer.WriteBoolean("limited", report.Normalization.Limited);
            writer.WriteEndObject();
        });
    }
}
