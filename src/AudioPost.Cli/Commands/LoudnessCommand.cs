using System.CommandLine;
using System.Globalization;
using AudioPost.Sdk.Buffers;
using AudioPost.Sdk.Dsp.Loudness;
using AudioPost.Sdk.Formats;

namespace AudioPost.Cli.Commands;

/// <summary>
/// <c>audiopost loudness FILE... [--json] [--plot PNG]</c>: measures BS.1770 / EBU Mode loudness of each file
/// (integrated, LRA, true peak, sample peak, maximum momentary and short-term) and, for several files, the album
/// loudness with pooled gating.
/// </summary>
internal static class LoudnessCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "The audio files to measure.", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json")
        {
            Description = "Print JSON: integrated_lufs, loudness_range_lu, true_peak_dbtp, sample_peak_dbfs, max_momentary_lufs, max_short_term_lufs (null when undefined); several files: {\"files\": [...], \"album\": {...}}.",
        };
        var plot = new Option<string>("--plot") { Description = "Also draw momentary and short-term loudness over time into this PNG file." };
        var command = new Command("loudness", "Measure loudness (BS.1770-4/-5, EBU R 128): integrated, LRA, true peak, maxima; album loudness for several files.")
        {
            files, json, plot,
        };

        command.SetAction(parseResult =>
        {
            var configuration = parseResult.InvocationConfiguration;
            return Run(parseResult.GetRequiredValue(files), parseResult.GetValue(json), parseResult.GetValue(plot), configuration.Output, configuration.Error);
        });
        return command;
    }

    private static int Run(string[] paths, bool json, string? plotPath, TextWriter stdout, TextWriter stderr)
    {
        var meters = new LoudnessMeter[paths.Length];
        var series = new List<LoudnessPlot.Series>();
        for (var i = 0; i < paths.Length; i++)
        {
            try
            {
                using var reader = CliFormats.Registry.OpenRead(paths[i]);
                meters[i] = Measure(reader, plotPath is null ? null : Path.GetFileName(paths[i]), series);
            }
            catch (Exception exception) when (CliErrors.IsBadInput(exception) || exception is ArgumentOutOfRangeException)
            {
                return CliErrors.ReportBadInput(stderr, paths[i], exception);
            }
        }

        if (plotPath is not null)
        {
            try
            {
                LoudnessPlot.Save(plotPath, series);
            }
            catch (Exception exception) when (CliErrors.IsBadInput(exception))
            {
                return CliErrors.ReportBadInput(stderr, plotPath, exception);
            }
        }

        if (json)
        {
            WriteJson(stdout, paths, meters);
        }
        else
        {
            for (var i = 0; i < paths.Length; i++)
            {
                WriteText(stdout, paths[i], meters[i].GetSnapshot().Integrated, meters[i].LoudnessRange, meters[i].TruePeak, meters[i].SamplePeak, meters[i].MaxMomentary, meters[i].MaxShortTerm);
            }

            if (paths.Length > 1)
            {
                var album = LoudnessMeter.Combine(meters);
                WriteText(stdout, "album", album.Integrated, album.LoudnessRange, album.TruePeak, album.SamplePeak, album.MaxMomentary, album.MaxShortTerm);
            }
        }

        return ExitCodes.Success;
    }

    // 100 ms blocks: the meter's hop for the gating blocks, and one point per block for the plot.
    private static LoudnessMeter Measure(IAudioFileReader reader, string? plotName, List<LoudnessPlot.Series> series)
    {
        var info = reader.Info;
        var meter = new LoudnessMeter(info.SampleRate, info.ChannelLayout);
        var blockFrames = Math.Max(1, info.SampleRate / 10);
        var seconds = new List<double>();
        var momentary = new List<double>();
        var shortTerm = new List<double>();
        using var buffer = new AudioBuffer(info.ChannelCount, blockFrames);
        int frames;
        while ((frames = reader.Read(buffer.Block)) > 0)
        {
            meter.Process(buffer.GetBlock(frames));
            if (plotName is not null)
            {
                seconds.Add((double)meter.FramesProcessed / info.SampleRate);
                momentary.Add(meter.Momentary);
                shortTerm.Add(meter.ShortTerm);
            }
        }

        if (plotName is not null)
        {
            series.Add(new LoudnessPlot.Series(plotName, [.. seconds], [.. momentary], [.. shortTerm]));
        }

        return meter;
    }

    private static void WriteJson(TextWriter stdout, string[] paths, LoudnessMeter[] meters)
    {
        JsonOutput.Write(stdout, writer =>
        {
            writer.WriteStartObject();
            if (paths.Length == 1)
            {
                writer.WriteString("file", paths[0]);
                LoudnessJson.WriteReadings(writer, meters[0].GetSnapshot());
            }
            else
            {
                writer.WriteStartArray("files");
                for (var i = 0; i < paths.Length; i++)
                {
                    writer.WriteStartObject();
                    writer.WriteString("file", paths[i]);
                    LoudnessJson.WriteReadings(writer, meters[i].GetSnapshot());
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteStartObject("album");
                LoudnessJson.WriteReadings(writer, LoudnessMeter.Combine(meters));
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        });
    }

    private static void WriteText(TextWriter stdout, string name, double integrated, double range, double truePeak, double samplePeak, double maxMomentary, double maxShortTerm) =>
        stdout.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{name}: I {Format(integrated)} LUFS, LRA {Format(range)} LU, TP {Format(truePeak)} dBTP, SP {Format(samplePeak)} dBFS, max M {Format(maxMomentary)} LUFS, max S {Format(maxShortTerm)} LUFS"));

    internal static string Format(double value) =>
        double.IsFinite(value) ? value.ToString("F1", CultureInfo.InvariantCulture) : double.IsNaN(value) ? "n/a" : "-inf";
}
